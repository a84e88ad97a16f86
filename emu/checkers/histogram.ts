// SPDX-License-Identifier: GPL-2.0-only
/**
 * A fixed-precision histogram of non-negative integers for streaming quantiles, in the style of
 * HdrHistogram: values below 256 have a bucket each (exact); above, each power of two [2^k, 2^(k+1))
 * is split into 128 equal buckets, so a bucket spans less than 1/128 of its lower bound. A quantile
 * is reported as the upper bound of the bucket that holds it: exact below 256, otherwise at most
 * 0.79 % above the true value and never below it. Memory grows with the spread of the values, not
 * with their count: the 128 counts of a power of two are an array allocated when a value first falls
 * in it (values from 2^53 on, in a Map).
 */

const SUB_BITS = 7;
const SUB_COUNT = 1 << SUB_BITS; // 128
const EXACT_LIMIT = SUB_COUNT * 2; // 256: values below have their own bucket
const EXACT_LIMIT_BIG = BigInt(EXACT_LIMIT);
const SAFE_LIMIT = 1n << 53n;
const SAFE_LIMIT_NUMBER = 2 ** 53;
/** the values below 2^53 fill 47 levels of 128 buckets (bucketIndex(2^53) = 47 · 128) */
const DENSE_LEVELS = 47;

/** 2^k for k < 54, exact */
const POW2: readonly number[] = Array.from({ length: 54 }, (_, k) => Number(1n << BigInt(k)));

/** The bucket of a value >= 0. */
export function bucketIndex(v: bigint): number {
  if (v < EXACT_LIMIT_BIG) return Number(v);
  if (v < SAFE_LIMIT) return smallBucketIndex(Number(v));
  const shift = v.toString(2).length - (SUB_BITS + 1);
  const top = Number(v >> BigInt(shift)); // in [128, 256)
  return EXACT_LIMIT + (shift - 1) * SUB_COUNT + (top - SUB_COUNT);
}

/** `bucketIndex` of an integer 0 <= v < 2^53 given as a Number, without a `bigint`. */
export function smallBucketIndex(v: number): number {
  if (v < EXACT_LIMIT) return v;
  const high = Math.floor(v / 0x1_0000_0000);
  const bits = high > 0 ? 64 - Math.clz32(high) : 32 - Math.clz32(v);
  const shift = bits - (SUB_BITS + 1);
  // division by a power of two is exact, and so is the floor of it
  const top = Math.floor(v / POW2[shift]!);
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
  /** per level (128 buckets: level 0 and 1 are the exact values, then one per power of two) */
  private readonly levels: (Float64Array | undefined)[] = new Array(DENSE_LEVELS).fill(undefined);
  private readonly levelCounts = new Float64Array(DENSE_LEVELS);
  /** buckets of the values from 2^53 on */
  private readonly sparse = new Map<number, number>();
  private total = 0;

  get count(): number {
    return this.total;
  }

  add(v: bigint): void {
    if (v < 0n) throw new RangeError(`Histogram: negative value ${v}`);
    this.count1(bucketIndex(v), 1);
  }

  /** `add` of an integer 0 <= v < 2^53 given as a Number. */
  addNumber(v: number): void {
    if (!(v >= 0 && v < SAFE_LIMIT_NUMBER && Number.isInteger(v)))
      throw new RangeError(`Histogram: ${v} is not an integer in [0, 2^53)`);
    this.count1(smallBucketIndex(v), 1);
  }

  /** Adds every value counted by `other`. */
  addAll(other: Histogram): void {
    other.levels.forEach((counts, level) => {
      if (counts === undefined) return;
      counts.forEach((n, j) => {
        if (n !== 0) this.count1(level * SUB_COUNT + j, n);
      });
    });
    for (const [i, n] of other.sparse) this.count1(i, n);
  }

  private count1(i: number, n: number): void {
    this.total += n;
    if (i >= DENSE_LEVELS * SUB_COUNT) {
      this.sparse.set(i, (this.sparse.get(i) ?? 0) + n);
      return;
    }
    const level = i >>> SUB_BITS;
    let counts = this.levels[level];
    if (counts === undefined) {
      counts = new Float64Array(SUB_COUNT);
      this.levels[level] = counts;
    }
    counts[i & (SUB_COUNT - 1)]! += n;
    this.levelCounts[level]! += n;
  }

  /**
   * The nearest-rank quantile `num/den` (the ceil(n·num/den)-th smallest value, at least the
   * first), as its bucket's upper bound; 0 when empty.
   */
  quantile(num: number, den: number): bigint {
    if (this.total === 0) return 0n;
    const rank = Math.max(1, Math.ceil((this.total * num) / den));
    const walk: RankWalk = { seen: 0, last: -1 };
    return this.denseQuantile(rank, walk) ?? this.sparseQuantile(rank, walk);
  }

  /** The rank's bucket bound among the dense levels; undefined with `walk` past them. */
  private denseQuantile(rank: number, walk: RankWalk): bigint | undefined {
    for (let level = 0; level < DENSE_LEVELS; level++) {
      const inLevel = this.levelCounts[level]!;
      if (inLevel === 0) continue;
      if (walk.seen + inLevel < rank) {
        walk.seen += inLevel;
        walk.last = level;
        continue;
      }
      const counts = this.levels[level]!;
      for (let j = 0; j < SUB_COUNT; j++) {
        walk.seen += counts[j]!;
        if (counts[j] !== 0 && walk.seen >= rank) return bucketUpperBound(level * SUB_COUNT + j);
      }
    }
    return undefined;
  }

  /** The rank's bucket bound among the sparse buckets, else the last non-empty dense bucket's. */
  private sparseQuantile(rank: number, walk: RankWalk): bigint {
    const keys = [...this.sparse.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      walk.seen += this.sparse.get(k)!;
      if (walk.seen >= rank) return bucketUpperBound(k);
    }
    if (keys.length > 0) return bucketUpperBound(keys[keys.length - 1]!);
    const counts = this.levels[walk.last]!;
    let j = SUB_COUNT - 1;
    while (counts[j] === 0) j--;
    return bucketUpperBound(walk.last * SUB_COUNT + j);
  }
}

/** Where a quantile search stands: values counted so far, the last dense level passed whole. */
interface RankWalk {
  seen: number;
  last: number;
}
