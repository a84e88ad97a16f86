// SPDX-License-Identifier: GPL-2.0-only
/**
 * An observer of a run besides the machine's own watch (`timer-emu explain` is one): it sees every
 * executor observer call after the watch has, the context each CPU runs in, and the workload's
 * clock reads as they begin and complete.
 */

import type { TimekeepingKernel } from '../../interpolator/kernel/timer/timekeeping-state.js';
import type { Op, Shared } from '../../interpolator/ops.js';
import type { TimeFs } from '../base/time.js';
import type { ClockRead } from '../checkers/types.js';
import type { ExecutorObserver, KernelEvent, OpTimes } from '../engine/executor.js';
import type { Context } from './watch.js';

export interface RunObserver extends ExecutorObserver {
  /** the machine's per-CPU context (0 thread, 1 interrupt), live, and its kernel, before the run */
  attach?(context: readonly Context[], kernel: TimekeepingKernel): void;
  /** a workload call starts on `cpu` */
  readBegin?(cpu: number, startFs: TimeFs): void;
  /** a workload call completed with this read */
  readEnd?(read: ClockRead): void;
}

/** The watch first, then `extra`, for each observer call either of them has. */
export function bothObservers(watch: ExecutorObserver, extra: RunObserver): ExecutorObserver {
  return {
    opTimed(cpu: number, op: Op, result: unknown, times: OpTimes): void {
      watch.opTimed?.(cpu, op, result, times);
      if (extra.opTimed) extra.opTimed(cpu, op, result, times);
      else extra.op?.(cpu, op, result, times.startFs, times.endFs);
    },
    cmpxchg(cpu: number, obj: Shared, field: string, ok: boolean, timeFs: TimeFs): void {
      watch.cmpxchg?.(cpu, obj, field, ok, timeFs);
      extra.cmpxchg?.(cpu, obj, field, ok, timeFs);
    },
    callEnter(cpu: number, hook: string): void {
      watch.callEnter?.(cpu, hook);
      extra.callEnter?.(cpu, hook);
    },
    callExit(cpu: number, hook: string): void {
      watch.callExit?.(cpu, hook);
      extra.callExit?.(cpu, hook);
    },
    kernelEvent(e: KernelEvent): void {
      watch.kernelEvent?.(e);
      extra.kernelEvent?.(e);
    },
    interrupt(cpu: number, timeFs: TimeFs): void {
      watch.interrupt?.(cpu, timeFs);
      extra.interrupt?.(cpu, timeFs);
    },
    idle(cpu: number, timeFs: TimeFs): void {
      watch.idle?.(cpu, timeFs);
      extra.idle?.(cpu, timeFs);
    },
  };
}
