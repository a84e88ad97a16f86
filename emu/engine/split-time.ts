// SPDX-License-Identifier: GPL-2.0-only
/**
 * Split time, internal to emu/engine: a time as two integer-valued Numbers, `hi = floor(t / 2^32)`
 * and `lo = t mod 2^32` (exact for t < 2^85 fs, about 1.2 million years), so that the scheduler's
 * and the executor's hot paths stay off bigint. Outside the engine, time is a bigint `TimeFs`.
 */
import type { TimeFs } from '../base/time.js';

/** 2^32: the split base of times. */
export const SPLIT = 4_294_967_296;
const SPLIT_N = 4_294_967_296n;
const MAX_HI = 2 ** 53;

/** Splits a non-negative bigint time; throws beyond the exact range. */
export function splitTime(tFs: TimeFs): [hi: number, lo: number] {
  if (tFs < 0n) throw new RangeError(`negative time ${tFs} fs`);
  const hi = Number(tFs >> 32n);
  if (hi >= MAX_HI) throw new RangeError(`time ${tFs} fs beyond the scheduler's range`);
  return [hi, Number(BigInt.asUintN(32, tFs))];
}

/** Below this `hi`, hi · 2^32 + lo < 2^53 is exact in a Number: one conversion instead of three. */
const JOIN_FAST_HI = 2 ** 21;

export const joinTime = (hi: number, lo: number): TimeFs =>
  hi < JOIN_FAST_HI ? BigInt(hi * SPLIT + lo) : BigInt(hi) * SPLIT_N + BigInt(lo);

/** Below this difference of `hi`, a difference of split times is exact in a Number (< 2^53). */
const DIFF_FAST_HI = 2 ** 20;

/**
 * (nowHi, nowLo) − (thenHi, thenLo) ≤ limitFs, exactly; `limitN` is `Number(limitFs)`, which may
 * round above 2^53 only where every fast difference is below it, so the comparison stays exact.
 */
export function elapsedAtMost(
  nowHi: number,
  nowLo: number,
  thenHi: number,
  thenLo: number,
  limitFs: TimeFs,
  limitN: number,
): boolean {
  const dHi = nowHi - thenHi;
  if (dHi < DIFF_FAST_HI && dHi > -DIFF_FAST_HI) return dHi * SPLIT + (nowLo - thenLo) <= limitN;
  return joinTime(nowHi, nowLo) - joinTime(thenHi, thenLo) <= limitFs;
}

/** (aHi, aLo) − (bHi, bLo) as a bigint. */
export function splitDiff(aHi: number, aLo: number, bHi: number, bLo: number): TimeFs {
  const dHi = aHi - bHi;
  if (dHi < DIFF_FAST_HI && dHi > -DIFF_FAST_HI) return BigInt(dHi * SPLIT + (aLo - bLo));
  return joinTime(aHi, aLo) - joinTime(bHi, bLo);
}
