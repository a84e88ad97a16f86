// SPDX-License-Identifier: GPL-2.0-only
/**
 * The NTP arithmetic around the tick (kernel/timer.c, 2.6.18) and the 2.6.13
 * variant of `second_overflow` (kernel/timer.c, 2.6.13). Everything here runs with the xtime
 * write seqlock held; each access to a global is one load or store.
 */

import { s64, shift_right, wrap64 } from '../../c.js';
import {
  MAX_PHASE_STEP,
  NSEC_PER_SEC,
  NTP_PHASE_LIMIT,
  SHIFT_KG,
  SHIFT_SCALE,
  SHIFT_UPDATE,
  SHIFT_USEC,
  STA_DEL,
  STA_FLL,
  STA_INS,
  STA_UNSYNC,
  TICK_LENGTH_SHIFT,
  TIME_DEL,
  TIME_INS,
  TIME_OK,
  TIME_OOP,
  TIME_WAIT,
} from '../../include/linux/constants.js';
import { type KernelCode, load, store } from '../../ops.js';
import { clock_was_set } from '../hrtimer/clock-was-set.js';
import { time_interpolator_update } from './interpolator.js';
import type { TimekeepingKernel } from './timekeeping-state.js';

/** kernel/timer.c, `adjtime_adjustment()`: this tick's adjtime step, µs, clamped to ±tickadj. */
export function* adjtime_adjustment(k: TimekeepingKernel): KernelCode<bigint> {
  let time_adjust_step: bigint = yield load(k.ntp, 'time_adjust');
  if (time_adjust_step !== 0n) {
    const tickadj: bigint = yield load(k.ntp, 'tickadj');
    if (time_adjust_step > tickadj) time_adjust_step = tickadj;
    if (time_adjust_step < -tickadj) time_adjust_step = -tickadj;
  }
  return time_adjust_step;
}

/**
 * kernel/timer.c, `update_ntp_one_tick()`: consume this tick's adjtime step; a pending adjtime
 * starts next tick.
 */
export function* update_ntp_one_tick(k: TimekeepingKernel): KernelCode<void> {
  const time_adjust_step = yield* adjtime_adjustment(k);
  if (time_adjust_step !== 0n) {
    const time_adjust: bigint = yield load(k.ntp, 'time_adjust');
    yield store(k.ntp, 'time_adjust', s64(time_adjust - time_adjust_step));
  }
  const time_next_adjust: bigint = yield load(k.ntp, 'time_next_adjust');
  if (time_next_adjust !== 0n) {
    yield store(k.ntp, 'time_adjust', time_next_adjust);
    yield store(k.ntp, 'time_next_adjust', 0n);
  }
}

/**
 * kernel/timer.c, `current_tick_length()`: the length of the next tick in 2^-32 ns (u64).
 * `time_adj` is in 2^-12 ns, hence the shift by TICK_LENGTH_SHIFT - (SHIFT_SCALE - 10) = 20.
 */
export function* current_tick_length(k: TimekeepingKernel): KernelCode<bigint> {
  const tick_nsec: bigint = yield load(k.tick, 'tick_nsec');
  const step = yield* adjtime_adjustment(k);
  const delta_nsec = s64(tick_nsec + step * 1000n);
  let ret = wrap64(delta_nsec << TICK_LENGTH_SHIFT);
  const time_adj: bigint = yield load(k.ntp, 'time_adj');
  ret = wrap64(ret + wrap64(time_adj << (TICK_LENGTH_SHIFT - (SHIFT_SCALE - 10n))));
  return ret;
}

/** kernel/timer.c, `ntp_clear()` (2.6.18): forget adjtime and mark the clock unsynchronised. */
export function* ntp_clear(k: TimekeepingKernel): KernelCode<void> {
  yield store(k.ntp, 'time_adjust', 0n);
  const status: bigint = yield load(k.ntp, 'time_status');
  yield store(k.ntp, 'time_status', status | STA_UNSYNC);
  yield store(k.ntp, 'time_maxerror', NTP_PHASE_LIMIT);
  yield store(k.ntp, 'time_esterror', NTP_PHASE_LIMIT);
}

function* bump_maxerror(k: TimekeepingKernel): KernelCode<void> {
  const tolerance: bigint = yield load(k.ntp, 'time_tolerance');
  let maxerror: bigint = yield load(k.ntp, 'time_maxerror');
  maxerror = s64(maxerror + (tolerance >> SHIFT_USEC));
  yield store(k.ntp, 'time_maxerror', maxerror);
  if (maxerror > NTP_PHASE_LIMIT) {
    yield store(k.ntp, 'time_maxerror', NTP_PHASE_LIMIT);
    const status: bigint = yield load(k.ntp, 'time_status');
    yield store(k.ntp, 'time_status', status | STA_UNSYNC);
  }
}

/**
 * The leap-second state machine of kernel/timer.c, second_overflow (2.6.18 and 2.6.13);
 * `xtime.tv_sec` already holds the new second. Insertion repeats 23:59:59 (the interpolator carries
 * the second in `offset`), deletion skips 23:59:59.
 */
function* leap_second(k: TimekeepingKernel): KernelCode<void> {
  const state: bigint = yield load(k.ntp, 'time_state');
  switch (state) {
    case TIME_OK: {
      const status: bigint = yield load(k.ntp, 'time_status');
      if ((status & STA_INS) !== 0n) yield store(k.ntp, 'time_state', TIME_INS);
      else if ((status & STA_DEL) !== 0n) yield store(k.ntp, 'time_state', TIME_DEL);
      break;
    }
    case TIME_INS: {
      const sec: bigint = yield load(k.xtime, 'tv_sec');
      if (sec % 86400n === 0n) {
        yield store(k.xtime, 'tv_sec', s64(sec - 1n));
        const wtm: bigint = yield load(k.wall_to_monotonic, 'tv_sec');
        yield store(k.wall_to_monotonic, 'tv_sec', s64(wtm + 1n));
        yield* time_interpolator_update(k, -NSEC_PER_SEC);
        yield store(k.ntp, 'time_state', TIME_OOP);
        yield* clock_was_set(k);
      }
      break;
    }
    case TIME_DEL: {
      const sec: bigint = yield load(k.xtime, 'tv_sec');
      if (s64(sec + 1n) % 86400n === 0n) {
        yield store(k.xtime, 'tv_sec', s64(sec + 1n));
        const wtm: bigint = yield load(k.wall_to_monotonic, 'tv_sec');
        yield store(k.wall_to_monotonic, 'tv_sec', s64(wtm - 1n));
        yield* time_interpolator_update(k, NSEC_PER_SEC);
        yield store(k.ntp, 'time_state', TIME_WAIT);
        yield* clock_was_set(k);
      }
      break;
    }
    case TIME_OOP:
      yield store(k.ntp, 'time_state', TIME_WAIT);
      break;
    case TIME_WAIT: {
      const status: bigint = yield load(k.ntp, 'time_status');
      if ((status & (STA_INS | STA_DEL)) === 0n) yield store(k.ntp, 'time_state', TIME_OK);
      break;
    }
    default:
      break;
  }
}

/**
 * The phase part of kernel/timer.c, second_overflow: move a 1/2^(SHIFT_KG+time_constant) share of
 * `time_offset` (µs·2^12) into this second's `time_adj` (2^-12 ns per tick). Returns `time_adj`.
 */
function* phase_adjust(k: TimekeepingKernel): KernelCode<bigint> {
  const time_offset: bigint = yield load(k.ntp, 'time_offset');
  let ltemp = time_offset;
  const status: bigint = yield load(k.ntp, 'time_status');
  if ((status & STA_FLL) === 0n) {
    const time_constant: bigint = yield load(k.ntp, 'time_constant');
    ltemp = shift_right(ltemp, SHIFT_KG + time_constant);
  }
  if (ltemp > MAX_PHASE_STEP) ltemp = MAX_PHASE_STEP;
  if (ltemp < -MAX_PHASE_STEP) ltemp = -MAX_PHASE_STEP;
  yield store(k.ntp, 'time_offset', s64(time_offset - ltemp));
  const time_adj = s64(ltemp << (SHIFT_SCALE - k.hz.SHIFT_HZ - SHIFT_UPDATE));
  yield store(k.ntp, 'time_adj', time_adj);
  return time_adj;
}

/** `time_adj + shift_right(time_adj, a) + shift_right(time_adj, b)`: the HZ ≠ 2^SHIFT_HZ fix-up. */
const compensate = (time_adj: bigint, a: bigint, b: bigint): bigint =>
  s64(time_adj + shift_right(time_adj, a) + shift_right(time_adj, b));

/** kernel/timer.c, second_overflow (2.6.18): once per second with the write seqlock held. */
export function* second_overflow(k: TimekeepingKernel): KernelCode<void> {
  yield* bump_maxerror(k);
  yield* leap_second(k);
  let time_adj = yield* phase_adjust(k);
  const time_freq: bigint = yield load(k.ntp, 'time_freq');
  time_adj = s64(time_adj + shift_right(time_freq, SHIFT_USEC + k.hz.SHIFT_HZ - SHIFT_SCALE));
  yield store(k.ntp, 'time_adj', time_adj);
  const HZ = k.hz.HZ;
  if (HZ === 100n) yield store(k.ntp, 'time_adj', compensate(time_adj, 2n, 5n));
  else if (HZ === 250n || HZ === 1000n)
    yield store(k.ntp, 'time_adj', compensate(time_adj, 6n, 7n));
}

/**
 * kernel/timer.c, second_overflow (2.6.13): the same `time_adj` written with explicit sign branches
 * (equal to `shift_right`), plus the PPS frequency, and HZ compensation only for 100 and 1000.
 * The PPS watchdog (`pps_valid`, `pps_jitter`, `pps_stabil`) is not modelled: without a PPS
 * driver it only clears PPS status bits that nothing sets.
 */
export function* second_overflow_2613(k: TimekeepingKernel): KernelCode<void> {
  yield* bump_maxerror(k);
  yield* leap_second(k);
  let time_adj = yield* phase_adjust(k);
  const time_freq: bigint = yield load(k.ntp, 'time_freq');
  const pps_freq: bigint = yield load(k.ntp, 'pps_freq');
  const ltemp = s64(time_freq + pps_freq);
  time_adj = s64(time_adj + shift_right(ltemp, SHIFT_USEC + k.hz.SHIFT_HZ - SHIFT_SCALE));
  yield store(k.ntp, 'time_adj', time_adj);
  const HZ = k.hz.HZ;
  if (HZ === 100n) yield store(k.ntp, 'time_adj', compensate(time_adj, 2n, 5n));
  else if (HZ === 1000n) yield store(k.ntp, 'time_adj', compensate(time_adj, 6n, 7n));
}
