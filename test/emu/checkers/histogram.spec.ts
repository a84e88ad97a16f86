import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { bucketIndex, bucketUpperBound, Histogram } from '../../../emu/checkers/histogram.js';

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
});
