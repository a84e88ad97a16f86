// SPDX-License-Identifier: GPL-2.0-only
/**
 * The clock model's knobs (docs/scenario.md, "Clock model"; docs/devices.md), already parsed
 * into exact values. Every knob is optional and they combine: the fractional frequency error is
 * `drift_ppm + wander + temperature`, and jumps step the counter.
 */

import type { Distribution } from '../../emu/base/distribution.js';
import { add, cmp, neg, type Rational, reduced, ZERO } from '../../emu/base/rational.js';
import type { TimeFs } from '../../emu/base/time.js';
import { TEMPERATURE_STEPS } from './bhaskara.js';

/** Bounded random walk of the frequency (as INET's `RandomDriftOscillator`). */
export interface WanderConfig {
  /** size of one step, ppm; each step goes up or down with equal probability */
  readonly stepPpm: Rational;
  /** time between steps; the k-th step happens at k × everyFs */
  readonly everyFs: TimeFs;
  readonly minPpm: Rational;
  readonly maxPpm: Rational;
}

/** A periodic frequency error (an input temperature profile, not a thermal simulation). */
export interface TemperatureConfig {
  readonly amplitudePpm: Rational;
  readonly periodFs: TimeFs;
}

/** A step of the counter at `atFs` by `byCycles` (negative = backwards): a resume or VM event. */
export interface JumpConfig {
  readonly atFs: TimeFs;
  readonly byCycles: bigint;
}

export interface ClockConfig {
  /** constant frequency error, ppm (default 0) */
  readonly driftPpm?: Rational;
  readonly wander?: WanderConfig;
  readonly temperature?: TemperatureConfig;
  readonly jumps?: readonly JumpConfig[];
  /** cycles added to each `read`, never stored and never seen by `peek` */
  readonly jitter?: { readonly cycles: Distribution };
}

/**
 * The same knobs with every rational in lowest terms, as the arithmetic on them expects
 * (emu/base/rational.ts): the scenario schema gives them so, a device written by hand may not.
 */
export function inLowestTerms(c: ClockConfig): ClockConfig {
  const { driftPpm, wander, temperature } = c;
  return {
    ...c,
    ...(driftPpm === undefined ? {} : { driftPpm: reduced(driftPpm) }),
    ...(wander === undefined
      ? {}
      : {
          wander: {
            ...wander,
            stepPpm: reduced(wander.stepPpm),
            minPpm: reduced(wander.minPpm),
            maxPpm: reduced(wander.maxPpm),
          },
        }),
    ...(temperature === undefined
      ? {}
      : { temperature: { ...temperature, amplitudePpm: reduced(temperature.amplitudePpm) } }),
  };
}

/**
 * Whether the frequency stays above zero with a constant drift of `driftPpm` on top of the lowest
 * the wander (its `minPpm`) and the temperature profile (−|amplitude|) can add: the fractional error
 * must stay above −10^6 ppm.
 */
export function staysPositive(
  driftPpm: Rational,
  clock: {
    readonly wander?: { readonly minPpm: Rational } | undefined;
    readonly temperature?: { readonly amplitudePpm: Rational } | undefined;
  },
): boolean {
  let lowest = driftPpm;
  if (clock.wander) lowest = add(lowest, clock.wander.minPpm);
  if (clock.temperature) {
    const a = clock.temperature.amplitudePpm;
    lowest = add(lowest, a.num < 0n ? a : neg(a));
  }
  return cmp(lowest, { num: -1_000_000n, den: 1n }) > 0;
}

/** One violated requirement of the clock model, at the path of its knob in the `clock` key. */
export interface ClockIssue {
  readonly path: readonly string[];
  readonly message: string;
}

/** How a clock model that could stop or run backwards is reported. */
export const FREQUENCY_FLOOR = 'the frequency would reach zero or below';

/**
 * What the oscillator requires of a clock model, as a list of issues: the one predicate the loader
 * (clock-model.ts) and the oscillator (oscillator.ts) both apply, so that a model the loader
 * accepts never fails in the device.
 */
export function clockIssues(clock: ClockConfig): ClockIssue[] {
  const issues: ClockIssue[] = [];
  const w = clock.wander;
  if (w && w.everyFs <= 0n) issues.push({ path: ['wander', 'every'], message: 'must be positive' });
  if (w && cmp(w.minPpm, w.maxPpm) > 0) {
    issues.push({ path: ['wander', 'min_ppm'], message: 'min_ppm must not exceed max_ppm' });
  }
  if (w && cmp(w.stepPpm, ZERO) < 0) {
    issues.push({ path: ['wander', 'step_ppm'], message: 'step_ppm must not be negative' });
  }
  const t = clock.temperature;
  if (t && t.periodFs < TEMPERATURE_STEPS) {
    issues.push({
      path: ['temperature', 'period'],
      message: `must be at least ${TEMPERATURE_STEPS}fs: the profile holds ${TEMPERATURE_STEPS} steps of at least 1 fs each`,
    });
  }
  if ((clock.jumps ?? []).some((j) => j.atFs < 0n)) {
    issues.push({ path: ['jumps'], message: 'a jump must not be before time 0' });
  }
  if (!staysPositive(clock.driftPpm ?? ZERO, clock)) {
    issues.push({
      path: floorPath(clock),
      message: `${FREQUENCY_FLOOR}: drift_ppm + wander.min_ppm − |temperature.amplitude_ppm| must stay above −1000000`,
    });
  }
  return issues;
}

/** The knob the floor message points at: the drift if given, else the wander, else the profile. */
function floorPath(c: ClockConfig): string[] {
  if (c.driftPpm !== undefined && c.driftPpm.num !== 0n) return ['drift_ppm'];
  if (c.wander !== undefined) return ['wander', 'min_ppm'];
  if (c.temperature !== undefined) return ['temperature', 'amplitude_ppm'];
  return ['drift_ppm'];
}

/**
 * The frequency changes a clock schedules in a run of `durationFs`: one per wander step, 64 per
 * temperature period. The loader bounds it (emu/base/limits.ts, MAX_CLOCK_STEPS_PER_RUN).
 */
export function clockStepsIn(
  clock: {
    readonly wander?: { readonly everyFs: TimeFs } | undefined;
    readonly temperature?: { readonly periodFs: TimeFs } | undefined;
  },
  durationFs: bigint,
): bigint {
  let steps = 0n;
  if (clock.wander && clock.wander.everyFs > 0n) steps += durationFs / clock.wander.everyFs;
  const t = clock.temperature;
  if (t && t.periodFs > 0n) steps += (durationFs * TEMPERATURE_STEPS) / t.periodFs;
  return steps;
}
