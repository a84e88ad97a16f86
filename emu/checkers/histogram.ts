/**
 * A fixed-precision histogram of non-negative integers for streaming quantiles, in the style of
 * HdrHistogram: values below 256 have a bucket each (exact); above, each power of two [2^k, 2^(k+1))
 * is split into 128 equal buckets, so a bucket spans less than 1/128 of its lower bound. A quantile
 * is reported as the upper bound of the bucket that holds it: exact below 256, otherwise at most
 * 0.79 % above the true value and never below it. Buckets are kept sparse, so memory grows with
 * the spread of the values (≈ 128 buckets per power of two reached), not with their count.
 */

const SUB_BITS = 7;
const SUB_COUNT = 1 << SUB_BITS; // 128
const EXACT_LIMIT = SUB_COUNT * 2; // 256: values below have their own bucket
const EXACT_LIMIT_BIG = BigInt(EXACT_LIMIT);
const SAFE_LIMIT = 1n << 53n;

function bitLength(v: bigint): number {
  if (v < SAFE_LIMIT) {
    const n = Number(v);
    const high = Math.floor(n / 0x1_0000_0000);
    return high > 0 ? 64 - Math.clz32(high) : 32 - Math.clz32(n);
  }
  return v.toString(2).length;
}

/** The bucket of a value >= 0. */
export function bucketIndex(v: bigint): number {
  if (v < EXACT_LIMIT_BIG) return Number(v);
  const shift = bitLength(v) - (SUB_BITS + 1);
  const top = Number(v >> BigInt(shift)); // in [128, 256)
  return EXACT_LIMIT + (shift - 1) * SUB_COUNT + (top - SUB_COUNT);
}

/** The largest value in a bucket. */
export function bucketUpperBound(index: number): bigint {
  if (index < EXACT_LIMIT) return BigInt(index);
  const shift = Math.floor((index - EXACT_LIMIT) / SUB_COUNT) + 1;
  const top = ((index - EXACT_LIMIT) % SUB_COUNT) + SUB_COUNT;
  return (BigInt(top + 1) << BigInt(shift)) - 1n;
}

export class Histogram {
  private readonly counts = new Map<number, number>();
  private total = 0;

  get count(): number {
    return this.total;
  }

  add(v: bigint): void {
    if (v < 0n) throw new RangeError(`Histogram: negative value ${v}`);
    const i = bucketIndex(v);
    this.counts.set(i, (this.counts.get(i) ?? 0) + 1);
    this.total++;
  }

  /**
   * The nearest-rank quantile `num/den` (the ceil(n·num/den)-th smallest value, at least the
   * first), as its bucket's upper bound; 0 when empty.
   */
  quantile(num: number, den: number): bigint {
    if (this.total === 0) return 0n;
    const rank = Math.max(1, Math.ceil((this.total * num) / den));
    const keys = [...this.counts.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const k of keys) {
      seen += this.counts.get(k)!;
      if (seen >= rank) return bucketUpperBound(k);
    }
    return bucketUpperBound(keys[keys.length - 1]!);
  }
}
