// SPDX-License-Identifier: GPL-2.0-only
/**
 * Compile-time constants of an ia64 kernel built with a given HZ (kernel-interpolator.md §5.2,
 * §5.5, §5.7): the kernel's own formulas evaluated on `bigint` with C semantics (`/` truncates,
 * which is also floor for the unsigned ones).
 */
import { s64, u32 } from '../../c.js';

export const NSEC_PER_SEC = 1_000_000_000n;
export const NSEC_PER_USEC = 1000n;
export const USEC_PER_SEC = 1_000_000n;

/** `-EINVAL` */
export const EINVAL = 22n;

/** NTP (include/linux/timex.h, 2.6.18): scale shifts. */
export const SHIFT_KG = 6n;
export const SHIFT_SCALE = 22n;
export const SHIFT_UPDATE = 12n;
export const SHIFT_USEC = 16n;
/** `TICK_LENGTH_SHIFT`: tick lengths and `clock.error` are in units of 2^-32 ns. */
export const TICK_LENGTH_SHIFT = 32n;
/** µs, `MAXPHASE` */
export const MAXPHASE = 512_000n;
/** s, `MINSEC` */
export const MINSEC = 16n;
/** ppm·2^16: `MAXFREQ` = 512 << SHIFT_USEC */
export const MAXFREQ = 512n << SHIFT_USEC;
/** µs: `NTP_PHASE_LIMIT` = (MAXPHASE / MINSEC) << 5 */
export const NTP_PHASE_LIMIT = (MAXPHASE / MINSEC) << 5n;
/** µs·2^12: the clamp on one second's phase correction, `(MAXPHASE / MINSEC) << SHIFT_UPDATE` */
export const MAX_PHASE_STEP = (MAXPHASE / MINSEC) << SHIFT_UPDATE;
/** 2^-12 ns: `FINENSEC` = 1 << (SHIFT_SCALE - 10) (2.6.13 `time_phase`) */
export const FINENSEC = 1n << (SHIFT_SCALE - 10n);

/** `time_state` */
export const TIME_OK = 0n;
export const TIME_INS = 1n;
export const TIME_DEL = 2n;
export const TIME_OOP = 3n;
export const TIME_WAIT = 4n;
export const TIME_ERROR = 5n;

/** `time_status` bits */
export const STA_PLL = 0x0001n;
export const STA_PPSFREQ = 0x0002n;
export const STA_PPSTIME = 0x0004n;
export const STA_FLL = 0x0008n;
export const STA_INS = 0x0010n;
export const STA_DEL = 0x0020n;
export const STA_UNSYNC = 0x0040n;
export const STA_FREQHOLD = 0x0080n;
export const STA_PPSSIGNAL = 0x0100n;
export const STA_PPSJITTER = 0x0200n;
export const STA_PPSWANDER = 0x0400n;
export const STA_PPSERROR = 0x0800n;

/** 2.6.13 PPS watchdog: `PPS_VALID` seconds without a PPS signal drop the PPS status bits. */
export const PPS_VALID = 120n;

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
