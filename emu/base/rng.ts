// SPDX-License-Identifier: GPL-2.0-only
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

const MASK64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;

/** SplitMix64's output function (Steele, Lea, Flood 2014): a bijective mix of a 64-bit word. */
function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** 64-bit FNV-1a over the UTF-8 bytes of a label. */
function fnv1a64(label: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(label)) {
    h = ((h ^ BigInt(byte)) * 0x100000001b3n) & MASK64;
  }
  return h;
}

const TWO_POW_32 = 0x1_0000_0000;

/**
 * xoshiro128** 1.1 (Blackman and Vigna 2018): 128 bits of state, period 2^128 − 1, all in uint32
 * arithmetic (`Math.imul`, `>>> 0`), so every platform draws the same numbers. The state is filled
 * from the 64-bit seed by SplitMix64; `fork` seeds a child from (seed, label) alone, never from the
 * parent's state, so a child's stream does not depend on how many draws the parent made.
 */
class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(
    private readonly seed64: bigint,
    state?: readonly [number, number, number, number],
  ) {
    const a = mix64((seed64 + GOLDEN_GAMMA) & MASK64);
    const b = mix64((seed64 + 2n * GOLDEN_GAMMA) & MASK64);
    this.s0 = state ? state[0] >>> 0 : Number(a & 0xffff_ffffn);
    this.s1 = state ? state[1] >>> 0 : Number(a >> 32n);
    this.s2 = state ? state[2] >>> 0 : Number(b & 0xffff_ffffn);
    this.s3 = state ? state[3] >>> 0 : Number(b >> 32n);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  nextU32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`Rng.below: n must be an integer in [1, 2^32], got ${n}`);
    }
    // Reject the top 2^32 mod n values so that every residue is equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return x % n;
    }
  }

  belowBig(n: bigint): bigint {
    if (n < 1n) throw new RangeError(`Rng.belowBig: n must be >= 1, got ${n}`);
    if (n <= BigInt(TWO_POW_32)) return BigInt(this.below(Number(n)));
    // Draw just enough bits for n − 1 and reject values >= n (fewer than 2 tries on average).
    const bits = (n - 1n).toString(2).length;
    const words = Math.ceil(bits / 32);
    const mask = (1n << BigInt(bits)) - 1n;
    for (;;) {
      let x = 0n;
      for (let i = 0; i < words; i++) x = (x << 32n) | BigInt(this.nextU32());
      x &= mask;
      if (x < n) return x;
    }
  }

  fork(label: string): Rng {
    return new Xoshiro128(mix64(this.seed64 ^ mix64(fnv1a64(label))));
  }
}

/** A stream for a scenario seed; any bigint, taken modulo 2^64 (so -1n and 2^64 − 1 agree). */
export function createRng(seed: bigint): Rng {
  return new Xoshiro128(BigInt.asUintN(64, seed));
}

/** xoshiro128** started from an explicit state, for known-answer tests against the reference. */
export function rngFromXoshiroState(state: readonly [number, number, number, number]): Rng {
  return new Xoshiro128(0n, state);
}
