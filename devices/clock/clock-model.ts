// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `clock` key of a device in a scenario file (docs/scenario.md, "Clock model"): its schema, the
 * validated value (`ClockModel`, the jitter still a DistSpec) and its conversion into the
 * oscillator's ClockConfig. Every knob is optional and they combine.
 */
import { z } from 'zod';
import { type DistSpec, fromSpec } from '../../emu/base/distribution.js';
import type { Rational } from '../../emu/base/rational.js';
import {
  cyclesDist,
  durationFs,
  i64,
  obj,
  positiveDurationFs,
  ppm,
} from '../../emu/base/values.js';
import { type ClockConfig, clockIssues } from './config.js';

/** Mirrors ClockConfig (config.ts), with the jitter as a DistSpec. */
export interface ClockModel {
  readonly driftPpm: Rational;
  readonly wander?: {
    readonly stepPpm: Rational;
    readonly everyFs: bigint;
    readonly minPpm: Rational;
    readonly maxPpm: Rational;
  };
  readonly temperature?: { readonly amplitudePpm: Rational; readonly periodFs: bigint };
  /** steps of the counter, in file order */
  readonly jumps: readonly { readonly atFs: bigint; readonly byCycles: bigint }[];
  /** cycles added to each read, never stored */
  readonly jitterCycles?: DistSpec;
}

/** A clock model with every knob at rest: no drift, no jumps. */
export const IDEAL_CLOCK: ClockModel = { driftPpm: { num: 0n, den: 1n }, jumps: [] };

const wander = obj({
  step_ppm: ppm.describe('size of one random-walk step of the frequency, ppm'),
  every: positiveDurationFs.describe('time between steps'),
  min_ppm: ppm,
  max_ppm: ppm,
}).transform((w, ctx) => {
  if (w.step_ppm.num <= 0n) {
    ctx.issues.push({
      code: 'custom',
      message: 'step_ppm must be positive',
      input: w,
      path: ['step_ppm'],
    });
  }
  return { stepPpm: w.step_ppm, everyFs: w.every, minPpm: w.min_ppm, maxPpm: w.max_ppm };
});

const temperature = obj({
  amplitude_ppm: ppm.describe('peak frequency error of the periodic profile, ppm'),
  period: positiveDurationFs,
}).transform((t) => ({ amplitudePpm: t.amplitude_ppm, periodFs: t.period }));

const jump = obj({
  at: durationFs.describe('when the counter steps'),
  by_cycles: i64.describe('the step in counter cycles; negative = backwards'),
}).transform((j) => ({ atFs: j.at, byCycles: j.by_cycles }));

/** The clock model: every knob optional, all combined. */
export const clockModel = obj(
  {
    drift_ppm: ppm.optional().describe('constant frequency error, ppm'),
    wander: wander.optional(),
    temperature: temperature.optional(),
    jumps: z.array(jump).optional(),
    jitter: obj({
      cycles: cyclesDist.describe('cycles added to each read, never stored'),
    }).optional(),
  },
  'clock model: drift, wander, temperature, jumps and jitter, combined',
)
  .transform((c, ctx): ClockModel => {
    const model: {
      -readonly [K in keyof ClockModel]: ClockModel[K];
    } = { driftPpm: c.drift_ppm ?? { num: 0n, den: 1n }, jumps: c.jumps ?? [] };
    if (c.wander) model.wander = c.wander;
    if (c.temperature) model.temperature = c.temperature;
    if (c.jitter) model.jitterCycles = c.jitter.cycles;
    for (const issue of clockIssues(clockConfig(model))) {
      ctx.issues.push({ code: 'custom', message: issue.message, input: c, path: [...issue.path] });
    }
    return model;
  })
  .meta({ id: 'ClockModel' });

/** The oscillator's configuration of a validated clock model. */
export function clockConfig(m: ClockModel): ClockConfig {
  return {
    driftPpm: m.driftPpm,
    ...(m.wander ? { wander: { ...m.wander } } : {}),
    ...(m.temperature ? { temperature: { ...m.temperature } } : {}),
    jumps: m.jumps.map((j) => ({ atFs: j.atFs, byCycles: j.byCycles })),
    ...(m.jitterCycles
      ? { jitter: { cycles: fromSpec(m.jitterCycles, 'count', { signed: true }) } }
      : {}),
  };
}
