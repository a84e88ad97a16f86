// SPDX-License-Identifier: GPL-2.0-only
/**
 * Kernel statistics measured from outside the kernel code, from the executor's stream of
 * operations (the interpolator is not instrumented). Per CPU and context (thread or interrupt):
 *
 * - get_counter calls: a call starts at the load of `time_interpolator` that precedes its load of
 *   `->source` (only get_counter loads that field) and ends with the last of its own operations
 *   that can end it (the counter read, the cmpxchg or store of `last_cycle`); the first
 *   operation outside get_counter's set (loads of the pointer, `source`, `jitter`, `last_cycle`,
 *   `addr`, counter reads, `last_cycle` updates) closes it. A call is the writer's when its CPU
 *   holds the xtime spinlock at its start. Interrupt time spent inside a call counts.
 * - cmpxchg attempts and failures on an interpolator's `last_cycle`;
 * - skips: a store of a non-zero `skips` followed by the `ns_skipped` store (its increase is the
 *   ns skipped); nsec_per_cyc changes: a store of a new value by the xtime lock holder (tuning;
 *   registration stores it without the lock);
 * - xtime sequence loads by a workload call (the seqlock retries, counted by the caller);
 * - faults, forwarded.
 */
import { wrap64 } from '../../interpolator/c.js';
import type { TimeInterpolator } from '../../interpolator/include/linux/timex.js';
import type { TimekeepingKernel } from '../../interpolator/kernel/timer/timekeeping-state.js';
import type { Op } from '../../interpolator/ops.js';
import type { KernelEvent as CheckerEvent } from '../checkers/types.js';
import type { ExecutorObserver, KernelEvent, OpTimes } from '../engine/executor.js';
import { joinTime } from '../engine/scheduler.js';

export type Context = 0 | 1;
export const THREAD: Context = 0;
export const IRQ: Context = 1;

/**
 * Times are kept split (hi, lo as the scheduler's `splitTime`, as `OpTimes` gives them): a
 * `bigint` is built only when a call is reported, not at each of the operations that may start or
 * end one.
 */
interface CallSlot {
  active: boolean;
  writer: boolean;
  startHi: number;
  startLo: number;
  endHi: number;
  endLo: number;
  hasEnd: boolean;
  /** start of the previous operation when it was a load of the global pointer, else hi = -1 */
  pointerHi: number;
  pointerLo: number;
}

/** What a workload call in flight on a CPU saw of the xtime seqlock. */
export interface ReadProbe {
  active: boolean;
  sequenceLoads: number;
  /** the REALTIME epoch when the call last loaded the sequence */
  epoch: number;
}

/** The interpolator fields only get_counter loads. */
const isGetCounterLoad = (field: string): boolean =>
  field === 'source' || field === 'jitter' || field === 'last_cycle' || field === 'addr';

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
}

export class KernelWatch implements ExecutorObserver {
  /** per CPU: the context now executing */
  readonly context: Context[];
  readonly probes: ReadProbe[];
  /** per CPU and context: the call slot at 2 · cpu + context */
  private readonly calls: CallSlot[];
  private readonly globals: object;
  private readonly xtimeLock: object;
  private holder = -1;
  private readonly lastNsSkipped = new Map<TimeInterpolator, bigint>();
  private readonly pendingSkip = new Set<TimeInterpolator>();
  private readonly lastNsecPerCyc = new Map<TimeInterpolator, bigint>();

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
      writer: false,
      startHi: 0,
      startLo: 0,
      endHi: 0,
      endLo: 0,
      hasEnd: false,
      pointerHi: -1,
      pointerLo: 0,
    });
    this.calls = Array.from({ length: 2 * cpus }, slot);
    this.globals = k.globals;
    this.xtimeLock = k.xtime_lock;
  }

  // Tests in order of frequency: loads of the global pointer come first (9 of the 23 operations of
  // a read on an HPET machine, 2 of every 5 in a jitter-protected cmpxchg loop).
  opTimed(cpu: number, op: Op, result: unknown, times: OpTimes): void {
    const slot = this.calls[2 * cpu + this.context[cpu]!]!;
    switch (op.op) {
      case 'load': {
        const obj = op.obj;
        if (obj === this.globals) {
          if (!slot.active) {
            slot.pointerHi = times.startHi;
            slot.pointerLo = times.startLo;
          }
          return;
        }
        const field = op.field;
        if (obj === this.xtimeLock) {
          if (field === 'sequence') {
            const probe = this.probes[cpu]!;
            if (this.context[cpu] === THREAD && probe.active) {
              probe.sequenceLoads++;
              probe.epoch = this.hooks.epoch();
            }
          }
        } else if (isGetCounterLoad(field) && this.interpolators.has(obj)) {
          if (field === 'source') this.open(cpu, slot, times);
          slot.pointerHi = -1;
          return;
        }
        break;
      }
      case 'cycles':
      case 'mmio_read':
      case 'call_source':
        if (slot.active) ended(slot, times);
        slot.pointerHi = -1;
        return;
      case 'cmpxchg':
        if (op.obj === this.xtimeLock) {
          if (op.field === 'lock' && result === op.expected) this.holder = cpu;
          break;
        }
        if (op.field === 'last_cycle' && this.interpolators.has(op.obj)) {
          this.hooks.cmpxchg(cpu, result === op.expected);
          if (slot.active) ended(slot, times);
          slot.pointerHi = -1;
          return;
        }
        break;
      case 'store': {
        const obj = op.obj;
        if (obj === this.xtimeLock) {
          this.onLockStore(cpu, op.field, op.value);
          break;
        }
        if (!this.interpolators.has(obj)) break;
        this.onInterpolatorStore(cpu, obj as TimeInterpolator, op.field, op.value, times);
        if (op.field === 'last_cycle' && slot.active) {
          ended(slot, times);
          slot.pointerHi = -1;
          return;
        }
        break;
      }
      default:
        break;
    }
    slot.pointerHi = -1;
    if (slot.active) this.close(cpu, slot);
  }

  idle(cpu: number): void {
    this.hooks.idle(cpu);
  }

  kernelEvent(e: KernelEvent): void {
    const ctx = e.context === 'irq' ? IRQ : THREAD;
    const slot = this.calls[2 * e.cpu + ctx]!;
    slot.active = false;
    slot.pointerHi = -1;
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

  private open(cpu: number, slot: CallSlot, times: OpTimes): void {
    if (slot.active) this.close(cpu, slot);
    slot.active = true;
    slot.writer = this.holder === cpu;
    if (slot.pointerHi >= 0) {
      slot.startHi = slot.pointerHi;
      slot.startLo = slot.pointerLo;
    } else {
      slot.startHi = times.startHi;
      slot.startLo = times.startLo;
    }
    slot.hasEnd = false;
  }

  private close(cpu: number, slot: CallSlot): void {
    slot.active = false;
    if (!slot.hasEnd) return;
    this.hooks.emit({
      kind: 'get_counter',
      cpu,
      startFs: joinTime(slot.startHi, slot.startLo),
      endFs: joinTime(slot.endHi, slot.endLo),
      writer: slot.writer,
    });
  }
}

/** The operation may end the call open in `slot`. */
function ended(slot: CallSlot, times: OpTimes): void {
  slot.endHi = times.endHi;
  slot.endLo = times.endLo;
  slot.hasEnd = true;
}
