// SPDX-License-Identifier: GPL-2.0-only
/**
 * The read side of the interpolator core (kernel/timer.c, 2.6.18 and 2.6.13): reading the time
 * source, jitter compensation, `GET_TI_NSECS` and `time_interpolator_reset`.
 *
 * Every use of the global `time_interpolator` re-loads the pointer, as the C code does: a NULL
 * pointer at a dereference is the kernel's OOPS, yielded as a fault.
 */
import { shr64, time_after, u32, wrap64 } from '../../c.js';
import {
  type InterpolatorKernel,
  type ShiftSemantics,
  TIME_SOURCE_FUNCTION,
  TIME_SOURCE_MMIO32,
  TIME_SOURCE_MMIO64,
  type TimeInterpolator,
} from '../../include/linux/timex.js';
import {
  CYCLES,
  callSource,
  cmpxchg,
  fault,
  framed,
  type KernelCode,
  load,
  mmioRead,
  store,
} from '../../ops.js';

/** The integer fields of `struct time_interpolator` (everything but the `next` pointer). */
export type TiIntField = Exclude<keyof TimeInterpolator, 'next'>;

/**
 * A fault ends the calling context: the executor never resumes the generator after it, so the
 * `throw` only guards against an executor that breaks that contract.
 */
export function* die(kind: 'BUG' | 'OOPS', where: string): KernelCode<never> {
  yield fault(kind, where);
  throw new Error(`kernel code resumed after ${kind} in ${where}`);
}

/** One use of `time_interpolator` as a pointer: load it; NULL is dereferenced (OOPS). */
export function* deref_time_interpolator(
  k: InterpolatorKernel,
  where: string,
): KernelCode<TimeInterpolator> {
  const ti: TimeInterpolator | null = yield load(k.globals, 'time_interpolator');
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  return ti;
}

// The accessors below load the pointer themselves rather than through deref_time_interpolator:
// every nested generator adds a hop to each operation, and these run on every clock read.

/** `time_interpolator->field`: the pointer load, then the field load. */
export function* ti_load(
  k: InterpolatorKernel,
  field: TiIntField,
  where: string,
): KernelCode<bigint> {
  const ti: TimeInterpolator | null = yield load(k.globals, 'time_interpolator');
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  return (yield load(ti, field)) as bigint;
}

/** `time_interpolator->field = value`. */
export function* ti_store(
  k: InterpolatorKernel,
  field: TiIntField,
  value: bigint,
  where: string,
): KernelCode<void> {
  const ti: TimeInterpolator | null = yield load(k.globals, 'time_interpolator');
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  yield store(ti, field, value);
}

/**
 * kernel/timer.c, `GET_TI_NSECS(count, i)`: ((count − last_counter) & mask) × nsec_per_cyc >>
 * shift, every step in u64 (the product keeps its low 64 bits, the shift is logical). Shift counts
 * ≥ 64 follow `semantics` (see ShiftSemantics).
 */
export function GET_TI_NSECS(
  count: bigint,
  last_counter: bigint,
  mask: bigint,
  nsec_per_cyc: bigint,
  shift: bigint,
  semantics: ShiftSemantics,
): bigint {
  return shr64(wrap64((wrap64(count - last_counter) & mask) * nsec_per_cyc), shift, semantics);
}

const GET_TI_NSECS_FIELDS = ['last_counter', 'mask', 'nsec_per_cyc', 'shift'] as const;

/**
 * `GET_TI_NSECS(count, time_interpolator)` with its four loads in the macro's left-to-right order.
 */
export function* ti_nsecs(k: InterpolatorKernel, count: bigint, where: string): KernelCode<bigint> {
  const values: bigint[] = [];
  for (const field of GET_TI_NSECS_FIELDS) {
    const ti: TimeInterpolator | null = yield load(k.globals, 'time_interpolator');
    if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
    values.push((yield load(ti, field)) as bigint);
  }
  const [last_counter, mask, nsec_per_cyc, shift] = values as [bigint, bigint, bigint, bigint];
  return GET_TI_NSECS(count, last_counter, mask, nsec_per_cyc, shift, k.shiftSemantics);
}

/**
 * kernel/timer.c, `time_interpolator_get_cycles(src)`: one hardware read, at the current
 * interpolator's `addr`.
 */
export function* get_cycles(k: InterpolatorKernel, src: bigint): KernelCode<bigint> {
  switch (src) {
    case TIME_SOURCE_FUNCTION: {
      const addr = yield* ti_load(k, 'addr', 'time_interpolator_get_cycles');
      return (yield callSource(addr)) as bigint;
    }
    case TIME_SOURCE_MMIO64: {
      const addr = yield* ti_load(k, 'addr', 'time_interpolator_get_cycles');
      return (yield mmioRead(addr, 64)) as bigint;
    }
    case TIME_SOURCE_MMIO32: {
      const addr = yield* ti_load(k, 'addr', 'time_interpolator_get_cycles');
      return u32((yield mmioRead(addr, 32)) as bigint);
    }
    default:
      return (yield CYCLES) as bigint;
  }
}

/**
 * kernel/timer.c, time_interpolator_get_counter(writelock) (2.6.14 onwards). `writelock` is the C
 * `int`: non-zero when the caller holds the xtime write seqlock, which makes it store `last_cycle`
 * instead of racing readers with cmpxchg.
 */
export function* time_interpolator_get_counter_2618(
  k: InterpolatorKernel,
  writelock: number,
): KernelCode<bigint> {
  return yield* get_counter_jitter(k, writelock !== 0);
}

/**
 * kernel/timer.c, time_interpolator_get_counter() (2.6.13): every caller takes the cmpxchg loop.
 */
export function* time_interpolator_get_counter_2613(k: InterpolatorKernel): KernelCode<bigint> {
  return yield* get_counter_jitter(k, false);
}

/**
 * The revision's `get_counter`; `writelock` is ignored by 2.6.13, which has no such argument.
 * The emulator's read path runs the fused twin in interpolator/fast/read-path-inlined.ts.
 */
export const get_counter = framed(function get_counter(
  k: InterpolatorKernel,
  writelock: number,
): KernelCode<bigint> {
  return get_counter_jitter(k, k.revision === '2.6.18' && writelock !== 0);
}, 'get_counter');

/**
 * kernel/timer.c, time_interpolator_get_counter (2.6.18; 2.6.13 with `writelock` false): with
 * `jitter` set, never return less than the last value any CPU was given. `last_cycle` is updated
 * with cmpxchg by readers and stored plainly by the holder of the xtime write seqlock. No
 * cpu_relax in the loop, as in the kernel: a loop that never wins its cmpxchg runs until the
 * executor's operation limit.
 */
function* get_counter_jitter(k: InterpolatorKernel, writelock: boolean): KernelCode<bigint> {
  const where = 'time_interpolator_get_counter';
  const src = yield* ti_load(k, 'source', where);
  if ((yield* ti_load(k, 'jitter', where)) === 0n) return yield* get_cycles(k, src);
  for (;;) {
    const lcycle = yield* ti_load(k, 'last_cycle', where);
    const now = yield* get_cycles(k, src);
    // Raw 64-bit comparison: the mask is not applied here.
    if (lcycle !== 0n && time_after(lcycle, now)) return lcycle;
    if (writelock) {
      yield* ti_store(k, 'last_cycle', now, where);
      return now;
    }
    const ti = yield* deref_time_interpolator(k, where);
    if ((yield cmpxchg(ti, 'last_cycle', lcycle, now)) === lcycle) return now;
  }
}

/**
 * kernel/timer.c, time_interpolator_reset (2.6.18 and 2.6.13): no NULL check, so with none
 * registered it oopses.
 */
export function* time_interpolator_reset(k: InterpolatorKernel): KernelCode<void> {
  const where = 'time_interpolator_reset';
  yield* ti_store(k, 'offset', 0n, where);
  // Left to right: the assignment's pointer is loaded before the counter is read.
  const ti = yield* deref_time_interpolator(k, where);
  const counter = yield* get_counter(k, 1);
  yield store(ti, 'last_counter', counter);
}
