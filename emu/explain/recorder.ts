// SPDX-License-Identifier: GPL-2.0-only
/**
 * The run observer of `timer-emu explain`: it keeps the operations of one chosen clock read and of
 * the chosen calls of `time_interpolator_update`, delimited by the workload's read begin/end and
 * by the kernel's call-boundary hooks (`get_counter`, `time_interpolator_update`), never by the
 * fields an operation touches.
 */
import { TIME_INTERPOLATOR_UPDATE_HOOK } from '../../interpolator/kernel/timer/interpolator.js';
import type { TimekeepingKernel } from '../../interpolator/kernel/timer/timekeeping-state.js';
import type { Op } from '../../interpolator/ops.js';
import type { TimeFs } from '../base/time.js';
import type { ClockRead } from '../checkers/types.js';
import type { OpTimes } from '../engine/executor.js';
import type { RunObserver } from '../machine/run-observer.js';
import { type Context, GET_COUNTER_HOOK, THREAD } from '../machine/watch.js';
import type { Step } from './steps.js';

/** Which read and which ticks to keep. */
export interface Selection {
  readonly cpu: number;
  /** the K-th read completed on `cpu`, from 1 */
  readonly read: number | null;
  /** else the first read on `cpu` that starts at or after this time */
  readonly atFs: TimeFs | null;
  /** the calls of time_interpolator_update from `from` to `to` (from 1), or the first tuning round */
  readonly ticks: { readonly from: number; readonly to: number } | 'tuning' | null;
}

export interface ReadCapture {
  /** its place among the reads of its CPU, from 1 */
  readonly index: number;
  readonly read: ClockRead;
  readonly steps: readonly Step[];
}

export interface TickCapture {
  /** its place among the calls of time_interpolator_update, from 1 */
  readonly index: number;
  readonly cpu: number;
  readonly steps: readonly Step[];
}

/** A call being recorded on one CPU and context. */
interface Open {
  readonly steps: Step[];
  counterCalls: number;
  inCounter: boolean;
}

export const TUNING_PERIOD_JIFFIES = 65536n;

export class ExplainRecorder implements RunObserver {
  read: ReadCapture | null = null;
  readonly ticks: TickCapture[] = [];
  private context: readonly Context[] = [];
  private kernel: TimekeepingKernel | null = null;
  private readsOnCpu = 0;
  private updates = 0;
  private openRead: Open | null = null;
  private openTick: (Open & { index: number; cpu: number }) | null = null;

  constructor(private readonly sel: Selection) {}

  /** Whether everything selected has been seen (the run may stop). */
  get done(): boolean {
    const readDone = (this.sel.read === null && this.sel.atFs === null) || this.read !== null;
    const t = this.sel.ticks;
    const ticksDone = t === null || (t === 'tuning' ? this.ticks.length > 0 : this.updates >= t.to);
    return readDone && ticksDone && this.openTick === null;
  }

  attach(context: readonly Context[], kernel: TimekeepingKernel): void {
    this.context = context;
    this.kernel = kernel;
  }

  readBegin(cpu: number, startFs: TimeFs): void {
    if (cpu !== this.sel.cpu || this.read !== null) return;
    const byIndex = this.sel.read !== null && this.readsOnCpu + 1 === this.sel.read;
    const byTime = this.sel.atFs !== null && startFs >= this.sel.atFs;
    this.openRead = byIndex || byTime ? { steps: [], counterCalls: 0, inCounter: false } : null;
  }

  readEnd(read: ClockRead): void {
    if (read.cpu !== this.sel.cpu || this.read !== null) return;
    this.readsOnCpu++;
    if (this.openRead === null) return;
    this.read = { index: this.readsOnCpu, read, steps: this.openRead.steps };
    this.openRead = null;
  }

  callEnter(cpu: number, hook: string): void {
    if (hook === TIME_INTERPOLATOR_UPDATE_HOOK) this.updateEnter(cpu);
    const open = this.openOn(cpu);
    if (hook === GET_COUNTER_HOOK && open !== null) {
      open.counterCalls++;
      open.inCounter = true;
    }
  }

  callExit(cpu: number, hook: string): void {
    const open = this.openOn(cpu);
    if (hook === GET_COUNTER_HOOK && open !== null) open.inCounter = false;
    if (hook === TIME_INTERPOLATOR_UPDATE_HOOK && this.openTick?.cpu === cpu) this.updateExit();
  }

  opTimed(cpu: number, op: Op, result: unknown, times: OpTimes): void {
    const open = this.openOn(cpu);
    if (open === null) return;
    open.steps.push(this.step(op, result, times.startFs, open.inCounter ? open.counterCalls : 0));
  }

  private updateEnter(cpu: number): void {
    this.updates++;
    const t = this.sel.ticks;
    const wanted =
      t === 'tuning'
        ? this.ticks.length === 0
        : t !== null && this.updates >= t.from && this.updates <= t.to;
    if (wanted)
      this.openTick = { steps: [], counterCalls: 0, inCounter: false, index: this.updates, cpu };
  }

  private updateExit(): void {
    const open = this.openTick!;
    this.openTick = null;
    if (this.sel.ticks === 'tuning' && !isTuningRound(open.steps)) return;
    this.ticks.push({ index: open.index, cpu: open.cpu, steps: open.steps });
  }

  /** The call being recorded in the context now running on `cpu`, if any. */
  private openOn(cpu: number): Open | null {
    if (this.openTick !== null && this.openTick.cpu === cpu && this.context[cpu] !== THREAD)
      return this.openTick;
    if (this.openRead !== null && cpu === this.sel.cpu && this.context[cpu] === THREAD)
      return this.openRead;
    return null;
  }

  private step(op: Op, result: unknown, startFs: TimeFs, counterCall: number): Step {
    const base = { startFs, counterCall, expected: null, proposed: null, ok: true };
    switch (op.op) {
      case 'load':
        return { ...base, kind: op.op, ...this.place(op.obj, op.field), value: word(result) };
      case 'store':
        return { ...base, kind: op.op, ...this.place(op.obj, op.field), value: word(op.value) };
      case 'cmpxchg':
        return {
          ...base,
          kind: op.op,
          ...this.place(op.obj, op.field),
          value: word(result),
          expected: word(op.expected),
          proposed: word(op.value),
          ok: result === op.expected,
        };
      default:
        return { ...base, kind: op.op, record: '', field: '', value: word(result) };
    }
  }

  private place(obj: object, field: string): { record: string; field: string } {
    const k = this.kernel;
    const names: [object | undefined, string][] = [
      [k?.xtime_lock, 'xtime_lock'],
      [k?.xtime, 'xtime'],
      [k?.wall_to_monotonic, 'wall_to_monotonic'],
      [k?.jiffies, 'jiffies'],
      [k?.tick, 'tick_nsec'],
      [k?.globals, 'time_interpolator'],
    ];
    const named = names.find(([o]) => o === obj);
    if (named !== undefined) return { record: named[1], field };
    return { record: 'nsec_per_cyc' in obj ? 'ti' : 'other', field };
  }
}

const word = (v: unknown): bigint | null => (typeof v === 'bigint' ? v : null);

/** Whether a recorded update loaded a jiffies value that is a multiple of the tuning period. */
export function isTuningRound(steps: readonly Step[]): boolean {
  const j = steps.find((s) => s.record === 'jiffies' && s.kind === 'load');
  return j?.value != null && j.value % TUNING_PERIOD_JIFFIES === 0n;
}
