// SPDX-License-Identifier: GPL-2.0-only
/**
 * An observer of a run besides the machine's own watch (`timer-emu explain` is one): it sees every
 * executor observer call after the watch has, the context each CPU runs in, and the workload's
 * clock reads as they begin and complete.
 */

import type { TimekeepingKernel } from '../../interpolator/kernel/timer/timekeeping-state.js';
import type { Op } from '../../interpolator/ops.js';
import type { TimeFs } from '../base/time.js';
import type { ClockRead } from '../checkers/types.js';
import type { ExecutorObserver, OpTimes } from '../engine/executor.js';
import type { Context } from './watch.js';

export interface RunObserver extends ExecutorObserver {
  /** the machine's per-CPU context (0 thread, 1 interrupt), live, and its kernel, before the run */
  attach?(context: readonly Context[], kernel: TimekeepingKernel): void;
  /** a workload call starts on `cpu` */
  readBegin?(cpu: number, startFs: TimeFs): void;
  /** a workload call completed with this read */
  readEnd?(read: ClockRead): void;
}

/** The observer calls besides the operations, forwarded to both observers when either has them. */
const HOOKS = [
  'written',
  'cmpxchg',
  'callEnter',
  'callExit',
  'kernelEvent',
  'interrupt',
  'idle',
] as const satisfies readonly (keyof ExecutorObserver)[];

type Call = (...args: unknown[]) => void;

/** `o`'s operation call, whichever of `opTimed` and `op` it has. */
function opCall(o: ExecutorObserver): (cpu: number, op: Op, result: unknown, t: OpTimes) => void {
  if (o.opTimed !== undefined) return o.opTimed.bind(o);
  const op = o.op?.bind(o);
  return op === undefined
    ? () => {}
    : (cpu, o2, result, t) => op(cpu, o2, result, t.startFs, t.endFs);
}

/**
 * `first`, then `then`, for each observer call either of them has. A call neither has stays
 * absent, so the executor does not make it (it tests for `written`, `cmpxchg`, … before the work
 * of reporting them).
 */
export function bothObservers(first: ExecutorObserver, then: ExecutorObserver): ExecutorObserver {
  const a = opCall(first);
  const b = opCall(then);
  const both: Record<string, Call> = {
    opTimed(cpu, op, result, times) {
      a(cpu as number, op as Op, result, times as OpTimes);
      b(cpu as number, op as Op, result, times as OpTimes);
    },
  };
  for (const hook of HOOKS) {
    const x = first[hook] as Call | undefined;
    const y = then[hook] as Call | undefined;
    if (x === undefined && y === undefined) continue;
    both[hook] = (...args) => {
      x?.apply(first, args);
      y?.apply(then, args);
    };
  }
  return both as ExecutorObserver;
}
