// SPDX-License-Identifier: GPL-2.0-only
/**
 * The 2.6.18 (and 2.6.13) timekeeping globals of one simulated ia64 kernel, as shared records
 * (kernel/timer.c; `clocksource_jiffies` of kernel/time/jiffies.c). A `TimekeepingKernel` is an
 * `InterpolatorKernel` plus these records; each record is one cache line for the coherence model.
 * Integer fields hold the value of their C type (LP64): `time_t`/`long` signed 64-bit,
 * `u64`/`unsigned long` unsigned, `u32`, `int`.
 */

import { MAXFREQ, NTP_PHASE_LIMIT, STA_UNSYNC, TIME_OK } from '../../include/linux/constants.js';
import { type HzConstants, hzConstants } from '../../include/linux/jiffies.js';
import {
  type InterpolatorKernel,
  newInterpolatorKernel,
  type Revision,
  type ShiftSemantics,
} from '../../include/linux/timex.js';

/** `struct timespec` */
export interface Timespec {
  /** time_t */
  tv_sec: bigint;
  /** long, ns */
  tv_nsec: bigint;
}

/** `wall_jiffies` and the sysdev suspend flag of the tick path. */
export interface WallState {
  /** unsigned long: jiffies at the last wall-time update */
  wall_jiffies: bigint;
  /** int: `timekeeping_suspended` (2.6.18); `update_wall_time` does nothing while set */
  timekeeping_suspended: bigint;
}

/**
 * `clocksource_jiffies` with the 2.6.18 timekeeping fields (struct clocksource,
 * include/linux/clocksource.h). `mult` and `shift` are u32; `cycle_last`, `cycle_interval`,
 * `xtime_nsec` (2^-8 ns), `xtime_interval` are u64; `error` is s64 in 2^-32 ns.
 */
export interface JiffiesClocksource {
  mult: bigint;
  shift: bigint;
  mask: bigint;
  cycle_last: bigint;
  cycle_interval: bigint;
  xtime_nsec: bigint;
  xtime_interval: bigint;
  error: bigint;
}

/** The NTP variables (kernel/timer.c, 2.6.18); units as in the kernel. */
export interface NtpState {
  /** unsigned long, µs */
  tick_usec: bigint;
  /** int, µs per tick */
  tickadj: bigint;
  /** int, TIME_* */
  time_state: bigint;
  /** int, STA_* */
  time_status: bigint;
  /** long, µs·2^12 */
  time_offset: bigint;
  /** long */
  time_constant: bigint;
  /** long, ppm·2^16 */
  time_tolerance: bigint;
  /** long, µs */
  time_maxerror: bigint;
  /** long, µs */
  time_esterror: bigint;
  /** long, ppm·2^16 */
  time_freq: bigint;
  /** long, 2^-12 ns per tick (static in kernel/timer.c) */
  time_adj: bigint;
  /** long, s */
  time_reftime: bigint;
  /** long, µs still to slew */
  time_adjust: bigint;
  /** long, µs: the pending adjtime */
  time_next_adjust: bigint;
  /** long, 2^-12 ns: 2.6.13 sub-ns phase accumulator */
  time_phase: bigint;
  /** long, ppm·2^16: 2.6.13 PPS frequency (never set without a PPS driver) */
  pps_freq: bigint;
}

/** How often `clock_was_set()` (the hrtimer notification) was called. */
export interface ClockWasSet {
  clock_was_set: bigint;
}

/** Everything the timekeeping code and the interpolator core read or write, for one kernel. */
export interface TimekeepingKernel extends InterpolatorKernel {
  /** compile-time constants of this HZ (not shared memory) */
  readonly hz: HzConstants;
  readonly xtime: Timespec;
  readonly wall_to_monotonic: Timespec;
  readonly wall: WallState;
  readonly clock: JiffiesClocksource;
  readonly ntp: NtpState;
  readonly notify: ClockWasSet;
}

export interface TimekeepingKernelOptions {
  /** 100, 250 or 1000 for 2.6.13–2.6.18 (any 12 ≤ HZ < 1536 is computed by the same formulas) */
  readonly hz: number;
  readonly revision: Revision;
  readonly shiftSemantics?: ShiftSemantics;
}

/** A freshly booted kernel's statically initialised globals, before `timekeeping_init`. */
export function newTimekeepingKernel(opts: TimekeepingKernelOptions): TimekeepingKernel {
  const hz = hzConstants(opts.hz);
  const base = newInterpolatorKernel(opts.revision, opts.shiftSemantics);
  return {
    ...base,
    jiffies: { jiffies: hz.INITIAL_JIFFIES },
    tick: { tick_nsec: hz.TICK_NSEC },
    hz,
    xtime: { tv_sec: 0n, tv_nsec: 0n },
    wall_to_monotonic: { tv_sec: 0n, tv_nsec: 0n },
    wall: { wall_jiffies: hz.INITIAL_JIFFIES, timekeeping_suspended: 0n },
    clock: {
      mult: BigInt.asUintN(32, hz.NSEC_PER_JIFFY << 8n),
      shift: 8n,
      mask: 0xffff_ffffn,
      cycle_last: 0n,
      cycle_interval: 0n,
      xtime_nsec: 0n,
      xtime_interval: 0n,
      error: 0n,
    },
    ntp: {
      tick_usec: hz.TICK_USEC,
      tickadj: hz.TICKADJ,
      time_state: TIME_OK,
      time_status: STA_UNSYNC,
      time_offset: 0n,
      time_constant: 2n,
      time_tolerance: MAXFREQ,
      time_maxerror: NTP_PHASE_LIMIT,
      time_esterror: NTP_PHASE_LIMIT,
      time_freq: hz.TIME_FREQ,
      time_adj: 0n,
      time_reftime: 0n,
      time_adjust: 0n,
      time_next_adjust: 0n,
      time_phase: 0n,
      pps_freq: 0n,
    },
    notify: { clock_was_set: 0n },
  };
}
