// SPDX-License-Identifier: GPL-2.0-only
/**
 * include/linux/clocksource.h (2.6.18): the inline helper the tick path uses on the jiffies
 * clocksource. The clocksource record itself is `JiffiesClocksource` in
 * kernel/timer/timekeeping-state.ts.
 */
import { wrap64 } from '../../c.js';
import type { TimekeepingKernel } from '../../kernel/timer/timekeeping-state.js';
import { type KernelCode, load, store } from '../../ops.js';

/**
 * include/linux/clocksource.h, clocksource_calculate_interval (2.6.18): clocksource cycles per
 * tick (at least 1), rounded, and the shifted ns they stand for.
 */
export function* clocksource_calculate_interval(
  k: TimekeepingKernel,
  length_nsec: bigint,
): KernelCode<void> {
  const c = k.clock;
  const shift: bigint = yield load(c, 'shift');
  const mult: bigint = yield load(c, 'mult');
  let tmp = wrap64(length_nsec << shift);
  tmp = wrap64(tmp + mult / 2n);
  tmp = tmp / mult;
  const cycle_interval = tmp === 0n ? 1n : tmp;
  yield store(c, 'cycle_interval', cycle_interval);
  yield store(c, 'xtime_interval', wrap64(cycle_interval * mult));
}
