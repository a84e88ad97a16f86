// SPDX-License-Identifier: GPL-2.0-only
/**
 * The read and set side of the interpolator kernel (kernel/time.c and kernel/hrtimer.c, 2.6.18;
 * kernel-interpolator.md §6): readers run a seqlock read loop around xtime plus the interpolator's
 * offset; writers step xtime and wall_to_monotonic under the write seqlock and reset the
 * interpolator.
 */

import { s64, wrap64 } from '../../c.js';
import {
  EINVAL,
  NSEC_PER_SEC,
  NTP_PHASE_LIMIT,
  STA_UNSYNC,
  USEC_PER_SEC,
} from '../../include/linux/constants.js';
import { write_seqlock_irq, write_sequnlock_irq } from '../../include/linux/seqlock-irq.js';
import { framed, type KernelCode, load, store } from '../../ops.js';
import { time_interpolator_get_offset, time_interpolator_reset } from '../timer/interpolator.js';
import { clock_was_set } from '../timer/ntp.js';
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

/** `set_normalized_timespec(ts, sec, nsec)` into a shared timespec (xtime, wall_to_monotonic). */
export function* set_normalized_timespec(
  ts: Timespec,
  sec: bigint,
  nsec: bigint,
): KernelCode<void> {
  const n = normalized_timespec(sec, nsec);
  yield store(ts, 'tv_sec', n.tv_sec);
  yield store(ts, 'tv_nsec', n.tv_nsec);
}

// The readers below write `read_seqbegin` and `read_seqretry` (one load each) out in place:
// they run on every clock read, and a nested generator adds a hop to each of its operations.
// Both loads yield one op object (ops are immutable), which saves an allocation per load.

/** `getnstimeofday(ts)`: CLOCK_REALTIME in ns (§6.2). */
export const getnstimeofday = framed(function* getnstimeofday(
  k: TimekeepingKernel,
): KernelCode<Timespec> {
  const loadSequence = load(k.xtime_lock, 'sequence');
  let sec: bigint;
  let nsec: bigint;
  for (;;) {
    const seq: bigint = yield loadSequence;
    sec = wrap64(yield load(k.xtime, 'tv_sec'));
    const tv_nsec: bigint = yield load(k.xtime, 'tv_nsec');
    nsec = wrap64(tv_nsec + (yield* time_interpolator_get_offset(k)));
    // read_seqretry
    if ((yield loadSequence) === seq && (seq & 1n) === 0n) break;
  }
  const whole = nsec / NSEC_PER_SEC;
  return { tv_sec: s64(sec + whole), tv_nsec: s64(nsec - whole * NSEC_PER_SEC) };
});

/** `do_gettimeofday(tv)`: the offset is read before xtime; µs truncated (§6.3). */
export const do_gettimeofday = framed(function* do_gettimeofday(
  k: TimekeepingKernel,
): KernelCode<Timeval> {
  let offset: bigint;
  let sec: bigint;
  let nsec: bigint;
  const loadSequence = load(k.xtime_lock, 'sequence');
  for (;;) {
    const seq: bigint = yield loadSequence;
    offset = yield* time_interpolator_get_offset(k);
    sec = wrap64(yield load(k.xtime, 'tv_sec'));
    nsec = wrap64(yield load(k.xtime, 'tv_nsec'));
    if ((yield loadSequence) === seq && (seq & 1n) === 0n) break;
  }
  let usec = wrap64(nsec + offset) / 1000n;
  const whole = usec / USEC_PER_SEC;
  usec -= whole * USEC_PER_SEC;
  return { tv_sec: s64(sec + whole), tv_usec: usec };
});

/**
 * `do_settimeofday(tv)` (interpolator version, §6.4): returns 0 or -EINVAL. `wall_to_monotonic` is
 * moved by the tick-granular xtime, and the reset drops the interpolated part, so CLOCK_MONOTONIC
 * steps back by the offset at that instant (kernel-interpolator.md §9.13).
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
 * `warp_clock()`: the first timezone-only settimeofday turns a local-time RTC into UTC by moving
 * xtime (and, oppositely, wall_to_monotonic) by `minuteswest` minutes.
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

/** `ktime_get_ts(ts)`: CLOCK_MONOTONIC = getnstimeofday + wall_to_monotonic (§6.5). */
export const ktime_get_ts = framed(function* ktime_get_ts(
  k: TimekeepingKernel,
): KernelCode<Timespec> {
  let ts: Timespec;
  let tomono: Timespec;
  const loadSequence = load(k.xtime_lock, 'sequence');
  for (;;) {
    const seq: bigint = yield loadSequence;
    ts = yield* getnstimeofday(k);
    const tv_sec: bigint = yield load(k.wall_to_monotonic, 'tv_sec');
    const tv_nsec: bigint = yield load(k.wall_to_monotonic, 'tv_nsec');
    tomono = { tv_sec, tv_nsec };
    if ((yield loadSequence) === seq && (seq & 1n) === 0n) break;
  }
  return normalized_timespec(s64(ts.tv_sec + tomono.tv_sec), s64(ts.tv_nsec + tomono.tv_nsec));
});
