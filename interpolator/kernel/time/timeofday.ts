// SPDX-License-Identifier: GPL-2.0-only
/**
 * The read and set side of the interpolator kernel (kernel/time.c, 2.6.18, the
 * CONFIG_TIME_INTERPOLATION versions): readers run a seqlock read loop around xtime plus the
 * interpolator's offset; writers step xtime and wall_to_monotonic under the write seqlock and reset
 * the interpolator.
 */

import { s64, wrap64 } from '../../c.js';
import {
  EINVAL,
  NSEC_PER_SEC,
  NTP_PHASE_LIMIT,
  STA_UNSYNC,
  USEC_PER_SEC,
} from '../../include/linux/constants.js';
import {
  read_seqbegin,
  read_seqretry,
  write_seqlock_irq,
  write_sequnlock_irq,
} from '../../include/linux/seqlock.js';
import { type KernelCode, load, store } from '../../ops.js';
import { clock_was_set } from '../hrtimer/clock-was-set.js';
import { time_interpolator_get_offset, time_interpolator_reset } from '../timer/interpolator.js';
import type { TimekeepingKernel, Timespec } from '../timer/timekeeping-state.js';

/** `struct timeval` */
export interface Timeval {
  /** time_t */
  readonly tv_sec: bigint;
  /** long, µs */
  readonly tv_usec: bigint;
}

/**
 * The value `set_normalized_timespec(ts, sec, nsec)` stores: its loops (one per second of
 * excess) computed in one step; `sec` wraps like the C `time_t`.
 */
export function normalized_timespec(sec: bigint, nsec: bigint): Timespec {
  let carry = nsec / NSEC_PER_SEC;
  nsec -= carry * NSEC_PER_SEC;
  if (nsec < 0n) {
    nsec += NSEC_PER_SEC;
    carry -= 1n;
  }
  return { tv_sec: s64(sec + carry), tv_nsec: nsec };
}

/**
 * kernel/time.c, `set_normalized_timespec(ts, sec, nsec)` into a shared timespec (xtime,
 * wall_to_monotonic).
 */
export function* set_normalized_timespec(
  ts: Timespec,
  sec: bigint,
  nsec: bigint,
): KernelCode<void> {
  const n = normalized_timespec(sec, nsec);
  yield store(ts, 'tv_sec', n.tv_sec);
  yield store(ts, 'tv_nsec', n.tv_nsec);
}

/**
 * kernel/time.c, getnstimeofday (2.6.18, CONFIG_TIME_INTERPOLATION): CLOCK_REALTIME in ns, xtime
 * plus the interpolator's offset, read in a seqlock loop. The emulator's read path runs the fused
 * twin in interpolator/fast/read-path-inlined.ts.
 */
export function* getnstimeofday(k: TimekeepingKernel): KernelCode<Timespec> {
  let sec: bigint;
  let nsec: bigint;
  let seq: bigint;
  do {
    seq = yield* read_seqbegin(k.xtime_lock);
    sec = wrap64(yield load(k.xtime, 'tv_sec'));
    const tv_nsec: bigint = yield load(k.xtime, 'tv_nsec');
    nsec = wrap64(tv_nsec + (yield* time_interpolator_get_offset(k)));
  } while (yield* read_seqretry(k.xtime_lock, seq));
  const whole = nsec / NSEC_PER_SEC;
  return { tv_sec: s64(sec + whole), tv_nsec: s64(nsec - whole * NSEC_PER_SEC) };
}

/**
 * kernel/time.c, do_gettimeofday (2.6.18, CONFIG_TIME_INTERPOLATION): the offset is read before
 * xtime; µs truncated. Fused twin in interpolator/fast/read-path-inlined.ts.
 */
export function* do_gettimeofday(k: TimekeepingKernel): KernelCode<Timeval> {
  let offset: bigint;
  let sec: bigint;
  let nsec: bigint;
  let seq: bigint;
  do {
    seq = yield* read_seqbegin(k.xtime_lock);
    offset = yield* time_interpolator_get_offset(k);
    sec = wrap64(yield load(k.xtime, 'tv_sec'));
    nsec = wrap64(yield load(k.xtime, 'tv_nsec'));
  } while (yield* read_seqretry(k.xtime_lock, seq));
  let usec = wrap64(nsec + offset) / 1000n;
  const whole = usec / USEC_PER_SEC;
  usec -= whole * USEC_PER_SEC;
  return { tv_sec: s64(sec + whole), tv_usec: usec };
}

/**
 * kernel/time.c, do_settimeofday (2.6.18, CONFIG_TIME_INTERPOLATION): returns 0 or -EINVAL.
 * `wall_to_monotonic` is moved by the tick-granular xtime, and the reset drops the interpolated
 * part, so CLOCK_MONOTONIC steps back by the offset at that instant (docs/kernel.md, "settimeofday
 * steps CLOCK_MONOTONIC back").
 */
export function* do_settimeofday(k: TimekeepingKernel, tv: Timespec): KernelCode<bigint> {
  const sec = tv.tv_sec;
  const nsec = tv.tv_nsec;
  if (wrap64(tv.tv_nsec) >= NSEC_PER_SEC) return -EINVAL;

  yield* write_seqlock_irq(k.xtime_lock);
  const wtmSec0: bigint = yield load(k.wall_to_monotonic, 'tv_sec');
  const xtimeSec: bigint = yield load(k.xtime, 'tv_sec');
  const wtm_sec = s64(wtmSec0 + s64(xtimeSec - sec));
  const wtmNsec0: bigint = yield load(k.wall_to_monotonic, 'tv_nsec');
  const xtimeNsec: bigint = yield load(k.xtime, 'tv_nsec');
  const wtm_nsec = s64(wtmNsec0 + s64(xtimeNsec - nsec));

  yield* set_normalized_timespec(k.xtime, sec, nsec);
  yield* set_normalized_timespec(k.wall_to_monotonic, wtm_sec, wtm_nsec);

  yield store(k.ntp, 'time_adjust', 0n);
  const status: bigint = yield load(k.ntp, 'time_status');
  yield store(k.ntp, 'time_status', status | STA_UNSYNC);
  yield store(k.ntp, 'time_maxerror', NTP_PHASE_LIMIT);
  yield store(k.ntp, 'time_esterror', NTP_PHASE_LIMIT);
  yield* time_interpolator_reset(k);
  yield* write_sequnlock_irq(k.xtime_lock);
  yield* clock_was_set(k);
  return 0n;
}

/**
 * kernel/time.c, `warp_clock()`: the first timezone-only settimeofday turns a local-time RTC into
 * UTC by moving xtime (and, oppositely, wall_to_monotonic) by `minuteswest` minutes.
 */
export function* warp_clock(k: TimekeepingKernel, minuteswest: bigint): KernelCode<void> {
  const shiftSec = BigInt.asIntN(32, minuteswest * 60n);
  yield* write_seqlock_irq(k.xtime_lock);
  const wtm: bigint = yield load(k.wall_to_monotonic, 'tv_sec');
  yield store(k.wall_to_monotonic, 'tv_sec', s64(wtm - shiftSec));
  const sec: bigint = yield load(k.xtime, 'tv_sec');
  yield store(k.xtime, 'tv_sec', s64(sec + shiftSec));
  yield* time_interpolator_reset(k);
  yield* write_sequnlock_irq(k.xtime_lock);
  yield* clock_was_set(k);
}
