// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import {
  bhaskaraSinPi,
  TEMPERATURE_STEPS,
  temperaturePpm,
} from '../../../devices/clock/bhaskara.js';
import { rational } from '../../../emu/base/rational.js';

describe('bhaskara', () => {
  it('is exact at 0, π/2 and π', () => {
    expect(bhaskaraSinPi(0n, 2n)).toEqual(rational(0n));
    expect(bhaskaraSinPi(1n, 2n)).toEqual(rational(1n));
    expect(bhaskaraSinPi(2n, 2n)).toEqual(rational(0n));
  });

  it('stays within 0.0017 of the sine (floats in the test only)', () => {
    for (let a = 0n; a <= 1000n; a++) {
      const s = bhaskaraSinPi(a, 1000n);
      expect(
        Math.abs(Number(s.num) / Number(s.den) - Math.sin((Math.PI * Number(a)) / 1000)),
      ).toBeLessThan(0.0017);
    }
  });

  it('gives an odd profile over one period, rounded down to 1e-6 ppm', () => {
    const amp = rational(50n);
    for (let j = 0n; j < TEMPERATURE_STEPS / 2n; j++) {
      const up = temperaturePpm(amp, j);
      const down = temperaturePpm(amp, j + TEMPERATURE_STEPS / 2n);
      expect(1_000_000n % up.den).toBe(0n);
      expect(up.num * down.den + down.num * up.den).toBeGreaterThanOrEqual(-1n * up.den * down.den);
      expect(temperaturePpm(amp, j + TEMPERATURE_STEPS)).toEqual(up);
    }
  });
});
