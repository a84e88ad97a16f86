// SPDX-License-Identifier: GPL-2.0-only
/**
 * The read paths of the interpolator core and of 2.6.18 timekeeping as they were written before
 * the performance work (one generator per kernel helper, joined by `yield*`): the reference the
 * optimised kernel code must match operation for operation (test/interpolator/core-opsequence).
 */
import { s64, shr64, time_after, u32, wrap64 } from '../../../interpolator/c.js';
import {
  type InterpolatorKernel,
  type SeqLock,
  TIME_SOURCE_FUNCTION,
  TIME_SOURCE_MMIO32,
  TIME_SOURCE_MMIO64,
  type TimeInterpolator,
} from '../../../interpolator/include/linux/timex.js';
import type {
  TimekeepingKernel,
  Timespec,
} from '../../../interpolator/kernel/timer/timekeeping-state.js';
import {
  CYCLES,
  callSource,
  cmpxchg,
  fault,
  type KernelCode,
  load,
  mmioRead,
  store,
} from '../../../interpolator/ops.js';

type Field = Exclude<keyof TimeInterpolator, 'next'>;
const NSEC_PER_SEC = 1_000_000_000n;
const USEC_PER_SEC = 1_000_000n;
const INTERPOLATOR_ADJUST = 65536n;
const INTERPOLATOR_MAX_SKIP = 10n * INTERPOLATOR_ADJUST;

function* die(kind: 'BUG' | 'OOPS', where: string): KernelCode<never> {
  yield fault(kind, where);
  throw new Error(`kernel code resumed after ${kind} in ${where}`);
}

function* deref(k: InterpolatorKernel, where: string): KernelCode<TimeInterpolator> {
  const ti: TimeInterpolator | null = yield load(k.globals, 'time_interpolator');
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  return ti;
}

function* ti_load(k: InterpolatorKernel, field: Field, where: string): KernelCode<bigint> {
  const ti: TimeInterpolator | null = yield load(k.globals, 'time_interpolator');
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  return (yield load(ti, field)) as bigint;
}

function* ti_store(
  k: InterpolatorKernel,
  field: Field,
  value: bigint,
  where: string,
): KernelCode<void> {
  const ti: TimeInterpolator | null = yield load(k.globals, 'time_interpolator');
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  yield store(ti, field, value);
}

function* ti_nsecs(k: InterpolatorKernel, count: bigint, where: string): KernelCode<bigint> {
  const values: bigint[] = [];
  for (const field of ['last_counter', 'mask', 'nsec_per_cyc', 'shift'] as const) {
    const ti: TimeInterpolator | null = yield load(k.globals, 'time_interpolator');
    if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
    values.push((yield load(ti, field)) as bigint);
  }
  const [last_counter, mask, nsec_per_cyc, shift] = values as [bigint, bigint, bigint, bigint];
  return shr64(
    wrap64((wrap64(count - last_counter) & mask) * nsec_per_cyc),
    shift,
    k.shiftSemantics,
  );
}

function* get_cycles(k: InterpolatorKernel, src: bigint): KernelCode<bigint> {
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

function* get_counter_jitter(k: InterpolatorKernel, writelock: boolean): KernelCode<bigint> {
  const where = 'time_interpolator_get_counter';
  const src = yield* ti_load(k, 'source', where);
  if ((yield* ti_load(k, 'jitter', where)) === 0n) return yield* get_cycles(k, src);
  for (;;) {
    const lcycle = yield* ti_load(k, 'last_cycle', where);
    const now = yield* get_cycles(k, src);
    if (lcycle !== 0n && time_after(lcycle, now)) return lcycle;
    if (writelock) {
      yield* ti_store(k, 'last_cycle', now, where);
      return now;
    }
    const ti = yield* deref(k, where);
    if ((yield cmpxchg(ti, 'last_cycle', lcycle, now)) === lcycle) return now;
  }
}

function get_counter(k: InterpolatorKernel, writelock: number): KernelCode<bigint> {
  return get_counter_jitter(k, k.revision === '2.6.18' && writelock !== 0);
}

export function* time_interpolator_get_offset(k: InterpolatorKernel): KernelCode<bigint> {
  const where = 'time_interpolator_get_offset';
  if ((yield load(k.globals, 'time_interpolator')) === null) return 0n;
  const offset = yield* ti_load(k, 'offset', where);
  const count = yield* get_counter(k, 0);
  return wrap64(offset + (yield* ti_nsecs(k, count, where)));
}

export function* time_interpolator_update(
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
}

function* read_seqbegin(sl: SeqLock): KernelCode<bigint> {
  return (yield load(sl, 'sequence')) as bigint;
}

function* read_seqretry(sl: SeqLock, iv: bigint): KernelCode<boolean> {
  const seq: bigint = yield load(sl, 'sequence');
  return (iv & 1n) !== 0n || seq !== iv;
}

export function* getnstimeofday(k: TimekeepingKernel): KernelCode<Timespec> {
  let sec: bigint;
  let nsec: bigint;
  for (;;) {
    const seq = yield* read_seqbegin(k.xtime_lock);
    sec = wrap64(yield load(k.xtime, 'tv_sec'));
    const tv_nsec: bigint = yield load(k.xtime, 'tv_nsec');
    nsec = wrap64(tv_nsec + (yield* time_interpolator_get_offset(k)));
    if (!(yield* read_seqretry(k.xtime_lock, seq))) break;
  }
  const whole = nsec / NSEC_PER_SEC;
  return { tv_sec: s64(sec + whole), tv_nsec: s64(nsec - whole * NSEC_PER_SEC) };
}

export function* do_gettimeofday(
  k: TimekeepingKernel,
): KernelCode<{ tv_sec: bigint; tv_usec: bigint }> {
  let offset: bigint;
  let sec: bigint;
  let nsec: bigint;
  for (;;) {
    const seq = yield* read_seqbegin(k.xtime_lock);
    offset = yield* time_interpolator_get_offset(k);
    sec = wrap64(yield load(k.xtime, 'tv_sec'));
    nsec = wrap64(yield load(k.xtime, 'tv_nsec'));
    if (!(yield* read_seqretry(k.xtime_lock, seq))) break;
  }
  let usec = wrap64(nsec + offset) / 1000n;
  const whole = usec / USEC_PER_SEC;
  usec -= whole * USEC_PER_SEC;
  return { tv_sec: s64(sec + whole), tv_usec: usec };
}

export function* ktime_get_ts(k: TimekeepingKernel): KernelCode<Timespec> {
  let ts: Timespec;
  let tomono: Timespec;
  for (;;) {
    const seq = yield* read_seqbegin(k.xtime_lock);
    ts = yield* getnstimeofday(k);
    const tv_sec: bigint = yield load(k.wall_to_monotonic, 'tv_sec');
    const tv_nsec: bigint = yield load(k.wall_to_monotonic, 'tv_nsec');
    tomono = { tv_sec, tv_nsec };
    if (!(yield* read_seqretry(k.xtime_lock, seq))) break;
  }
  let sec = s64(ts.tv_sec + tomono.tv_sec);
  let nsec = s64(ts.tv_nsec + tomono.tv_nsec);
  let carry = nsec / NSEC_PER_SEC;
  nsec -= carry * NSEC_PER_SEC;
  if (nsec < 0n) {
    nsec += NSEC_PER_SEC;
    carry -= 1n;
  }
  sec = s64(sec + carry);
  return { tv_sec: sec, tv_nsec: nsec };
}
