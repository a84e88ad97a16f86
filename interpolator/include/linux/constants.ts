// SPDX-License-Identifier: GPL-2.0-only
/**
 * Compile-time constants of the time code, by kernel header (2.6.18): include/linux/time.h
 * (NSEC_PER_SEC, NSEC_PER_USEC, USEC_PER_SEC), include/asm-generic/errno-base.h (EINVAL) and
 * include/linux/timex.h (the NTP scale shifts and limits, `time_state` values, `time_status`
 * bits; kernel/timer.c computes with them). The HZ-derived constants are in ./jiffies.ts.
 */

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
/** µs: `NTP_PHASE_LIMIT` = MAXPHASE << 5 = 16 384 000 (include/linux/timex.h, 2.6.13 and 2.6.18) */
export const NTP_PHASE_LIMIT = MAXPHASE << 5n;
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
