// SPDX-License-Identifier: GPL-2.0-only
/**
 * Kernel statistics measured from outside the kernel code, from the executor's observer calls.
 * Per CPU and context (thread or interrupt):
 *
 * - get_counter calls: kernel code marks them with a call-boundary hook (`framed(…, 'get_counter')`
 *   in interpolator/kernel/timer/interpolator-counter.ts, as a kernel tracepoint would). A call
 *   runs from the start of its first operation to the end of its last one; interrupt time spent
 *   inside it counts. It is the writer's when its CPU holds the xtime spinlock as it starts. Its
 *   cmpxchg operations (on `last_cycle`, the only ones get_counter makes) are counted.
 * - skips: a store of a non-zero `skips` followed by the `ns_skipped` store (its increase is the
 *   ns skipped); nsec_per_cyc changes: a store of a new value by the xtime lock holder (tuning;
 *   registration stores it without the lock);
 * - xtime sequence loads by a workload call (the seqlock retries, counted by the caller);
 * - faults, forwarded.
 */
import { wrap64 } from '../../interpolator/c.js';
import type { TimeInterpolator } from '../../interpolator/include/linux/timex.js';
import { TIME_INTERPOLATOR_UPDATE_HOOK } from '../../interpolator/kernel/timer/interpolator.js';
import type { TimekeepingKernel } from '../../interpolator/kernel/timer/timekeeping-state.js';
import type { Op } from '../../interpolator/ops.js';
import type { UpdateRecord } from '../base/trace-record.js';
import type { KernelEvent as CheckerEvent } from '../checkers/types.js';
import {
  type ExecutorObserver,
  joinTime,
  type KernelEvent,
  type OpTimes,
} from '../engine/executor.js';
import { UpdateProbe } from './watch-update.js';

export type Context = 0 | 1;
export const THREAD: Context = 0;
export const IRQ: Context = 1;

/**
 * Times are kept split (hi, lo as the scheduler's `splitTime`, as `OpTimes` gives them): a
 * `bigint` is built only when a call is reported, not at each of its operations.
 */
interface CallSlot {
  active: boolean;
  /** the call has performed an operation: `start…` holds its start */
  started: boolean;
  writer: boolean;
  startHi: number;
  startLo: number;
  endHi: number;
  endLo: number;
}

/** What a workload call in flight on a CPU saw of the xtime seqlock. */
export interface ReadProbe {
  active: boolean;
  sequenceLoads: number;
  /** the REALTIME epoch when the call last loaded the sequence */
  epoch: number;
}

/** The call-boundary hook of `get_counter` (interpolator/kernel/timer/interpolator-counter.ts). */
export const GET_COUNTER_HOOK = 'get_counter';

export interface WatchHooks {
  /** a checker event */
  emit(e: CheckerEvent): void;
  /**
   * a cmpxchg on an interpolator's `last_cycle`, exchanged or not: counted rather than emitted
   * (dozens per read under contention; no event object, no `bigint` time)
   */
  cmpxchg(cpu: number, ok: boolean): void;
  /** a kernel fault killed a context on `cpu` */
  fault(e: KernelEvent): void;
  /** the current REALTIME epoch */
  epoch(): number;
  /** the xtime write section just ended on `cpu` (an even sequence was stored) */
  writeUnlocked(cpu: number): void;
  /** the executor left `cpu` idle */
  idle(cpu: number): void;
  /** each call of time_interpolator_update, when wanted (a trace): it costs a look per operation */
  update?(r: UpdateRecord): void;
}

export class KernelWatch implements ExecutorObserver {
  /** per CPU: the context now executing */
  readonly context: Context[];
  readonly probes: ReadProbe[];
  /** per CPU and context: the call slot at 2 · cpu + context */
  private readonly calls: CallSlot[];
  private readonly xtimeLock: object;
  private holder = -1;
  private readonly lastNsSkipped = new Map<TimeInterpolator, bigint>();
  private readonly pendingSkip = new Set<TimeInterpolator>();
  private readonly lastNsecPerCyc = new Map<TimeInterpolator, bigint>();
  private readonly updates: UpdateProbe | undefined;

  constructor(
    cpus: number,
    k: TimekeepingKernel,
    private readonly interpolators: ReadonlySet<object>,
    private readonly hooks: WatchHooks,
  ) {
    this.context = new Array<Context>(cpus).fill(THREAD);
    this.probes = Array.from({ length: cpus }, () => ({
      active: false,
      sequenceLoads: 0,
      epoch: 0,
    }));
    const slot = (): CallSlot => ({
      active: false,
      started: false,
      writer: false,
      startHi: 0,
      startLo: 0,
      endHi: 0,
      endLo: 0,
    });
    this.calls = Array.from({ length: 2 * cpus }, slot);
    this.xtimeLock = k.xtime_lock;
    const update = hooks.update;
    if (update !== undefined)
      this.updates = new UpdateProbe(interpolators, k.shiftSemantics, (r) => update(r));
  }

  callEnter(cpu: number, hook: string): void {
    if (hook === TIME_INTERPOLATOR_UPDATE_HOOK) this.updates?.enter(cpu, this.context[cpu]!);
    if (hook !== GET_COUNTER_HOOK) return;
    const slot = this.slot(cpu);
    slot.active = true;
    slot.started = false;
    slot.writer = this.holder === cpu;
  }

  callExit(cpu: number, hook: string): void {
    if (hook === TIME_INTERPOLATOR_UPDATE_HOOK) this.updates?.exit(cpu, this.context[cpu]!);
    if (hook !== GET_COUNTER_HOOK) return;
    const slot = this.slot(cpu);
    if (!slot.active) return;
    slot.active = false;
    if (!slot.started) return;
    this.hooks.emit({
      kind: 'get_counter',
      cpu,
      startFs: joinTime(slot.startHi, slot.startLo),
      endFs: joinTime(slot.endHi, slot.endLo),
      writer: slot.writer,
    });
  }

  opTimed(cpu: number, op: Op, result: unknown, times: OpTimes): void {
    const slot = this.slot(cpu);
    if (slot.active) {
      inCall(slot, times);
      if (op.op === 'cmpxchg') this.hooks.cmpxchg(cpu, result === op.expected);
      return;
    }
    this.updates?.op(cpu, this.context[cpu]!, op, result, times);
    switch (op.op) {
      case 'load':
        if (op.obj === this.xtimeLock && op.field === 'sequence') this.sequenceLoad(cpu);
        return;
      case 'cmpxchg':
        if (op.obj === this.xtimeLock && op.field === 'lock' && result === op.expected)
          this.holder = cpu;
        return;
      case 'store':
        if (op.obj === this.xtimeLock) this.onLockStore(cpu, op.field, op.value);
        else if (this.interpolators.has(op.obj))
          this.onInterpolatorStore(cpu, op.obj as TimeInterpolator, op.field, op.value, times);
        return;
      default:
        return;
    }
  }

  idle(cpu: number): void {
    this.hooks.idle(cpu);
  }

  kernelEvent(e: KernelEvent): void {
    const ctx = e.context === 'irq' ? IRQ : THREAD;
    this.calls[2 * e.cpu + ctx]!.active = false;
    this.updates?.abandon(e.cpu);
    this.hooks.emit({ kind: 'fault', cpu: e.cpu, atFs: e.timeFs, fault: e.kind, where: e.where });
    this.context[e.cpu] = THREAD;
    this.hooks.fault(e);
  }

  private onLockStore(cpu: number, field: string, value: unknown): void {
    if (field === 'lock' && value === 0n) this.holder = -1;
    else if (field === 'sequence' && ((value as bigint) & 1n) === 0n) this.hooks.writeUnlocked(cpu);
  }

  private onInterpolatorStore(
    cpu: number,
    ti: TimeInterpolator,
    field: string,
    value: unknown,
    times: OpTimes,
  ): void {
    const v = value as bigint;
    switch (field) {
      case 'skips':
        if (v !== 0n) this.pendingSkip.add(ti);
        return;
      case 'ns_skipped': {
        const last = this.lastNsSkipped.get(ti) ?? 0n;
        if (this.pendingSkip.delete(ti))
          this.hooks.emit({
            kind: 'skip',
            cpu,
            atFs: times.startFs,
            nsSkipped: wrap64(v - last),
          });
        this.lastNsSkipped.set(ti, v);
        return;
      }
      case 'nsec_per_cyc': {
        const last = this.lastNsecPerCyc.get(ti);
        this.lastNsecPerCyc.set(ti, v);
        if (last !== undefined && last !== v && this.holder === cpu)
          this.hooks.emit({
            kind: 'nsec_per_cyc',
            cpu,
            atFs: times.startFs,
            from: last,
            to: v,
          });
        return;
      }
      default:
        return;
    }
  }

  /** The call slot of the context now executing on `cpu`. */
  private slot(cpu: number): CallSlot {
    return this.calls[2 * cpu + this.context[cpu]!]!;
  }

  /** A thread's load of the xtime sequence, counted for the workload call in flight. */
  private sequenceLoad(cpu: number): void {
    const probe = this.probes[cpu]!;
    if (this.context[cpu] !== THREAD || !probe.active) return;
    probe.sequenceLoads++;
    probe.epoch = this.hooks.epoch();
  }
}

/** An operation of the call open in `slot`: the call runs at least until its end. */
function inCall(slot: CallSlot, times: OpTimes): void {
  if (!slot.started) {
    slot.started = true;
    slot.startHi = times.startHi;
    slot.startLo = times.startLo;
  }
  slot.endHi = times.endHi;
  slot.endLo = times.endLo;
}
