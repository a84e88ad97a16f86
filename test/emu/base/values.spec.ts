// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect } from 'vitest';
import type { z } from 'zod';
import {
  cyclesDist,
  durationDist,
  durationFs,
  frequencyHz,
  i64,
  ppm,
  range,
  signedDurationFs,
  u64,
  wholeNs,
} from '../../../emu/base/values.js';
import { flattenIssues } from '../../../emu/scenario/errors.js';
import { fc, test } from '../../property-test.js';

/** The parsed value, or the plain-words messages of its issues. */
function run(schema: z.ZodType, input: unknown): unknown {
  const r = schema.safeParse(input, { reportInput: true });
  return r.success ? r.data : { errors: flattenIssues(r.error.issues).map((i) => i.message) };
}

describe('64-bit integers', () => {
  test('accept decimal and 0x strings up to 2^64 − 1 and small plain numbers', () => {
    expect(run(u64, '18446744073709551615')).toBe(2n ** 64n - 1n);
    expect(run(u64, '0xFFFFFFFFFFFFFFFF')).toBe(2n ** 64n - 1n);
    expect(run(u64, 4096)).toBe(4096n);
    expect(run(i64, '-0x8000000000000000')).toBe(-(2n ** 63n));
  });

  test('reject what does not fit, and ask for quotes above 2^53', () => {
    expect(run(u64, '18446744073709551616')).toEqual({
      errors: ['must be between 0 and 18446744073709551615'],
    });
    expect(run(u64, -1)).toEqual({ errors: ['must be between 0 and 18446744073709551615'] });
    expect(run(u64, 2 ** 60)).toEqual({
      errors: ['is above 2^53 and loses digits unquoted: write it in quotes'],
    });
    expect(run(u64, 1.5)).toEqual({ errors: ['expected an unsigned 64-bit integer, got 1.5'] });
    expect(run(u64, '012')).toEqual({
      errors: [
        'expected an unsigned 64-bit integer: a decimal or 0x string (or a plain number below 2^53), got "012"',
      ],
    });
  });

  test.prop([fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })], { numRuns: 50 })(
    'every i64 reads back from its decimal text',
    (v) => {
      expect(run(i64, v.toString())).toBe(v);
    },
  );
});

describe('durations', () => {
  test('are exact femtoseconds in every unit', () => {
    expect(run(durationFs, '1.2us')).toBe(1_200_000_000n);
    expect(run(durationFs, '3µs')).toBe(3_000_000_000n);
    expect(run(durationFs, '30d')).toBe(30n * 86_400n * 10n ** 15n);
    expect(run(durationFs, 0)).toBe(0n);
    expect(run(signedDurationFs, '-3ns')).toBe(-3_000_000n);
  });

  test('name what is wrong', () => {
    expect(run(durationFs, '0.5fs')).toEqual({
      errors: ['not a whole number of femtoseconds: "0.5fs"'],
    });
    expect(run(durationFs, 5)).toEqual({
      errors: ['a duration needs a unit: write "5us", "5ms", … (fs ps ns us ms s min h d)'],
    });
    expect(run(durationFs, '-1ms')).toEqual({ errors: ['must not be negative: "-1ms"'] });
  });

  test('kernel timespec values must be whole nanoseconds', () => {
    expect(run(wholeNs(durationFs), '1.5us')).toBe(1500n);
    expect(run(wholeNs(durationFs), '1.5ns')).toEqual({
      errors: ['must be a whole number of nanoseconds (the kernel takes a timespec)'],
    });
  });
});

describe('frequencies and ppm', () => {
  test('are exact rationals', () => {
    expect(run(frequencyHz, '14.31818MHz')).toEqual({ num: 14_318_180n, den: 1n });
    expect(run(frequencyHz, '1.0000001Hz')).toEqual({ num: 10_000_001n, den: 10_000_000n });
    expect(run(ppm, 0.1)).toEqual({ num: 1n, den: 10n });
    expect(run(ppm, '-250')).toEqual({ num: -250n, den: 1n });
  });

  test('a frequency needs a unit', () => {
    expect(run(frequencyHz, 1000)).toEqual({
      errors: ['a frequency needs a unit: write "1000Hz", "1000MHz", … (Hz kHz MHz GHz)'],
    });
  });
});

describe('distributions', () => {
  test('each form becomes its DistSpec', () => {
    expect(run(durationDist, '1us')).toEqual({ kind: 'constant', value: 10n ** 9n });
    expect(run(durationDist, { uniform: ['1ns', '2ns'] })).toEqual({
      kind: 'uniform',
      min: 1_000_000n,
      max: 2_000_000n,
    });
    expect(run(durationDist, { exponential: '20us' })).toEqual({
      kind: 'exponential',
      mean: 2n * 10n ** 10n,
    });
    expect(run(cyclesDist, { normal: { mean: -5, sd: 2 } })).toEqual({
      kind: 'normal',
      mean: -5n,
      sd: 2n,
    });
    expect(run(cyclesDist, { choice: [0, '0x10'] })).toEqual({ kind: 'choice', values: [0n, 16n] });
  });

  test('a malformed distribution is reported inside the form it was meant as', () => {
    expect(run(durationDist, { uniform: ['1ns', 'soon'] })).toEqual({
      errors: [
        'expected a duration such as "250ms" (a number and a unit: fs ps ns us ms s min h d), got "soon"',
      ],
    });
    expect(run(cyclesDist, { normal: { mean: 0, sd: -1 } })).toEqual({
      errors: ['normal: the standard deviation must not be negative'],
    });
    expect(run(cyclesDist, { choice: [] })).toEqual({ errors: ['needs at least 1 entries'] });
    expect(run(durationDist, { uniform: ['1ns'], extra: 1 })).toEqual({
      errors: ['needs at least 2 entries', 'unknown key (allowed: uniform)'],
    });
  });
});

describe('ranges', () => {
  const r = range(durationFs, '"1ms"');
  test('a bare value is a maximum; either bound may be absent', () => {
    expect(run(r, '1ms')).toEqual({ max: 10n ** 12n });
    expect(run(r, { min: '1ns' })).toEqual({ min: 1_000_000n });
  });
  test('an empty or inverted range is an error', () => {
    expect(run(r, {})).toEqual({ errors: ['a range needs min, max or both'] });
    expect(run(r, { min: '2ms', max: '1ms' })).toEqual({ errors: ['min must not exceed max'] });
  });
});
