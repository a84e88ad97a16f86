// SPDX-License-Identifier: GPL-2.0-only
/**
 * The shared records the interpolator core works on: `struct time_interpolator` and the kernel
 * globals around it. One kernel instance owns one `InterpolatorKernel`; nothing here is a
 * module-level singleton, so a process can hold many simulated kernels.
 *
 * Every integer field is a `bigint` holding the value of its C type (LP64): kernel code reduces a
 * result to the field's width before it stores it (`u32` for `nsec_per_cyc`, two's complement
 * range for the signed `drift`). Each record is one cache line for the coherence model.
 */

/** `TIME_SOURCE_*` (include/linux/timex.h, 2.6.18). */
export const TIME_SOURCE_CPU = 0n;
export const TIME_SOURCE_MMIO64 = 1n;
export const TIME_SOURCE_MMIO32 = 2n;
export const TIME_SOURCE_FUNCTION = 3n;

/** `struct time_interpolator`, field for field (include/linux/timex.h, 2.6.18). */
export interface TimeInterpolator {
  /** u16 */
  source: bigint;
  /** u8 */
  shift: bigint;
  /** u8, tested for non-zero only */
  jitter: bigint;
  /** u32 */
  nsec_per_cyc: bigint;
  /** void *: MMIO physical address, or the source function's address for TIME_SOURCE_FUNCTION */
  addr: bigint;
  /** u64 */
  mask: bigint;
  /** unsigned long, ns */
  offset: bigint;
  /** u64, cycles */
  last_counter: bigint;
  /** u64, cycles */
  last_cycle: bigint;
  /** u64, Hz */
  frequency: bigint;
  /** long, ppm; -1 = unknown */
  drift: bigint;
  /** unsigned long */
  skips: bigint;
  /** unsigned long, ns */
  ns_skipped: bigint;
  /** struct time_interpolator * */
  next: TimeInterpolator | null;
}

/** A zeroed `struct time_interpolator` (static storage or kzalloc). */
export function zeroedTimeInterpolator(): TimeInterpolator {
  return {
    source: 0n,
    shift: 0n,
    jitter: 0n,
    nsec_per_cyc: 0n,
    addr: 0n,
    mask: 0n,
    offset: 0n,
    last_counter: 0n,
    last_cycle: 0n,
    frequency: 0n,
    drift: 0n,
    skips: 0n,
    ns_skipped: 0n,
    next: null,
  };
}

/** `seqlock_t`: a 32-bit sequence and a spinlock (include/linux/seqlock.h). */
export interface SeqLock {
  /** unsigned (u32), wraps mod 2^32 */
  sequence: bigint;
  /** the spinlock word: 0 free, 1 held */
  lock: bigint;
}

/** `spinlock_t`: 0 free, 1 held. */
export interface SpinLock {
  lock: bigint;
}

/** The `__read_mostly` globals of the interpolator (one cache line). */
export interface InterpolatorGlobals {
  /** `time_interpolator`: the current interpolator, NULL until the first registration */
  time_interpolator: TimeInterpolator | null;
  /** `time_interpolator_list`: head of the singly linked list of registered interpolators */
  time_interpolator_list: TimeInterpolator | null;
}

/** `jiffies_64` (= `jiffies` on LP64, the same 8 bytes). */
export interface Jiffies {
  jiffies: bigint;
}

/**
 * The NTP tick length the tuning compares with (2.6.18: variable `tick_nsec`; 2.6.13: TICK_NSEC).
 */
export interface TickNsec {
  tick_nsec: bigint;
}

export type Revision = '2.6.18' | '2.6.13';

/**
 * Shift counts >= 64 are undefined in C: `x86-64` masks the
 * count to 6 bits (the default, what the conformance vectors were recorded with); `ia64` yields 0.
 */
export type ShiftSemantics = 'x86-64' | 'ia64';

/** Everything the interpolator core reads or writes, for one simulated kernel. */
export interface InterpolatorKernel {
  readonly revision: Revision;
  readonly shiftSemantics: ShiftSemantics;
  readonly globals: InterpolatorGlobals;
  readonly time_interpolator_lock: SpinLock;
  readonly xtime_lock: SeqLock;
  readonly jiffies: Jiffies;
  readonly tick: TickNsec;
}

export function newInterpolatorKernel(
  revision: Revision,
  shiftSemantics: ShiftSemantics = 'x86-64',
): InterpolatorKernel {
  return {
    revision,
    shiftSemantics,
    globals: { time_interpolator: null, time_interpolator_list: null },
    time_interpolator_lock: { lock: 0n },
    xtime_lock: { sequence: 0n, lock: 0n },
    jiffies: { jiffies: 0n },
    tick: { tick_nsec: 976562n },
  };
}
