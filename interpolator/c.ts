// SPDX-License-Identifier: GPL-2.0-only
/**
 * C integer semantics on LP64 (gcc on ia64 and x86-64; docs/interpolator.md), on `bigint`.
 * `unsigned long`/`u64` arithmetic is mod 2^64; `long`/`s64` is two's complement; `u32` mod 2^32.
 * Division of unsigned values floors; `bigint` division truncates toward zero, which is C99's rule
 * for signed values.
 */
import type { ShiftSemantics } from './include/linux/timex.js';

export const U64_MOD = 1n << 64n;
export const U64_MAX = U64_MOD - 1n;

/** x mod 2^64: the value an `unsigned long` holds. */
export const wrap64 = (x: bigint): bigint => BigInt.asUintN(64, x);
/** Two's-complement reinterpretation of the low 64 bits: the value a `long` holds. */
export const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
/** x mod 2^32. */
export const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);
/** Two's-complement reinterpretation of the low 32 bits (`int`, `s32`). */
export const s32 = (x: bigint): bigint => BigInt.asIntN(32, x);

/** `time_after(a, b)`: `(long)(b) - (long)(a) < 0`. */
export const time_after = (a: bigint, b: bigint): boolean => s64(b - a) < 0n;
/** `time_after_eq(a, b)`: `(long)(a) - (long)(b) >= 0`. */
export const time_after_eq = (a: bigint, b: bigint): boolean => s64(a - b) >= 0n;
/** `time_before(a, b)` = `time_after(b, a)`. */
export const time_before = (a: bigint, b: bigint): boolean => time_after(b, a);

/**
 * A 64-bit shift by `count` (0–255, a `u8` field). Counts above 63 are undefined in C: x86-64
 * masks the count to 6 bits, ia64 `shl`/`shr.u` give 0.
 */
function effectiveCount(count: bigint, semantics: ShiftSemantics): bigint | null {
  if (count < 64n) return count;
  return semantics === 'x86-64' ? count & 63n : null;
}

/** `(u64)x << count`, mod 2^64. */
export function shl64(x: bigint, count: bigint, semantics: ShiftSemantics): bigint {
  const c = effectiveCount(count, semantics);
  return c === null ? 0n : wrap64(x << c);
}

/** `(u64)x >> count`, logical. */
export function shr64(x: bigint, count: bigint, semantics: ShiftSemantics): bigint {
  const c = effectiveCount(count, semantics);
  return c === null ? 0n : wrap64(x) >> c;
}

/** Arithmetic right shift of an `s64` (gcc): `bigint >>` already floors like `sar`. */
export const sar64 = (x: bigint, count: bigint): bigint => s64(x) >> count;

/** The kernel's `shift_right(x, s)`: negative ? -((-x) >> s) : x >> s (rounds toward zero). */
export const shift_right = (x: bigint, s: bigint): bigint => (x < 0n ? -(-x >> s) : x >> s);
