// SPDX-License-Identifier: GPL-2.0-only
/** kernel/hrtimer.c (2.6.18), clock_was_set; ktime_get_ts is in ktime-get-ts.ts beside it. */

import { type KernelCode, load, store } from '../../ops.js';
import type { TimekeepingKernel } from '../timer/timekeeping-state.js';

/**
 * kernel/hrtimer.c, clock_was_set (2.6.18): tells the hrtimer code that CLOCK_REALTIME was
 * stepped. The model has no hrtimers and counts the calls.
 */
export function* clock_was_set(k: TimekeepingKernel): KernelCode<void> {
  const n: bigint = yield load(k.notify, 'clock_was_set');
  yield store(k.notify, 'clock_was_set', n + 1n);
}
