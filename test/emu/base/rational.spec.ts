// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { add, cmp, floor, gcd, mul, rational, sub, ZERO } from '../../../emu/base/rational.js';
import { fc, test } from '../../property-test.js';

/** Euclid on bigints alone: the definition the Number path must agree with. */
function euclid(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Integers around the 2^53 boundary where the computation changes representation. */
const edgy = fc.oneof(
  fc.bigInt({ min: -(1n << 130n), max: 1n << 130n }),
  fc.bigInt({ min: SAFE - 1000n, max: SAFE + 1000n }),
  fc.bigInt({ min: -1000n, max: 1000n }),
);

describe('gcd', () => {
  test.prop([edgy, edgy])('agrees with bigint Euclid, on both sides of 2^53', (a, b) => {
    expect(gcd(a, b)).toBe(euclid(a, b));
  });

  test.prop([edgy, edgy, fc.bigInt({ min: 1n, max: 1n << 70n })])(
    'of common multiples is a multiple of the common factor',
    (a, b, k) => {
      const g = gcd(a * k, b * k);
      expect(g % k).toBe(0n);
      if (g !== 0n) expect([(a * k) % g, (b * k) % g]).toEqual([0n, 0n]);
    },
  );

  it('handles zeros, signs and the largest exact double', () => {
    expect(gcd(0n, 0n)).toBe(0n);
    expect(gcd(0n, -12n)).toBe(12n);
    expect(gcd(-18n, 12n)).toBe(6n);
    expect(gcd(SAFE, SAFE - 1n)).toBe(1n);
    expect(gcd(SAFE + 1n, 1n << 52n)).toBe(1n << 52n);
    expect(gcd(10n ** 15n * 3n, 10n ** 18n)).toBe(10n ** 15n);
  });
});

describe('rational', () => {
  const nonZero = edgy.filter((d) => d !== 0n);

  test.prop([edgy, nonZero])('is normalised: positive denominator, lowest terms', (n, d) => {
    const r = rational(n, d);
    expect(r.den > 0n).toBe(true);
    expect(gcd(r.num, r.den)).toBe(1n);
    expect(r.num * d).toBe(n * r.den);
  });

  test.prop([edgy, nonZero, edgy, nonZero])('add, sub and mul are exact', (a, b, c, d) => {
    const x = rational(a, b);
    const y = rational(c, d);
    expect(cmp(sub(add(x, y), y), x)).toBe(0);
    expect(cmp(mul(x, y), rational(a * c, b * d))).toBe(0);
  });

  test.prop([edgy, nonZero, edgy, nonZero])(
    'add, sub and mul give the lowest terms of the schoolbook formulas',
    (a, b, c, d) => {
      const x = rational(a, b);
      const y = rational(c, d);
      expect(add(x, y)).toEqual(rational(x.num * y.den + y.num * x.den, x.den * y.den));
      expect(sub(x, y)).toEqual(rational(x.num * y.den - y.num * x.den, x.den * y.den));
      expect(mul(x, y)).toEqual(rational(x.num * y.num, x.den * y.den));
    },
  );

  it('add and mul with zero, and sums that cancel, are zero over one', () => {
    const third = rational(1n, 3n);
    expect(add(ZERO, third)).toEqual(third);
    expect(add(third, rational(-2n, 6n))).toEqual(ZERO);
    expect(sub(rational(5n, 6n), rational(5n, 6n))).toEqual(ZERO);
    expect(mul(third, ZERO)).toEqual(ZERO);
    expect(mul(rational(-4n, 9n), rational(3n, 8n))).toEqual(rational(-1n, 6n));
  });

  test.prop([edgy, nonZero])('floor rounds towards minus infinity', (n, d) => {
    const f = floor(rational(n, d));
    const r = rational(n, d);
    expect(f * r.den <= r.num && r.num < (f + 1n) * r.den).toBe(true);
  });

  it('rejects a zero denominator', () => {
    expect(() => rational(1n, 0n)).toThrow(/zero denominator/);
  });
});
