// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import {
  bucketIndex,
  bucketUpperBound,
  Histogram,
  smallBucketIndex,
} from '../../../emu/checkers/histogram.js';
import { fc, test } from '../../property-test.js';

/** Integers below 2^53, dense around each power of two, where bucket boundaries fall. */
const safeIntArb = fc.oneof(
  fc.nat({ max: 1000 }),
  fc.maxSafeNat(),
  fc
    .tuple(fc.integer({ min: 0, max: 52 }), fc.integer({ min: -2, max: 2 }))
    .map(([k, d]) => Math.min(Math.max(2 ** k + d, 0), Number.MAX_SAFE_INTEGER)),
);

describe('histogram buckets', () => {
  it('are exact below 256', () => {
    for (let v = 0n; v < 256n; v++) expect(bucketUpperBound(bucketIndex(v))).toBe(v);
    expect(bucketIndex(256n)).toBe(256);
    expect(bucketUpperBound(256)).toBe(257n);
  });

  test.prop([fc.bigInt({ min: 0n, max: 1n << 90n })], { numRuns: 500 })(
    'bound each value from above within 1/128 of it',
    (v) => {
      const upper = bucketUpperBound(bucketIndex(v));
      expect(upper >= v).toBe(true);
      expect((upper - v) * 128n <= v).toBe(true);
    },
  );

  test.prop([fc.integer({ min: 0, max: 20_000 })], { numRuns: 500 })(
    'are contiguous: the value after a bucket’s upper bound opens the next bucket',
    (i) => {
      expect(bucketIndex(bucketUpperBound(i))).toBe(i);
      expect(bucketIndex(bucketUpperBound(i) + 1n)).toBe(i + 1);
    },
  );

  test.prop([fc.bigInt({ min: 0n, max: 1n << 70n }), fc.bigInt({ min: 0n, max: 1n << 70n })])(
    'are monotone',
    (a, b) => {
      if (a <= b) expect(bucketIndex(a) <= bucketIndex(b)).toBe(true);
    },
  );
});

describe('histogram buckets of Numbers', () => {
  test.prop([safeIntArb], { numRuns: 1000 })('are those of the same value as a bigint', (v) => {
    expect(smallBucketIndex(v)).toBe(bucketIndex(BigInt(v)));
  });

  it('agree at every power of two and its neighbours', () => {
    for (let k = 0; k < 53; k++)
      for (const v of [2 ** k - 1, 2 ** k, 2 ** k + 1].filter((x) => x <= Number.MAX_SAFE_INTEGER))
        expect(smallBucketIndex(v)).toBe(bucketIndex(BigInt(v)));
  });
});

describe('Histogram', () => {
  it('gives nearest-rank quantiles, exact for small values', () => {
    const h = new Histogram();
    for (let v = 1n; v <= 100n; v++) h.add(v);
    expect(h.count).toBe(100);
    expect(h.quantile(50, 100)).toBe(50n);
    expect(h.quantile(99, 100)).toBe(99n);
    expect(h.quantile(100, 100)).toBe(100n);
    expect(h.quantile(0, 100)).toBe(1n);
  });

  it('is 0 when empty and rejects negative values', () => {
    expect(new Histogram().quantile(50, 100)).toBe(0n);
    expect(() => new Histogram().add(-1n)).toThrow(RangeError);
  });

  test.prop([fc.array(fc.bigInt({ min: 0n, max: 1n << 60n }), { minLength: 1, maxLength: 200 })])(
    'a quantile is the bucket bound of the exact nearest-rank value',
    (values) => {
      const h = new Histogram();
      for (const v of values) h.add(v);
      const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const p of [1, 50, 90, 99]) {
        const exact = sorted[Math.max(1, Math.ceil((values.length * p) / 100)) - 1]!;
        expect(h.quantile(p, 100)).toBe(bucketUpperBound(bucketIndex(exact)));
      }
    },
  );

  test.prop(
    [fc.array(fc.oneof(safeIntArb, fc.bigInt({ min: 0n, max: 1n << 70n })), { maxLength: 200 })],
    { numRuns: 200 },
  )('counts a value alike whether added as a Number or a bigint', (values) => {
    const mixed = new Histogram();
    const big = new Histogram();
    for (const v of values) {
      if (typeof v === 'number') mixed.addNumber(v);
      else mixed.add(v);
      big.add(BigInt(v));
    }
    expect(mixed.count).toBe(big.count);
    for (const [num, den] of [
      [0, 1],
      [1, 100],
      [1, 2],
      [99, 100],
      [1, 1],
      [3, 2],
    ] as const)
      expect(mixed.quantile(num, den)).toBe(big.quantile(num, den));
  });

  test.prop(
    [
      fc.array(fc.array(fc.bigInt({ min: 0n, max: 1n << 60n }), { maxLength: 50 }), {
        maxLength: 5,
      }),
    ],
    { numRuns: 200 },
  )('addAll counts the values of each histogram added', (groups) => {
    const merged = new Histogram();
    const direct = new Histogram();
    for (const g of groups) {
      const h = new Histogram();
      for (const v of g) {
        h.add(v);
        direct.add(v);
      }
      merged.addAll(h);
    }
    expect(merged.count).toBe(direct.count);
    for (const p of [1, 50, 99, 100]) expect(merged.quantile(p, 100)).toBe(direct.quantile(p, 100));
  });

  it('rejects Numbers that are negative, fractional or not below 2^53', () => {
    const h = new Histogram();
    for (const v of [-1, 0.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => h.addNumber(v)).toThrow(RangeError);
    expect(h.count).toBe(0);
  });
});
