// SPDX-License-Identifier: GPL-2.0-only
/**
 * Simulated time: an exact integer count of femtoseconds since the start of the run (`bigint`).
 * This is the reference representation (docs/architecture.md, "Simulated time and CPUs"); any faster form must be
 * held equal to it by a property test. Nothing below the CLI reads the host clock.
 */
import { ceil, floor, type Rational } from './rational.js';

export type TimeFs = bigint;

export const FS_PER_PS = 1_000n;
export const FS_PER_NS = 1_000_000n;
export const FS_PER_US = 1_000_000_000n;
export const FS_PER_MS = 1_000_000_000_000n;
export const FS_PER_S = 1_000_000_000_000_000n;
/** Wall-clock and kernel values are in ns: a second of them. */
export const NS_PER_S = 1_000_000_000n;

export const minFs = (a: TimeFs, b: TimeFs): TimeFs => (a < b ? a : b);
export const maxFs = (a: TimeFs, b: TimeFs): TimeFs => (a > b ? a : b);

/** Whole nanoseconds in `fs`, rounded toward −∞ (so −1 fs is −1 ns). */
export function fsToNsFloor(fs: TimeFs): bigint {
  const q = fs / FS_PER_NS;
  return fs < 0n && q * FS_PER_NS !== fs ? q - 1n : q;
}

export const nsToFs = (ns: bigint): TimeFs => ns * FS_PER_NS;

/**
 * Cycles completed by a clock of `hz` started at time 0: floor(fs · hz / 10^15), exact. A counter
 * that ticks at multiples of its period reads this value at time `fs`.
 */
export function cyclesAt(fs: TimeFs, hz: Rational): bigint {
  return floor({ num: fs * hz.num, den: hz.den * FS_PER_S });
}

/**
 * The first instant at which a clock of `hz` started at 0 has completed `cycles` cycles:
 * ceil(cycles · 10^15 / hz), exact. Inverse of `cyclesAt`: cyclesAt(fsOfCycles(c)) = c and, for
 * hz ≤ 10^15 (at most one cycle per fs), cyclesAt(fsOfCycles(c) − 1) = c − 1 for c > 0.
 */
export function fsOfCycles(cycles: bigint, hz: Rational): TimeFs {
  if (hz.num <= 0n) throw new RangeError('fsOfCycles: frequency must be positive');
  return ceil({ num: cycles * FS_PER_S * hz.den, den: hz.num });
}
