// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `check` section: what `timer-emu check` varies around the scenario and within which bounds
 * (docs/scenario.md, "check"; docs/property-testing.md). `timer-emu run` ignores it.
 */
import { z } from 'zod';
import { durationFs, int, obj } from '../base/values.js';

/** Varied by default: what a correct time source must survive. */
export const DEFAULT_DIMENSIONS = [
  'cpus',
  'workload',
  'irq_off',
  'hz',
  'drift',
  'duration',
  'seed',
] as const;

/** Faults and hardware changes, varied only on request. */
export const FAULT_DIMENSIONS = [
  'wander',
  'temperature',
  'offsets',
  'jitter',
  'latency',
  'jumps',
  'clock_sets',
  'leap',
] as const;

export const DIMENSIONS = [...DEFAULT_DIMENSIONS, ...FAULT_DIMENSIONS] as const;

export type Dimension = (typeof DIMENSIONS)[number];

/** `defaults` in a list of dimensions stands for DEFAULT_DIMENSIONS. */
export const DEFAULTS_WORD = 'defaults';

/** A list of dimension names with `defaults` expanded, each once, in the order of DIMENSIONS. */
export function expandDimensions(names: readonly string[]): Dimension[] {
  const set = new Set<string>(names);
  if (set.has(DEFAULTS_WORD)) for (const d of DEFAULT_DIMENSIONS) set.add(d);
  return DIMENSIONS.filter((d) => set.has(d));
}

export interface CheckConfig {
  readonly vary: readonly Dimension[];
  /** the most CPUs a case has; absent: the base's count, at least 4, at most 16 */
  readonly maxCpus?: number;
  /** the largest |drift|, ppm; absent: what the scenario's interpolators register */
  readonly driftPpm?: number;
  /** the shortest run of a case */
  readonly minDurationFs?: bigint;
  /** cases to run; absent: 100 (`--runs` overrides) */
  readonly runs?: number;
}

export const check = obj(
  {
    vary: z
      .array(z.enum([DEFAULTS_WORD, ...DIMENSIONS]))
      .min(1)
      .default([DEFAULTS_WORD])
      .describe('what to vary: dimension names; "defaults" stands for the default ones'),
    max_cpus: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('the most CPUs a case has (at most the machine limit)'),
    drift_ppm: int(0, 999_999).optional().describe('the largest |clock drift| of a case, ppm'),
    min_duration: durationFs.optional().describe('the shortest run of a case'),
    runs: int(1, 1_000_000).optional().describe('cases to run (default 100)'),
  },
  'what timer-emu check varies, and within which bounds',
).transform((c): CheckConfig => {
  const out: { -readonly [K in keyof CheckConfig]: CheckConfig[K] } = {
    vary: expandDimensions(c.vary),
  };
  if (c.max_cpus !== undefined) out.maxCpus = c.max_cpus;
  if (c.drift_ppm !== undefined) out.driftPpm = c.drift_ppm;
  if (c.min_duration !== undefined) out.minDurationFs = c.min_duration;
  if (c.runs !== undefined) out.runs = c.runs;
  return out;
});

export const isDimension = (name: string): name is Dimension =>
  (DIMENSIONS as readonly string[]).includes(name);
