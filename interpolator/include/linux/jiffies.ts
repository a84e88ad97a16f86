// SPDX-License-Identifier: GPL-2.0-only
/**
 * The HZ-derived constants of include/linux/jiffies.h (2.6.18), for an ia64 kernel built with a
 * given HZ (include/asm-ia64/param.h: CLOCK_TICK_RATE = HZ·100 000): the header's own formulas
 * evaluated on `bigint` with C semantics (`/` truncates, which is also floor for the unsigned
 * ones).
 */
import { s64, u32 } from '../../c.js';
import { NSEC_PER_SEC, NSEC_PER_USEC, SHIFT_USEC, USEC_PER_SEC } from './constants.js';

/** The constants derived from HZ (ia64: CLOCK_TICK_RATE = HZ·100 000, USER_HZ = HZ). */
export interface HzConstants {
  readonly HZ: bigint;
  readonly SHIFT_HZ: bigint;
  readonly CLOCK_TICK_RATE: bigint;
  readonly LATCH: bigint;
  /** 2^-8 Hz */
  readonly ACTHZ: bigint;
  /** ns */
  readonly TICK_NSEC: bigint;
  /** µs */
  readonly TICK_USEC: bigint;
  /** ns, u32 */
  readonly NSEC_PER_JIFFY: bigint;
  /** µs per tick, the initial value of the variable `tickadj` */
  readonly TICKADJ: bigint;
  /** ppm·2^16, the initial value of `time_freq` */
  readonly TIME_FREQ: bigint;
  /** `INITIAL_JIFFIES` = (unsigned long)(unsigned int)(-300·HZ) */
  readonly INITIAL_JIFFIES: bigint;
}

/** `SH_DIV(N, D, L)`: N/D with L fractional bits, rounded (include/linux/jiffies.h). */
export const SH_DIV = (n: bigint, d: bigint, l: bigint): bigint =>
  ((n / d) << l) + (((n % d) << l) + d / 2n) / d;

/**
 * `SHIFT_HZ` (include/linux/jiffies.h): log2(HZ) rounded to nearest, by the header's table of
 * ranges [12, 24) → 4, [24, 48) → 5, … [768, 1536) → 10; other HZ do not compile.
 */
function shiftHz(hz: bigint): bigint {
  if (hz < 12n || hz >= 1536n) throw new RangeError(`HZ ${hz} outside the kernel's 12..1535`);
  let shift = 4n;
  while (hz >= 24n << (shift - 4n)) shift++;
  return shift;
}

export function hzConstants(hzNumber: number): HzConstants {
  const HZ = BigInt(hzNumber);
  const SHIFT_HZ = shiftHz(HZ);
  const CLOCK_TICK_RATE = HZ * 100_000n;
  const LATCH = (CLOCK_TICK_RATE + HZ / 2n) / HZ;
  const ACTHZ = SH_DIV(CLOCK_TICK_RATE, LATCH, 8n);
  const TICK_NSEC = SH_DIV(1_000_000n * 1000n, ACTHZ, 8n);
  const TICK_USEC = (USEC_PER_SEC + HZ / 2n) / HZ;
  const NSEC_PER_JIFFY = u32((NSEC_PER_SEC << 8n) / ACTHZ);
  const adj = 500n / HZ;
  const TICKADJ = adj !== 0n ? adj : 1n;
  const TIME_FREQ = (s64(((NSEC_PER_SEC + HZ / 2n) % HZ) - HZ / 2n) << SHIFT_USEC) / NSEC_PER_USEC;
  const INITIAL_JIFFIES = u32(-300n * HZ);
  return {
    HZ,
    SHIFT_HZ,
    CLOCK_TICK_RATE,
    LATCH,
    ACTHZ,
    TICK_NSEC,
    TICK_USEC,
    NSEC_PER_JIFFY,
    TICKADJ,
    TIME_FREQ,
    INITIAL_JIFFIES,
  };
}
