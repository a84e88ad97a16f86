// SPDX-License-Identifier: GPL-2.0-only
/**
 * The executor observer behind a waveform's signals (emu/base/signal-tap.ts): of the operations
 * kernel code performs it passes on only the writes to the variables shown (the interpolators'
 * `offset`, `last_counter`, `last_cycle`, `nsec_per_cyc`; `xtime`, `jiffies`), the cmpxchg
 * outcomes on them, and the counter reads (MMIO reads of a device, reads of the cycle counter).
 * Every other operation costs one switch and builds nothing.
 */

import type { TimekeepingKernel } from '../../interpolator/kernel/timer/timekeeping-state.js';
import type { Op, Shared, Word } from '../../interpolator/ops.js';
import type { SignalTap, SignalVariable } from '../base/signal-tap.js';
import type { Bus } from '../engine/bus.js';
import type { ExecutorObserver, OpTimes } from '../engine/executor.js';
import { bothObservers, type RunObserver } from './run-observer.js';

const INTERPOLATOR_FIELDS: ReadonlySet<string> = new Set([
  'offset',
  'last_counter',
  'last_cycle',
  'nsec_per_cyc',
]);

export interface SignalSources {
  readonly kernel: TimekeepingKernel;
  /** the interpolators' records */
  readonly interpolators: ReadonlySet<object>;
  readonly bus: Bus;
  /** the name of the per-CPU cycle counter, if any */
  readonly cycleCounter: string | undefined;
}

export class SignalWatch {
  constructor(
    private readonly tap: SignalTap,
    private readonly s: SignalSources,
  ) {}

  /** The variable a write to `obj.field` shows, if any. */
  private variable(obj: Shared, field: string): SignalVariable | undefined {
    if (this.s.interpolators.has(obj))
      return INTERPOLATOR_FIELDS.has(field) ? (field as SignalVariable) : undefined;
    const k = this.s.kernel;
    if (obj === k.xtime) return field === 'tv_sec' ? 'xtime_tv_sec' : 'xtime_tv_nsec';
    if (obj === k.jiffies && field === 'jiffies') return 'jiffies';
    return undefined;
  }

  opTimed(cpu: number, op: Op, result: unknown, times: OpTimes): void {
    switch (op.op) {
      case 'cmpxchg':
        if (this.variable(op.obj, op.field) !== undefined)
          this.tap.cmpxchg(cpu, result === op.expected, times.startFs);
        return;
      case 'mmio_read': {
        const d = this.s.bus.decode(op.addr, op.width);
        if (d !== undefined && typeof result === 'bigint')
          this.tap.counterRead(cpu, d.name, result, times.startFs, times.endFs);
        return;
      }
      case 'cycles':
        if (this.s.cycleCounter !== undefined && typeof result === 'bigint')
          this.tap.counterRead(cpu, this.s.cycleCounter, result, times.startFs, times.endFs);
        return;
      default:
        return;
    }
  }

  written(cpu: number, obj: Shared, field: string, value: Word, times: OpTimes): void {
    if (typeof value !== 'bigint') return;
    const v = this.variable(obj, field);
    if (v !== undefined) this.tap.written(cpu, v, value, times.startFs);
  }
}

/**
 * The machine's watch, then the run's own observer (`extra`, if any), then a signal watch when a
 * sink shows signals (`tap`).
 */
export function withSignals(
  watch: ExecutorObserver,
  extra: RunObserver | undefined,
  tap: SignalTap | undefined,
  sources: SignalSources,
): ExecutorObserver {
  const inner = extra === undefined ? watch : bothObservers(watch, extra);
  return tap === undefined ? inner : bothObservers(inner, new SignalWatch(tap, sources));
}
