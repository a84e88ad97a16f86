// SPDX-License-Identifier: GPL-2.0-only
/**
 * kernel/hrtimer.c (2.6.18), ktime_get_ts. The hrtimer code is two files here because
 * `clock_was_set` (kernel/hrtimer.c) is called by kernel/time.c, whose `getnstimeofday` this
 * function calls: one file would make an import cycle that C's headers hide.
 */

import { s64 } from '../../c.js';
import { read_seqbegin, read_seqretry } from '../../include/linux/seqlock.js';
import { type KernelCode, load } from '../../ops.js';
import { getnstimeofday, normalized_timespec } from '../time/timeofday.js';
import type { TimekeepingKernel, Timespec } from '../timer/timekeeping-state.js';

/**
 * kernel/hrtimer.c, ktime_get_ts (2.6.18): CLOCK_MONOTONIC = getnstimeofday + wall_to_monotonic,
 * both read inside one more seqlock loop, then normalised. Fused twin in
 * interpolator/fast/read-path-inlined.ts.
 */
export function* ktime_get_ts(k: TimekeepingKernel): KernelCode<Timespec> {
  let ts: Timespec;
  let tomono: Timespec;
  let seq: bigint;
  do {
    seq = yield* read_seqbegin(k.xtime_lock);
    ts = yield* getnstimeofday(k);
    const tv_sec: bigint = yield load(k.wall_to_monotonic, 'tv_sec');
    const tv_nsec: bigint = yield load(k.wall_to_monotonic, 'tv_nsec');
    tomono = { tv_sec, tv_nsec };
  } while (yield* read_seqretry(k.xtime_lock, seq));
  return normalized_timespec(s64(ts.tv_sec + tomono.tv_sec), s64(ts.tv_nsec + tomono.tv_nsec));
}
