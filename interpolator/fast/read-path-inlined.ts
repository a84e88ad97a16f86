// SPDX-License-Identifier: GPL-2.0-only
/**
 * The clock-read path with its helpers inlined by hand: the only place in the port where a
 * kernel function exists twice. Each function here is a fused twin of a readable, line-for-line
 * version that is the source of truth:
 *
 * | fused here                     | readable twin (kernel file)                                  |
 * |--------------------------------|--------------------------------------------------------------|
 * | `get_counter`                  | kernel/timer/interpolator-counter.ts (kernel/timer.c)        |
 * | `time_interpolator_get_offset` | kernel/timer/interpolator.ts (kernel/timer.c)                |
 * | `getnstimeofday`               | kernel/time/timeofday.ts (kernel/time.c)                     |
 * | `do_gettimeofday`              | kernel/time/timeofday.ts (kernel/time.c)                     |
 * | `ktime_get_ts`                 | kernel/hrtimer/ktime-get-ts.ts (kernel/hrtimer.c)                 |
 *
 * What is inlined: `ti_load`/`ti_store`/`ti_nsecs` (one pointer load, then the field),
 * `time_interpolator_get_cycles` (but for the reads at `addr` inside the jitter loop), and
 * `read_seqbegin`/`read_seqretry` (one sequence load each).
 * Why: every nested generator adds a resume of each generator on the way to each operation it
 * yields, and these functions run on every simulated clock read (docs/performance.md). Each
 * function is `framed` so that its callers' `yield*` costs one hop.
 *
 * The contract: each twin yields the same operations in the same order, with the same values,
 * and returns the same result or faults at the same operation, whatever the state and whatever
 * other CPUs store in between (test/interpolator/kernel/timer/interpolator-opsequence.spec.ts).
 */
import { s64, time_after, u32, wrap64 } from '../c.js';
import { NSEC_PER_SEC, USEC_PER_SEC } from '../include/linux/constants.js';
import {
  type InterpolatorKernel,
  TIME_SOURCE_FUNCTION,
  TIME_SOURCE_MMIO32,
  TIME_SOURCE_MMIO64,
  type TimeInterpolator,
} from '../include/linux/timex.js';
import { normalized_timespec, type Timeval } from '../kernel/time/timeofday.js';
import { die, GET_TI_NSECS } from '../kernel/timer/interpolator-counter.js';
import type { TimekeepingKernel, Timespec } from '../kernel/timer/timekeeping-state.js';
import {
  CYCLES,
  callSource,
  cmpxchg,
  framed,
  type KernelCode,
  load,
  mmioRead,
  type Op,
  store,
} from '../ops.js';

/** Fused `get_counter`: `ti_load` and `time_interpolator_get_cycles` written out in place. */
export const get_counter = framed(function get_counter(
  k: InterpolatorKernel,
  writelock: number,
): KernelCode<bigint> {
  return get_counter_jitter(k, k.revision === '2.6.18' && writelock !== 0);
}, 'get_counter');

/** Whether `time_interpolator_get_cycles(src)` reads at the interpolator's `addr`. */
const readsAtAddr = (src: bigint): boolean =>
  src === TIME_SOURCE_FUNCTION || src === TIME_SOURCE_MMIO64 || src === TIME_SOURCE_MMIO32;

/** The hardware read of `time_interpolator_get_cycles(src)` at `addr`, for `readsAtAddr(src)`. */
const readAt = (src: bigint, addr: bigint): Op =>
  src === TIME_SOURCE_FUNCTION
    ? callSource(addr)
    : src === TIME_SOURCE_MMIO64
      ? mmioRead(addr, 64)
      : mmioRead(addr, 32);

/** The value `time_interpolator_get_cycles(src)` returns for what `readAt` read. */
const cyclesOf = (src: bigint, read: bigint): bigint =>
  src === TIME_SOURCE_MMIO32 ? u32(read) : read;

const GET_CYCLES_OOPS = 'time_interpolator_get_cycles: NULL time_interpolator';

/** Fused `time_interpolator_get_cycles(src)` for the sources that read at `addr`. */
function* get_cycles_at_addr(src: bigint, loadPointer: Op): KernelCode<bigint> {
  const ti: TimeInterpolator | null = yield loadPointer;
  if (ti === null) return yield* die('OOPS', GET_CYCLES_OOPS);
  return cyclesOf(src, yield readAt(src, yield load(ti, 'addr')));
}

function* get_counter_jitter(k: InterpolatorKernel, writelock: boolean): KernelCode<bigint> {
  const where = 'time_interpolator_get_counter';
  // one op object for every load of the pointer (ops are immutable; saves an allocation each)
  const loadPointer = load(k.globals, 'time_interpolator');
  let ti: TimeInterpolator | null = yield loadPointer;
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  const src: bigint = yield load(ti, 'source');
  ti = yield loadPointer;
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  if ((yield load(ti, 'jitter')) !== 0n) return yield* jitter_loop(src, writelock, loadPointer);
  if (!readsAtAddr(src)) return (yield CYCLES) as bigint;
  ti = yield loadPointer;
  if (ti === null) return yield* die('OOPS', GET_CYCLES_OOPS);
  return cyclesOf(src, yield readAt(src, yield load(ti, 'addr')));
}

/** The `jitter` loop of `time_interpolator_get_counter`. */
function* jitter_loop(src: bigint, writelock: boolean, loadPointer: Op): KernelCode<bigint> {
  const where = 'time_interpolator_get_counter';
  for (;;) {
    let ti: TimeInterpolator | null = yield loadPointer;
    if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
    const lcycle: bigint = yield load(ti, 'last_cycle');
    let now: bigint;
    if (readsAtAddr(src)) now = yield* get_cycles_at_addr(src, loadPointer);
    else now = yield CYCLES;
    if (lcycle !== 0n && time_after(lcycle, now)) return lcycle;
    ti = yield loadPointer;
    if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
    if (writelock) {
      yield store(ti, 'last_cycle', now);
      return now;
    }
    if ((yield cmpxchg(ti, 'last_cycle', lcycle, now)) === lcycle) return now;
  }
}

/** Fused `time_interpolator_get_offset`: `ti_load` and `ti_nsecs` written out in place. */
export const time_interpolator_get_offset = framed(function* time_interpolator_get_offset(
  k: InterpolatorKernel,
): KernelCode<bigint> {
  const where = 'time_interpolator_get_offset';
  const loadPointer = load(k.globals, 'time_interpolator');
  if ((yield loadPointer) === null) return 0n;
  let ti: TimeInterpolator | null = yield loadPointer;
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  const offset: bigint = yield load(ti, 'offset');

  const count = yield* get_counter(k, 0);

  // ti_nsecs(count): GET_TI_NSECS's four loads, left to right
  ti = yield loadPointer;
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  const last_counter: bigint = yield load(ti, 'last_counter');
  ti = yield loadPointer;
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  const mask: bigint = yield load(ti, 'mask');
  ti = yield loadPointer;
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  const nsec_per_cyc: bigint = yield load(ti, 'nsec_per_cyc');
  ti = yield loadPointer;
  if (ti === null) return yield* die('OOPS', `${where}: NULL time_interpolator`);
  const shift: bigint = yield load(ti, 'shift');
  return wrap64(
    offset + GET_TI_NSECS(count, last_counter, mask, nsec_per_cyc, shift, k.shiftSemantics),
  );
});

// The readers below write `read_seqbegin` and `read_seqretry` (one load each) out in place; both
// loads yield one op object.

/** Fused `getnstimeofday`. */
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

/** Fused `do_gettimeofday`. */
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

/** Fused `ktime_get_ts`. */
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
