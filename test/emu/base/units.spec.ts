// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { div, eq, mul, ONE, rational } from '../../../emu/base/rational.js';
import {
  formatDurationFs,
  formatFrequency,
  frequencyOfPeriodFs,
  parseDurationFs,
  parseFrequencyHz,
  parsePpm,
  parseSignedDurationFs,
  periodFsOf,
  UnitError,
} from '../../../emu/base/units.js';
import { fc, test } from '../../property-test.js';

describe('parseDurationFs', () => {
  it.each([
    ['1fs', 1n],
    ['1ps', 1_000n],
    ['1ns', 1_000_000n],
    ['1us', 1_000_000_000n],
    ['1µs', 1_000_000_000n],
    ['1μs', 1_000_000_000n],
    ['1ms', 1_000_000_000_000n],
    ['1s', 1_000_000_000_000_000n],
    ['1min', 60_000_000_000_000_000n],
    ['1h', 3_600_000_000_000_000_000n],
    ['1d', 86_400_000_000_000_000_000n],
    ['1.2us', 1_200_000_000n],
    ['250ms', 250_000_000_000_000n],
    ['30d', 2_592_000_000_000_000_000_000n],
    ['69841.279ps', 69_841_279n],
    ['0.000000000000001s', 1n],
    ['1.5 h', 5_400_000_000_000_000_000n],
    ['0', 0n],
    ['0.0', 0n],
    ['0ns', 0n],
  ])('%s is %d fs', (text, fs) => {
    expect(parseDurationFs(text)).toBe(fs);
  });

  it.each([
    ['0.1fs', /not a whole number of femtoseconds: "0.1fs"/],
    ['0.0000000000000001s', /not a whole number of femtoseconds/],
    ['5', /a unit is required/],
    ['1e3us', /scientific notation is not accepted/],
    ['1.5E-3s', /scientific notation is not accepted/],
    ['3 parsecs', /unknown unit "parsecs"/],
    ['1MHz', /unknown unit "MHz"/],
    ['', /not a decimal number/],
    ['.5s', /not a decimal number/],
    ['1.2.3us', /not a decimal number/],
    ['-3ns', /must not be negative/],
  ])('rejects %j', (text, message) => {
    expect(() => parseDurationFs(text)).toThrow(UnitError);
    expect(() => parseDurationFs(text)).toThrow(message);
  });

  it('rejects a non-string with a UnitError', () => {
    expect(() => parseDurationFs(5 as unknown as string)).toThrow(UnitError);
  });

  // the unit tables are plain objects: a unit named like an inherited member was found in them
  // (a function), and `--duration 1toString` was an internal error
  it.each(['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'])(
    'rejects the unit %s, a member every object inherits, as unknown',
    (unit) => {
      expect(() => parseDurationFs(`1${unit}`)).toThrow(
        new UnitError(`duration: unknown unit "${unit}" (fs ps ns us µs ms s min h d): "1${unit}"`),
      );
      expect(() => parseFrequencyHz(`1${unit}`)).toThrow(
        new UnitError(`frequency: unknown unit "${unit}" (Hz kHz MHz GHz): "1${unit}"`),
      );
    },
  );
});

describe('parseSignedDurationFs', () => {
  it('accepts signs', () => {
    expect(parseSignedDurationFs('-3ns')).toBe(-3_000_000n);
    expect(parseSignedDurationFs('+2us')).toBe(2_000_000_000n);
    expect(parseSignedDurationFs('-1fs')).toBe(-1n);
  });
  it('still requires whole femtoseconds', () => {
    expect(() => parseSignedDurationFs('-0.5fs')).toThrow(/whole number of femtoseconds/);
  });
});

describe('formatDurationFs', () => {
  it.each([
    [0n, '0'],
    [1_200_000_000n, '1.2us'],
    [250_000_000_000_000n, '250ms'],
    [1_250_000_000_000n, '1.25ms'],
    [2_592_000_000_000_000_000_000n, '30d'],
    [5_400_000_000_000_000_000n, '1.5h'],
    [90_000_000_000_000_000n, '90s'],
    [69_841_279n, '69841279fs'],
    [-3_000_000n, '-3ns'],
    [1n, '1fs'],
  ])('%d fs is %s', (fs, text) => {
    expect(formatDurationFs(fs)).toBe(text);
  });

  test.prop([fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n })], { numRuns: 300 })(
    'parseSignedDurationFs ∘ formatDurationFs is the identity',
    (fs) => {
      expect(parseSignedDurationFs(formatDurationFs(fs))).toBe(fs);
    },
  );

  test.prop(
    [
      fc.bigInt({ min: 1n, max: 10n ** 6n }),
      fc.constantFrom(1n, 1_000n, 1_000_000n, 10n ** 9n, 10n ** 12n, 10n ** 15n),
    ],
    { numRuns: 200 },
  )('a round number of a unit prints no longer than its digits and unit', (n, unitFs) => {
    const text = formatDurationFs(n * unitFs);
    expect(text.length).toBeLessThanOrEqual(`${n}`.length + 2);
  });
});

describe('parseFrequencyHz', () => {
  it('is exact', () => {
    expect(parseFrequencyHz('14.31818MHz')).toEqual(rational(14_318_180n));
    expect(parseFrequencyHz('1.5GHz')).toEqual(rational(1_500_000_000n));
    expect(parseFrequencyHz('3579545Hz')).toEqual(rational(3_579_545n));
    expect(parseFrequencyHz('32.768kHz')).toEqual(rational(32_768n));
    expect(parseFrequencyHz('0.5Hz')).toEqual(rational(1n, 2n));
  });
  it.each([
    ['5', /a unit is required/],
    ['0Hz', /must be positive/],
    ['-1MHz', /must be positive/],
    ['1.4e7Hz', /scientific notation/],
    ['1Mhz', /unknown unit "Mhz"/],
    ['1us', /unknown unit "us"/],
  ])('rejects %j', (text, message) => {
    expect(() => parseFrequencyHz(text)).toThrow(UnitError);
    expect(() => parseFrequencyHz(text)).toThrow(message);
  });
});

describe('formatFrequency', () => {
  it.each([
    ['14.31818MHz', '14.31818MHz'],
    ['1.5GHz', '1.5GHz'],
    ['3579545Hz', '3.579545MHz'],
    ['999Hz', '999Hz'],
    ['1000Hz', '1kHz'],
    ['0.5Hz', '0.5Hz'],
  ])('%s prints as %s', (text, printed) => {
    expect(formatFrequency(parseFrequencyHz(text))).toBe(printed);
  });

  it('marks a non-terminating frequency as approximate, rounded on integers', () => {
    expect(formatFrequency(frequencyOfPeriodFs(69_841_279n))).toBe('≈14.31817994MHz');
    expect(formatFrequency(rational(1n, 3n))).toBe('≈0.333333333Hz');
    expect(formatFrequency(rational(2n, 3n))).toBe('≈0.666666667Hz');
  });

  test.prop([fc.bigInt({ min: 1n, max: 10n ** 13n }), fc.integer({ min: 0, max: 9 })], {
    numRuns: 200,
  })('an exact decimal frequency round-trips', (digits, scale) => {
    const hz = rational(digits, 10n ** BigInt(scale));
    expect(parseFrequencyHz(formatFrequency(hz))).toEqual(hz);
  });
});

describe('periods', () => {
  it('converts exactly', () => {
    expect(periodFsOf(rational(14_318_180n))).toEqual(rational(10n ** 15n, 14_318_180n));
    expect(frequencyOfPeriodFs(69_841_279n)).toEqual(rational(10n ** 15n, 69_841_279n));
    expect(periodFsOf(rational(1_000_000_000n))).toEqual(rational(1_000_000n));
  });
  it('rejects non-positive inputs', () => {
    expect(() => periodFsOf(rational(0n))).toThrow(RangeError);
    expect(() => frequencyOfPeriodFs(0n)).toThrow(RangeError);
  });
  test.prop([fc.bigInt({ min: 1n, max: 10n ** 20n })], { numRuns: 200 })(
    'period and frequency are inverse and multiply to 10^15',
    (periodFs) => {
      const hz = frequencyOfPeriodFs(periodFs);
      expect(periodFsOf(hz)).toEqual(rational(periodFs));
      expect(eq(div(mul(hz, rational(periodFs)), rational(10n ** 15n)), ONE)).toBe(true);
    },
  );
});

describe('parsePpm', () => {
  it.each([
    ['0.01', rational(1n, 100n)],
    ['-250', rational(-250n)],
    ['40ppm', rational(40n)],
    ['+1.5', rational(3n, 2n)],
  ])('%s', (text, value) => {
    expect(parsePpm(text)).toEqual(value);
  });
  it('takes numbers by their shortest decimal form', () => {
    expect(parsePpm(0.01)).toEqual(rational(1n, 100n));
    expect(parsePpm(0.1)).toEqual(rational(1n, 10n));
    expect(parsePpm(-250)).toEqual(rational(-250n));
    expect(parsePpm(1e-7)).toEqual(rational(1n, 10_000_000n));
    expect(parsePpm(1.5e21)).toEqual(rational(15n * 10n ** 20n));
  });
  it('rejects what is not a decimal number', () => {
    expect(() => parsePpm(Number.NaN)).toThrow(UnitError);
    expect(() => parsePpm('1e3')).toThrow(/scientific notation/);
    expect(() => parsePpm('40Hz')).toThrow(/unexpected unit/);
    expect(() => parsePpm('ten')).toThrow(UnitError);
  });
});
