// SPDX-License-Identifier: GPL-2.0-only
/**
 * Tick delivery as ia64 does it (arch/ia64/kernel/time.c, 2.6.18): each
 * CPU's ITC counts cycles and its ITM raises the timer interrupt on a match. The time keeper calls
 * `do_timer` once per elapsed `itm_delta`, so a late interrupt catches up with several calls, each
 * its own write section. `tick_from_source` is the simpler handler for a tick from an HPET
 * comparator or an ideal source: one `do_timer` per interrupt.
 */
import { time_after, time_after_eq, wrap64 } from '../../../../c.js';
import { write_seqlock, write_sequnlock } from '../../../../include/linux/seqlock.js';
import { do_timer } from '../../../../kernel/timer/tick.js';
import type { TimekeepingKernel } from '../../../../kernel/timer/timekeeping-state.js';
import { CYCLES, type KernelCode, load, setItm, store } from '../../../../ops.js';

/** The timer fields of ia64 `struct cpuinfo_ia64` (`local_cpu_data`), one record per CPU. */
export interface Ia64CpuTimer {
  /** unsigned long, ITC cycles per tick: (itc_freq + HZ/2) / HZ */
  itm_delta: bigint;
  /** unsigned long, ITC value of the next unaccounted tick deadline */
  itm_next: bigint;
}

/** ia64 timer globals. */
export interface Ia64TimeGlobals {
  /** int: the CPU that calls do_timer (0 unless CPU 0 was unplugged; constant 0 in 2.6.13) */
  time_keeper_id: bigint;
}

/** The CPU executing the handler. */
export interface Ia64Cpu {
  /** smp_processor_id() */
  readonly id: bigint;
  /** !cpu_is_offline() */
  readonly online: boolean;
  readonly local_cpu_data: Ia64CpuTimer;
}

/** Per-CPU work of every tick that touches no timekeeping state (process accounting, profiling). */
export interface TimerInterruptHooks {
  readonly update_process_times?: () => KernelCode<void>;
}

/** `itm_delta` for an ITC of `itcFreqHz`: the tick period in cycles, rounded. */
export const itmDelta = (itcFreqHz: bigint, hz: bigint): bigint => (itcFreqHz + hz / 2n) / hz;

/**
 * The start-up stagger of CPU `cpu`'s first deadline (`ia64_cpu_local_tick`): CPU 0 none, CPU n
 * `((2·(n − hi) + 1) · delta / hi) / 2` with `hi` the largest power of two ≤ n.
 */
export function tickStagger(cpu: bigint, delta: bigint): bigint {
  if (cpu === 0n) return 0n;
  const hi = 1n << BigInt(cpu.toString(2).length - 1);
  return wrap64(wrap64((2n * (cpu - hi) + 1n) * delta) / hi / 2n);
}

/**
 * arch/ia64/kernel/time.c, `ia64_cpu_local_tick()`: arm this CPU's first timer interrupt one tick
 * (plus stagger) ahead.
 */
export function* ia64_cpu_local_tick(cpu: Ia64Cpu): KernelCode<void> {
  const delta: bigint = yield load(cpu.local_cpu_data, 'itm_delta');
  const shift = tickStagger(cpu.id, delta);
  const itc: bigint = yield CYCLES;
  const itm_next = wrap64(itc + delta + shift);
  yield store(cpu.local_cpu_data, 'itm_next', itm_next);
  yield setItm(itm_next);
}

/**
 * arch/ia64/kernel/time.c, timer_interrupt (2.6.18) on `cpu`: catch up every elapsed deadline,
 * then re-arm the ITM. The function's two loops are written as the two helpers below.
 */
export function* timer_interrupt(
  k: TimekeepingKernel,
  globals: Ia64TimeGlobals,
  cpu: Ia64Cpu,
  hooks: TimerInterruptHooks = {},
): KernelCode<void> {
  if (!cpu.online) return;
  let new_itm: bigint = yield load(cpu.local_cpu_data, 'itm_next');
  const itc: bigint = yield CYCLES;
  if (!time_after(itc, new_itm)) {
    // printk("Oops: timer tick before it's due (itc=%lx,itm=%lx)") reads the ITC once more.
    yield CYCLES;
  }
  new_itm = yield* timer_interrupt_catch_up(k, globals, cpu, new_itm, hooks);
  yield* timer_interrupt_rearm(cpu.local_cpu_data, new_itm);
}

/**
 * timer_interrupt's first loop: one tick of process accounting per elapsed `itm_delta`, and on the
 * time keeper one `do_timer` under the xtime write seqlock per tick. Returns the next deadline.
 */
function* timer_interrupt_catch_up(
  k: TimekeepingKernel,
  globals: Ia64TimeGlobals,
  cpu: Ia64Cpu,
  new_itm: bigint,
  hooks: TimerInterruptHooks,
): KernelCode<bigint> {
  const data = cpu.local_cpu_data;
  for (;;) {
    if (hooks.update_process_times) yield* hooks.update_process_times();
    const itm_delta: bigint = yield load(data, 'itm_delta');
    new_itm = wrap64(new_itm + itm_delta);
    const time_keeper_id: bigint = yield load(globals, 'time_keeper_id');
    if (cpu.id === time_keeper_id) {
      yield* write_seqlock(k.xtime_lock);
      yield* do_timer(k);
      yield store(data, 'itm_next', new_itm);
      yield* write_sequnlock(k.xtime_lock);
    } else {
      yield store(data, 'itm_next', new_itm);
    }
    const now: bigint = yield CYCLES;
    if (time_after(new_itm, now)) return new_itm;
  }
}

/**
 * timer_interrupt's second loop: push the deadline at least half a tick into the future, write
 * the ITM, and retry if the ITC passed it meanwhile.
 */
function* timer_interrupt_rearm(data: Ia64CpuTimer, new_itm: bigint): KernelCode<void> {
  for (;;) {
    for (;;) {
      const now: bigint = yield CYCLES;
      const itm_delta: bigint = yield load(data, 'itm_delta');
      if (time_after(new_itm, wrap64(now + itm_delta / 2n))) break;
      new_itm = wrap64(new_itm + itm_delta);
    }
    yield setItm(new_itm);
    const now: bigint = yield CYCLES;
    if (!time_after_eq(now, new_itm)) return;
  }
}

/**
 * A tick from an HPET comparator or an ideal periodic source: one `do_timer` under the xtime write
 * seqlock per interrupt; nothing is caught up (a lost interrupt is a lost jiffy).
 */
export function* tick_from_source(k: TimekeepingKernel): KernelCode<void> {
  yield* write_seqlock(k.xtime_lock);
  yield* do_timer(k);
  yield* write_sequnlock(k.xtime_lock);
}
