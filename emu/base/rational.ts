// SPDX-License-Identifier: GPL-2.0-only
/**
 * Exact rationals on bigint, for frequencies, periods and ppm (no floating point in time).
 * Always normalised: `den > 0` and `gcd(|num|, den) = 1`. Build one with `rational`; `add`, `sub`
 * and `mul` rely on their operands being normalised to return normalised results.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * Up to this, a remainder is exact in a double: Euclid goes on in Numbers, without a bigint a step.
 */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The greatest common divisor of |a| and |b| (0 when both are 0). */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    if (x <= SAFE && y <= SAFE) {
      let p = Number(x);
      let q = Number(y);
      while (q !== 0) {
        const r = p % q;
        p = q;
        q = r;
      }
      return BigInt(p);
    }
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('rational: zero denominator');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

/** `r` in lowest terms: for a pair from outside (a hand-written device) that may not be. */
export const reduced = (r: Rational): Rational => rational(r.num, r.den);

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

/**
 * a + b in lowest terms by Knuth's method (TAOCP vol. 2, §4.5.1): with d1 = gcd(a.den, b.den),
 * a common factor of the sum's numerator and denominator can only divide d1, so the gcds are of
 * the small denominators, and none is needed when they are coprime. The result is the same
 * normalised pair as reducing a.num·b.den + b.num·a.den over a.den·b.den.
 */
export function add(a: Rational, b: Rational): Rational {
  if (a.num === 0n) return b;
  if (b.num === 0n) return a;
  const d1 = gcd(a.den, b.den);
  if (d1 === 1n) return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
  const t = a.num * (b.den / d1) + b.num * (a.den / d1);
  if (t === 0n) return ZERO;
  const d2 = gcd(t, d1);
  return { num: t / d2, den: (a.den / d1) * (b.den / d2) };
}

export const sub = (a: Rational, b: Rational): Rational => add(a, neg(b));

/**
 * a · b in lowest terms by Knuth's method (§4.5.1): cancel gcd(a.num, b.den) and gcd(b.num, a.den)
 * before multiplying; as both operands are in lowest terms, nothing else can cancel.
 */
export function mul(a: Rational, b: Rational): Rational {
  if (a.num === 0n || b.num === 0n) return ZERO;
  const d1 = gcd(a.num, b.den);
  const d2 = gcd(b.num, a.den);
  return { num: (a.num / d1) * (b.num / d2), den: (a.den / d2) * (b.den / d1) };
}

export const div = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const neg = (a: Rational): Rational => ({ num: -a.num, den: a.den });
export const inverse = (a: Rational): Rational => rational(a.den, a.num);
export const cmp = (a: Rational, b: Rational): -1 | 0 | 1 => {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
export const eq = (a: Rational, b: Rational): boolean => a.num === b.num && a.den === b.den;

/** Largest integer <= a. */
export function floor(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}

/** Smallest integer >= a. */
export const ceil = (a: Rational): bigint => -floor(neg(a));

/** floor(x * a) for an integer x, without building the intermediate rational. */
export function floorMul(x: bigint, a: Rational): bigint {
  return floor({ num: x * a.num, den: a.den });
}

export const isInteger = (a: Rational): boolean => a.den === 1n;

/** Decimal text for reports, e.g. `14318180` or `99780000/1` → `99780000`, `1/3` → `1/3`. */
export const formatRational = (a: Rational): string =>
  a.den === 1n ? `${a.num}` : `${a.num}/${a.den}`;
