// SPDX-License-Identifier: GPL-2.0-only
/**
 * What a waveform shows besides the trace records (docs/outputs.md, VCD): the values kernel code
 * wrote to the variables shown, the counters it read, the workload calls' boundaries and the
 * stalls. The machine calls these (emu/machine/watch-signals.ts) only when a sink asks for them,
 * so that no record is built for the many operations a waveform does not show.
 *
 * Calls arrive in non-decreasing time of the operation's start (`tFs`, `startFs`); a counter
 * read's value is placed at its later end.
 */
import type { TimeFs } from './time.js';

/** The variables a waveform shows: the interpolator's fields and the kernel's. */
export type SignalVariable =
  | 'offset'
  | 'last_counter'
  | 'last_cycle'
  | 'nsec_per_cyc'
  | 'xtime_tv_sec'
  | 'xtime_tv_nsec'
  | 'jiffies';

export interface SignalTap {
  /** a workload clock-read call starts on `cpu` (its `read` record ends it) */
  callBegin(cpu: number, tFs: TimeFs): void;
  /** kernel code wrote `value` to `variable` at `tFs`: a store, or a cmpxchg that swapped */
  written(cpu: number, variable: SignalVariable, value: bigint, tFs: TimeFs): void;
  /** a cmpxchg on one of the variables, at its start: whether it swapped */
  cmpxchg(cpu: number, ok: boolean, tFs: TimeFs): void;
  /** kernel code on `cpu` read `device`'s counter (MMIO or the CPU's cycle counter) */
  counterRead(cpu: number, device: string, value: bigint, startFs: TimeFs, endFs: TimeFs): void;
  /** after each completed read, at its end: whether the CPU's reads are in a stall */
  stalled(cpu: number, on: boolean, tFs: TimeFs): void;
}
