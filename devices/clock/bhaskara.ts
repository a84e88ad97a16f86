// SPDX-License-Identifier: GPL-2.0-only
/**
 * An integer-only periodic profile for the temperature knob. Each period is cut into
 * `TEMPERATURE_STEPS` equal steps; step j holds sin(2π·(j + ½)/TEMPERATURE_STEPS) as given by
 * Bhaskara I's approximation (7th century), sin(πu) ≈ 16u(1−u) / (5 − 4u(1−u)) for u in [0, 1],
 * whose absolute error is below 0.0017. Evaluated exactly in rationals, then rounded down to
 * 10^-6 ppm so the frequency denominators stay small (a power of ten).
 */
import { floor, type Rational, rational } from '../../emu/base/rational.js';

export const TEMPERATURE_STEPS = 64n;
const HALF = TEMPERATURE_STEPS / 2n;
const MICRO = 1_000_000n;

/** Bhaskara's sine of π·a/n for 0 <= a <= n, as an exact rational. */
export function bhaskaraSinPi(a: bigint, n: bigint): Rational {
  const p = a * (n - a);
  return rational(16n * p, 5n * n * n - 4n * p);
}

/** The ppm offset held during step `step` (any integer ≥ 0) for an amplitude in ppm. */
export function temperaturePpm(amplitudePpm: Rational, step: bigint): Rational {
  const j = step % TEMPERATURE_STEPS;
  // the midpoint of step j within its half period, in units of 1/(2·HALF) of that half period
  const half = j < HALF ? j : j - HALF;
  const s = bhaskaraSinPi(2n * half + 1n, 2n * HALF);
  const signed = j < HALF ? s : { num: -s.num, den: s.den };
  const micro = floor(
    rational(amplitudePpm.num * signed.num * MICRO, amplitudePpm.den * signed.den),
  );
  return rational(micro, MICRO);
}

/** Start of step `step` of a profile with period `periodFs`, in fs (steps of equal length ±1 fs). */
export const temperatureStepStartFs = (periodFs: bigint, step: bigint): bigint =>
  (step * periodFs) / TEMPERATURE_STEPS;
