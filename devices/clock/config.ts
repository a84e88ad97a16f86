// SPDX-License-Identifier: GPL-2.0-only
/**
 * The clock model's knobs (docs/scenario.md, "Clock model"; docs/devices.md), already parsed
 * into exact values. Every knob is optional and they combine: the fractional frequency error is
 * `drift_ppm + wander + temperature`, and jumps step the counter.
 */

import type { Distribution } from '../../emu/base/distribution.js';
import { add, cmp, neg, type Rational } from '../../emu/base/rational.js';
import type { TimeFs } from '../../emu/base/time.js';

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
