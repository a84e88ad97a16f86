// SPDX-License-Identifier: GPL-2.0-only
/**
 * The dimensions a property test can vary, by the name used in a scenario's `check: { vary }` and
 * in `timer-emu check --vary`. The defaults are what a correct time source must survive; the
 * faults are added on request.
 */

/** Varied by default: a correct time source keeps its properties under all of them. */
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
  'offsets',
  'jitter',
  'latency',
  'jumps',
  'clock_sets',
  'leap',
] as const;

export const DIMENSIONS = [...DEFAULT_DIMENSIONS, ...FAULT_DIMENSIONS] as const;

export type Dimension = (typeof DIMENSIONS)[number];

export const isDimension = (name: string): name is Dimension =>
  (DIMENSIONS as readonly string[]).includes(name);
