// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { staysPositive } from '../../../devices/clock/config.js';
import { Oscillator } from '../../../devices/clock/oscillator.js';
import { type Rational, rational } from '../../../emu/base/rational.js';
import { FS_PER_MS, FS_PER_S } from '../../../emu/base/time.js';
import { fakeRng } from '../helpers/fake-rng.js';

const ppm = (n: bigint, den = 1n): Rational => rational(n, den);
const wander = (minPpm: Rational) => ({
  stepPpm: ppm(1n),
  everyFs: FS_PER_MS,
  minPpm,
  maxPpm: ppm(1_000_000n),
});
const temperature = (amplitudePpm: Rational) => ({ amplitudePpm, periodFs: FS_PER_S });

describe('staysPositive: the frequency error stays above −10^6 ppm', () => {
  it('holds just above the bound and fails at it, for a constant drift', () => {
    expect(staysPositive(ppm(-999_999_999n, 1000n), {})).toBe(true);
    expect(staysPositive(ppm(-1_000_000n), {})).toBe(false);
  });

  it('adds the wander floor and the temperature swing on either sign of the amplitude', () => {
    expect(staysPositive(ppm(-500_000n), { wander: wander(ppm(-499_999n)) })).toBe(true);
    expect(staysPositive(ppm(-500_000n), { wander: wander(ppm(-500_000n)) })).toBe(false);
    for (const a of [ppm(400_000n), ppm(-400_000n)]) {
      expect(staysPositive(ppm(-599_999n), { temperature: temperature(a) })).toBe(true);
      expect(staysPositive(ppm(-600_000n), { temperature: temperature(a) })).toBe(false);
    }
    expect(
      staysPositive(ppm(0n), {
        wander: wander(ppm(-600_000n)),
        temperature: temperature(ppm(-400_000n)),
      }),
    ).toBe(false);
  });

  it('is what the oscillator accepts, at construction and in setDrift', () => {
    const make = (driftPpm: Rational) =>
      new Oscillator({
        nominalHz: rational(1_000_000n),
        clock: { driftPpm, wander: wander(ppm(-5n)) },
        rng: fakeRng(1n),
      });
    expect(() => make(ppm(-999_995n))).toThrow(RangeError);
    const o = make(ppm(-999_994n));
    expect(() => o.setDrift(ppm(-999_995n), 0n)).toThrow(RangeError);
    expect(() => o.setDrift(ppm(-999_994n), 0n)).not.toThrow();
  });
});
