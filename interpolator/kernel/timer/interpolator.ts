// SPDX-License-Identifier: GPL-2.0-only
/**
 * The time interpolator core of Linux 2.6.18 and 2.6.13 (kernel/timer.c under
 * CONFIG_TIME_INTERPOLATION), as kernel code. This file holds the
 * two calls the timekeeping code makes, `time_interpolator_get_offset` and
 * `time_interpolator_update`, and re-exports the rest of the core.
 */
import { s64, u32, wrap64 } from '../../c.js';
import type { InterpolatorKernel } from '../../include/linux/timex.js';
import { framed, type KernelCode, load } from '../../ops.js';
import { get_counter, ti_load, ti_nsecs, ti_store } from './interpolator-counter.js';

export {
  GET_TI_NSECS,
  get_counter,
  get_cycles,
  time_interpolator_get_counter_2613,
  time_interpolator_get_counter_2618,
  time_interpolator_reset,
} from './interpolator-counter.js';
export {
  is_better_time_interpolator,
  is_better_time_interpolator_code,
  NSEC_PER_SEC,
  register_time_interpolator,
  unregister_time_interpolator,
} from './interpolator-select.js';

/** The call-boundary hook of `time_interpolator_update` (timer-emu explain narrates its calls). */
export const TIME_INTERPOLATOR_UPDATE_HOOK = 'time_interpolator_update';

/** Tuning period in jiffies. */
export const INTERPOLATOR_ADJUST = 65536n;
/** ns skipped within one tuning period above which the clock is sped up. */
export const INTERPOLATOR_MAX_SKIP = 10n * INTERPOLATOR_ADJUST;

/**
 * kernel/timer.c, time_interpolator_get_offset (2.6.18 and 2.6.13): ns to add to `xtime`, as
 * `unsigned long`; 0 with no interpolator. Loads in left-to-right order: `offset`, the counter,
 * then the four fields of `GET_TI_NSECS`. `get_counter(0)` is the cmpxchg loop in both revisions.
 * The emulator's read path runs the fused twin in interpolator/fast/read-path-inlined.ts.
 */
export function* time_interpolator_get_offset(k: InterpolatorKernel): KernelCode<bigint> {
  const where = 'time_interpolator_get_offset';
  if ((yield load(k.globals, 'time_interpolator')) === null) return 0n;
  const offset = yield* ti_load(k, 'offset', where);
  const count = yield* get_counter(k, 0);
  return wrap64(offset + (yield* ti_nsecs(k, count, where)));
}

/**
 * kernel/timer.c, time_interpolator_update(long delta_nsec) (2.6.18 and 2.6.13): called with the
 * xtime write seqlock held when `xtime` advanced by `delta_nsec` ns. Carries the ns readers were
 * already given beyond `delta_nsec` in `offset`, or records a skip; tunes `nsec_per_cyc` every
 * 65536 jiffies. Its call boundaries are the hook `time_interpolator_update`, as a tracepoint.
 */
export const time_interpolator_update = framed(function* time_interpolator_update(
  k: InterpolatorKernel,
  delta_nsec: bigint,
): KernelCode<void> {
  const where = 'time_interpolator_update';
  const delta = s64(delta_nsec);
  if ((yield load(k.globals, 'time_interpolator')) === null) return;
  const counter = yield* get_counter(k, 1);
  const offset = wrap64(
    (yield* ti_load(k, 'offset', where)) + (yield* ti_nsecs(k, counter, where)),
  );

  if (delta < 0n || wrap64(delta) < offset) {
    yield* ti_store(k, 'offset', wrap64(offset - delta), where);
  } else {
    const skips = yield* ti_load(k, 'skips', where);
    yield* ti_store(k, 'skips', wrap64(skips + 1n), where);
    const ns_skipped = yield* ti_load(k, 'ns_skipped', where);
    yield* ti_store(k, 'ns_skipped', wrap64(ns_skipped + wrap64(delta) - offset), where);
    yield* ti_store(k, 'offset', 0n, where);
  }
  yield* ti_store(k, 'last_counter', counter, where);

  const jiffies: bigint = yield load(k.jiffies, 'jiffies');
  if (jiffies % INTERPOLATOR_ADJUST !== 0n) return;
  // 2.6.18 compares with the variable tick_nsec, 2.6.13 with the constant TICK_NSEC: both are
  // the `tick_nsec` record here.
  if (
    (yield* ti_load(k, 'skips', where)) === 0n &&
    (yield* ti_load(k, 'offset', where)) > ((yield load(k.tick, 'tick_nsec')) as bigint)
  ) {
    const nsec_per_cyc = yield* ti_load(k, 'nsec_per_cyc', where);
    yield* ti_store(k, 'nsec_per_cyc', u32(nsec_per_cyc - 1n), where);
  }
  if (
    (yield* ti_load(k, 'ns_skipped', where)) > INTERPOLATOR_MAX_SKIP &&
    (yield* ti_load(k, 'offset', where)) === 0n
  ) {
    const nsec_per_cyc = yield* ti_load(k, 'nsec_per_cyc', where);
    yield* ti_store(k, 'nsec_per_cyc', u32(nsec_per_cyc + 1n), where);
  }
  yield* ti_store(k, 'skips', 0n, where);
  yield* ti_store(k, 'ns_skipped', 0n, where);
}, TIME_INTERPOLATOR_UPDATE_HOOK);
