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
import type { Op } from '../../interpolator/ops.js';
import type { TimeInterpolator } from '../../interpolator/state.js';
import type { TimekeepingKernel } from '../../interpolator/timekeeping/state.js';
import type { KernelEvent as CheckerEvent } from '../checkers/types.js';
import type { ExecutorObserver, KernelEvent, OpTimes } from '../executor.js';
import type { TimeFs } from '../time.js';

export type Context = 0 | 1;
export const THREAD: Context = 0;
export const IRQ: Context = 1;

interface CallSlot {
  active: boolean;
  writer: boolean;
  startFs: TimeFs;
  lastEndFs: TimeFs;
  hasEnd: boolean;
  /** start of the previous operation when it was a load of the global pointer, else -1 */
  pointerLoadFs: TimeFs;
}

/** What a workload call in flight on a CPU saw of the xtime seqlock. */
export interface ReadProbe {
  active: boolean;
  sequenceLoads: number;
  /** the REALTIME epoch when the call last loaded the sequence */
  epoch: number;
}

const GET_COUNTER_LOADS = new Set(['source', 'jitter', 'last_cycle', 'addr']);

export interface WatchHooks {
  /** a checker event */
  emit(e: CheckerEvent): void;
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
  private readonly calls: CallSlot[][];
  private holder = -1;
  private readonly lastNsSkipped = new Map<TimeInterpolator, bigint>();
  private readonly pendingSkip = new Set<TimeInterpolator>();
  private readonly lastNsecPerCyc = new Map<TimeInterpolator, bigint>();

  constructor(
    cpus: number,
    private readonly k: TimekeepingKernel,
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
      startFs: 0n,
      lastEndFs: 0n,
      hasEnd: false,
      pointerLoadFs: -1n,
    });
    this.calls = Array.from({ length: cpus }, () => [slot(), slot()]);
  }

  opTimed(cpu: number, op: Op, _result: unknown, times: OpTimes): void {
    const slot = this.calls[cpu]![this.context[cpu]!]!;
    switch (op.op) {
      case 'load':
        if (op.obj === this.k.globals) {
          if (!slot.active) slot.pointerLoadFs = times.startFs;
          return;
        }
        if (op.obj === this.k.xtime_lock && op.field === 'sequence') {
          const probe = this.probes[cpu]!;
          if (this.context[cpu] === THREAD && probe.active) {
            probe.sequenceLoads++;
            probe.epoch = this.hooks.epoch();
          }
        } else if (this.interpolators.has(op.obj) && GET_COUNTER_LOADS.has(op.field)) {
          if (op.field === 'source') this.open(cpu, slot, times.startFs);
          slot.pointerLoadFs = -1n;
          return;
        }
        break;
      case 'cycles':
      case 'mmio_read':
      case 'call_source':
        if (slot.active) {
          slot.lastEndFs = times.endFs;
          slot.hasEnd = true;
        }
        slot.pointerLoadFs = -1n;
        return;
      case 'cmpxchg':
        if (op.obj === this.k.xtime_lock && op.field === 'lock') break;
        if (this.interpolators.has(op.obj) && op.field === 'last_cycle') {
          if (slot.active) {
            slot.lastEndFs = times.endFs;
            slot.hasEnd = true;
          }
          slot.pointerLoadFs = -1n;
          return;
        }
        break;
      case 'store':
        this.onStore(cpu, op.obj, op.field, op.value, times.startFs);
        if (this.interpolators.has(op.obj) && op.field === 'last_cycle' && slot.active) {
          slot.lastEndFs = times.endFs;
          slot.hasEnd = true;
          slot.pointerLoadFs = -1n;
          return;
        }
        break;
      default:
        break;
    }
    slot.pointerLoadFs = -1n;
    if (slot.active) this.close(cpu, slot);
  }

  idle(cpu: number): void {
    this.hooks.idle(cpu);
  }

  cmpxchg(cpu: number, obj: object, field: string, ok: boolean, timeFs: TimeFs): void {
    if (obj === this.k.xtime_lock && field === 'lock') {
      if (ok) this.holder = cpu;
      return;
    }
    if (field === 'last_cycle' && this.interpolators.has(obj))
      this.hooks.emit({ kind: 'cmpxchg', cpu, atFs: timeFs, ok });
  }

  kernelEvent(e: KernelEvent): void {
    const ctx = e.context === 'irq' ? IRQ : THREAD;
    const slot = this.calls[e.cpu]![ctx]!;
    slot.active = false;
    slot.pointerLoadFs = -1n;
    this.hooks.emit({ kind: 'fault', cpu: e.cpu, atFs: e.timeFs, fault: e.kind, where: e.where });
    this.context[e.cpu] = THREAD;
    this.hooks.fault(e);
  }

  private onStore(cpu: number, obj: object, field: string, value: unknown, atFs: TimeFs): void {
    if (obj === this.k.xtime_lock) {
      if (field === 'lock' && value === 0n) this.holder = -1;
      else if (field === 'sequence' && ((value as bigint) & 1n) === 0n)
        this.hooks.writeUnlocked(cpu);
      return;
    }
    if (!this.interpolators.has(obj)) return;
    const ti = obj as TimeInterpolator;
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
            atFs,
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
            atFs,
            from: last,
            to: v,
          });
        return;
      }
      default:
        return;
    }
  }

  private open(cpu: number, slot: CallSlot, startFs: TimeFs): void {
    if (slot.active) this.close(cpu, slot);
    slot.active = true;
    slot.writer = this.holder === cpu;
    slot.startFs = slot.pointerLoadFs >= 0n ? slot.pointerLoadFs : startFs;
    slot.hasEnd = false;
  }

  private close(cpu: number, slot: CallSlot): void {
    slot.active = false;
    if (!slot.hasEnd) return;
    this.hooks.emit({
      kind: 'get_counter',
      cpu,
      startFs: slot.startFs,
      endFs: slot.lastEndFs,
      writer: slot.writer,
    });
  }
}
