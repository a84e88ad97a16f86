// SPDX-License-Identifier: GPL-2.0-only
/**
 * The 2.6.13 tick path (kernel/timer.c, 2.6.13): xtime advances by an exact per-tick ns count
 * (`tick_nsec`, the adjtime step, the carry of the 2^-12 ns `time_phase`), the interpolator gets
 * the same count, and a second overflow (with any leap second) comes after the tick's update.
 */

import { s64, shift_right, wrap64 } from '../../c.js';
import { FINENSEC, NSEC_PER_SEC, SHIFT_SCALE } from '../../include/linux/constants.js';
import { type KernelCode, load, store } from '../../ops.js';
import { time_interpolator_update } from './interpolator.js';
import { second_overflow_2613 } from './ntp.js';
import type { TimekeepingKernel } from './timekeeping-state.js';

/** kernel/timer.c, `update_wall_time_one_tick()` (2.6.13). */
export function* update_wall_time_one_tick(k: TimekeepingKernel): KernelCode<void> {
  const n = k.ntp;
  let time_adjust_step: bigint = yield load(n, 'time_adjust');
  if (time_adjust_step !== 0n) {
    const tickadj: bigint = yield load(n, 'tickadj');
    if (time_adjust_step > tickadj) time_adjust_step = tickadj;
    else if (time_adjust_step < -tickadj) time_adjust_step = -tickadj;
    const time_adjust: bigint = yield load(n, 'time_adjust');
    yield store(n, 'time_adjust', s64(time_adjust - time_adjust_step));
  }
  const tick_nsec: bigint = yield load(k.tick, 'tick_nsec');
  let delta_nsec = s64(tick_nsec + time_adjust_step * 1000n);

  const time_adj: bigint = yield load(n, 'time_adj');
  let time_phase: bigint = yield load(n, 'time_phase');
  time_phase = s64(time_phase + time_adj);
  if (time_phase >= FINENSEC || time_phase <= -FINENSEC) {
    const ltemp = shift_right(time_phase, SHIFT_SCALE - 10n);
    time_phase = s64(time_phase - s64(ltemp << (SHIFT_SCALE - 10n)));
    delta_nsec = s64(delta_nsec + ltemp);
  }
  yield store(n, 'time_phase', time_phase);

  const tv_nsec: bigint = yield load(k.xtime, 'tv_nsec');
  yield store(k.xtime, 'tv_nsec', s64(tv_nsec + delta_nsec));
  yield* time_interpolator_update(k, delta_nsec);

  const time_next_adjust: bigint = yield load(n, 'time_next_adjust');
  if (time_next_adjust !== 0n) {
    yield store(n, 'time_adjust', time_next_adjust);
    yield store(n, 'time_next_adjust', 0n);
  }
}

/**
 * kernel/timer.c, `update_wall_time(ticks)` (2.6.13): `ticks` exact ticks, each with its own second
 * check.
 */
export function* update_wall_time_2613(k: TimekeepingKernel, ticks: bigint): KernelCode<void> {
  do {
    ticks = wrap64(ticks - 1n);
    yield* update_wall_time_one_tick(k);
    const tv_nsec: bigint = yield load(k.xtime, 'tv_nsec');
    if (tv_nsec >= NSEC_PER_SEC) {
      yield store(k.xtime, 'tv_nsec', tv_nsec - NSEC_PER_SEC);
      const sec: bigint = yield load(k.xtime, 'tv_sec');
      yield store(k.xtime, 'tv_sec', s64(sec + 1n));
      yield* second_overflow_2613(k);
    }
  } while (ticks !== 0n);
}
