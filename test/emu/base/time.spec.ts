// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { rational } from '../../../emu/base/rational.js';
import {
  cyclesAt,
  FS_PER_MS,
  FS_PER_NS,
  FS_PER_PS,
  FS_PER_S,
  FS_PER_US,
  fsOfCycles,
  fsToNsFloor,
  maxFs,
  minFs,
  nsToFs,
} from '../../../emu/base/time.js';
import { frequencyOfPeriodFs, parseFrequencyHz } from '../../../emu/base/units.js';
import { fc, test } from '../../property-test.js';

const DAY_FS = 86_400n * FS_PER_S;

describe('unit constants', () => {
  it('are powers of 1000 of the femtosecond', () => {
    expect([FS_PER_PS, FS_PER_NS, FS_PER_US, FS_PER_MS, FS_PER_S]).toEqual([
      10n ** 3n,
      10n ** 6n,
      10n ** 9n,
      10n ** 12n,
      10n ** 15n,
    ]);
  });
});

describe('min, max and ns conversions', () => {
  test.prop([fc.bigInt(), fc.bigInt()])('minFs and maxFs order a pair', (a, b) => {
    expect(minFs(a, b) <= maxFs(a, b)).toBe(true);
    expect([minFs(a, b), maxFs(a, b)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(
      [a, b].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
    );
  });

  it('floors toward −∞', () => {
    expect(fsToNsFloor(1_999_999n)).toBe(1n);
    expect(fsToNsFloor(2_000_000n)).toBe(2n);
    expect(fsToNsFloor(-1n)).toBe(-1n);
    expect(fsToNsFloor(-1_000_000n)).toBe(-1n);
    expect(fsToNsFloor(-1_000_001n)).toBe(-2n);
  });

  test.prop([fc.bigInt()])('fsToNsFloor is the largest ns not after fs', (fs) => {
    const ns = fsToNsFloor(fs);
    expect(nsToFs(ns) <= fs && fs < nsToFs(ns + 1n)).toBe(true);
  });
});

describe('cycles ↔ femtoseconds', () => {
  const hpet = frequencyOfPeriodFs(69_841_279n);

  it('counts an HPET period exactly', () => {
    expect(cyclesAt(69_841_278n, hpet)).toBe(0n);
    expect(cyclesAt(69_841_279n, hpet)).toBe(1n);
    expect(fsOfCycles(1n, hpet)).toBe(69_841_279n);
    expect(cyclesAt(FS_PER_S, parseFrequencyHz('14.31818MHz'))).toBe(14_318_180n);
  });

  it('handles a 30-day run at 1.5 GHz without loss', () => {
    const hz = parseFrequencyHz('1.5GHz');
    expect(cyclesAt(30n * DAY_FS, hz)).toBe(30n * 86_400n * 1_500_000_000n);
    expect(fsOfCycles(3n, hz)).toBe(2_000_000n); // 3 cycles at 1.5 GHz are 2 ns
  });

  test.prop(
    [
      fc.bigInt({ min: 0n, max: 30n * DAY_FS }),
      fc.bigInt({ min: 1n, max: 10n ** 12n }),
      fc.bigInt({ min: 1n, max: 10n ** 6n }),
    ],
    { numRuns: 300 },
  )('cyclesAt is floor(fs·hz/10^15) and fsOfCycles its least inverse', (fs, num, den) => {
    const hz = rational(num, den);
    const c = cyclesAt(fs, hz);
    // c / hz ≤ fs / 10^15 < (c + 1) / hz, multiplied out
    expect(c * FS_PER_S * hz.den <= fs * hz.num).toBe(true);
    expect(fs * hz.num < (c + 1n) * FS_PER_S * hz.den).toBe(true);
    const t = fsOfCycles(c, hz);
    expect(t <= fs).toBe(true);
    expect(cyclesAt(t, hz)).toBe(c);
    if (c > 0n) expect(cyclesAt(t - 1n, hz)).toBe(c - 1n);
  });

  it('rejects a non-positive frequency in fsOfCycles', () => {
    expect(() => fsOfCycles(1n, rational(0n))).toThrow(RangeError);
  });
});
