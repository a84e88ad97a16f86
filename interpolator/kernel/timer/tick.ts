// SPDX-License-Identifier: GPL-2.0-only
/**
 * The tick path (kernel/timer.c, 2.6.18): `do_timer` →
 * `update_times` → `update_wall_time`, run by the time keeper with the xtime write seqlock held.
 * 2.6.18 advances xtime through the jiffies clocksource in shifted ns; `revision` '2.6.13' runs the
 * pre-clocksource path of tick-2613.ts instead.
 */

import { s64, sar64, wrap64 } from '../../c.js';
import { clocksource_calculate_interval } from '../../include/linux/clocksource.js';
import { NSEC_PER_SEC, TICK_LENGTH_SHIFT } from '../../include/linux/constants.js';
import { write_seqlock_irqsave, write_sequnlock_irqrestore } from '../../include/linux/seqlock.js';
import { type KernelCode, load, store } from '../../ops.js';
import { clocksource_adjust } from './clocksource.js';
import { time_interpolator_update } from './interpolator.js';
import { current_tick_length, ntp_clear, second_overflow, update_ntp_one_tick } from './ntp.js';
import { update_wall_time_2613 } from './tick-2613.js';
import type { TimekeepingKernel } from './timekeeping-state.js';

/**
 * kernel/timer.c, `timekeeping_init()` (2.6.18 start_kernel): select the jiffies clocksource, size
 * its tick interval from `tick_nsec`, clear NTP. The interval is never recomputed afterwards.
 */
export function* timekeeping_init(k: TimekeepingKernel): KernelCode<void> {
  const flags = yield* write_seqlock_irqsave(k.xtime_lock);
  yield* ntp_clear(k);
  const tick_nsec: bigint = yield load(k.tick, 'tick_nsec');
  yield* clocksource_calculate_interval(k, tick_nsec);
  const jiffies: bigint = yield load(k.jiffies, 'jiffies');
  yield store(k.clock, 'cycle_last', jiffies);
  yield* write_sequnlock_irqrestore(k.xtime_lock, flags);
}

/**
 * kernel/timer.c, `update_wall_time()` (2.6.18, no GENERIC_TIME): exactly one tick of the jiffies
 * clocksource.
 */
export function* update_wall_time(k: TimekeepingKernel): KernelCode<void> {
  const c = k.clock;
  const suspended: bigint = yield load(k.wall, 'timekeeping_suspended');
  if (suspended !== 0n) return;

  let offset: bigint = yield load(c, 'cycle_interval');
  const shift: bigint = yield load(c, 'shift');
  const tv_nsec: bigint = yield load(k.xtime, 'tv_nsec');
  const xtime_nsec0: bigint = yield load(c, 'xtime_nsec');
  yield store(c, 'xtime_nsec', wrap64(xtime_nsec0 + wrap64(tv_nsec << shift)));

  for (;;) {
    const cycle_interval: bigint = yield load(c, 'cycle_interval');
    if (offset < cycle_interval) break;
    const xtime_interval: bigint = yield load(c, 'xtime_interval');
    let xtime_nsec: bigint = yield load(c, 'xtime_nsec');
    xtime_nsec = wrap64(xtime_nsec + xtime_interval);
    yield store(c, 'xtime_nsec', xtime_nsec);
    const cycle_last: bigint = yield load(c, 'cycle_last');
    yield store(c, 'cycle_last', wrap64(cycle_last + cycle_interval));
    offset = wrap64(offset - cycle_interval);

    const secNsec = wrap64(NSEC_PER_SEC << shift);
    if (xtime_nsec >= secNsec) {
      yield store(c, 'xtime_nsec', wrap64(xtime_nsec - secNsec));
      const sec: bigint = yield load(k.xtime, 'tv_sec');
      yield store(k.xtime, 'tv_sec', s64(sec + 1n));
      yield* second_overflow(k);
    }
    const interval: bigint = yield load(c, 'xtime_interval');
    yield* time_interpolator_update(k, s64(interval >> shift));
    yield* update_ntp_one_tick(k);

    const tick_length = yield* current_tick_length(k);
    const error: bigint = yield load(c, 'error');
    yield store(c, 'error', s64(error + tick_length));
    const error2: bigint = yield load(c, 'error');
    const interval2: bigint = yield load(c, 'xtime_interval');
    yield store(c, 'error', s64(error2 - wrap64(interval2 << (TICK_LENGTH_SHIFT - shift))));
  }

  yield* clocksource_adjust(k, offset);

  const xtime_nsec: bigint = yield load(c, 'xtime_nsec');
  const nsec = sar64(xtime_nsec, shift);
  yield store(k.xtime, 'tv_nsec', nsec);
  yield store(c, 'xtime_nsec', wrap64(xtime_nsec - wrap64(nsec << shift)));
}

/**
 * kernel/timer.c, `update_times()`: account the ticks since the last wall update (one per
 * `do_timer`).
 */
export function* update_times(k: TimekeepingKernel): KernelCode<void> {
  const jiffies: bigint = yield load(k.jiffies, 'jiffies');
  const wall_jiffies: bigint = yield load(k.wall, 'wall_jiffies');
  const ticks = wrap64(jiffies - wall_jiffies);
  if (k.revision === '2.6.13') {
    if (ticks === 0n) return;
    yield store(k.wall, 'wall_jiffies', wrap64(wall_jiffies + ticks));
    yield* update_wall_time_2613(k, ticks);
    return;
  }
  yield store(k.wall, 'wall_jiffies', wrap64(wall_jiffies + ticks));
  yield* update_wall_time(k);
}

/**
 * kernel/timer.c, `do_timer()`: one tick on the time keeper; the caller holds the xtime write
 * seqlock (arch/ia64/kernel/time.c, timer_interrupt).
 */
export function* do_timer(k: TimekeepingKernel): KernelCode<void> {
  const jiffies: bigint = yield load(k.jiffies, 'jiffies');
  yield store(k.jiffies, 'jiffies', wrap64(jiffies + 1n));
  yield* update_times(k);
}
