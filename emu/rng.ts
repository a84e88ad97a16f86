/**
 * Seeded randomness. One seed per scenario; every component draws from its own stream, forked by a
 * stable label, so adding a device does not change another component's draws.
 */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextU32(): number;
  /** Uniform integer in [0, n), unbiased; 1 <= n <= 2^32. */
  below(n: number): number;
  /** Uniform bigint in [0, n), unbiased; n >= 1. */
  belowBig(n: bigint): bigint;
  /** An independent stream: the same parent seed and label always give the same stream. */
  fork(label: string): Rng;
}
