// SPDX-License-Identifier: GPL-2.0-only
/**
 * The executor's types (options, observer hooks, kernel events, statistics) and how operations
 * are described in trace records.
 */
import type { BusAccess, CycleCounterDevice } from '../../devices/device.js';
import type { KernelCode, Op, Shared, Word } from '../../interpolator/ops.js';
import type { CostTable } from '../base/costs.js';
import type { Rational } from '../base/rational.js';
import type { TimeFs } from '../base/time.js';
import type { TraceRecord } from '../base/trace-record.js';
import type { Bus } from './bus.js';
import type { CpuState } from './cpu.js';
import type { Memory } from './memory.js';
import type { Scheduler } from './scheduler.js';

/** A TIME_SOURCE_FUNCTION: what `call_source` on its address returns, and how long it takes. */
export type SourceFunction = (cpu: number, nowFs: TimeFs) => BusAccess;

export interface KernelEvent {
  readonly kind: 'BUG' | 'OOPS';
  readonly where: string;
  readonly cpu: number;
  readonly timeFs: TimeFs;
  readonly context: 'thread' | 'irq';
}

/**
 * The start and end of the operation being reported, computed on demand: a `bigint` time costs an
 * allocation per operation, and most observers need it for few operations. Valid only during the
 * call it is passed to (the executor reuses the object).
 */
export interface OpTimes {
  readonly startFs: TimeFs;
  readonly endFs: TimeFs;
  /** the same two times as the scheduler's split pairs (emu/scheduler.ts), no `bigint` built */
  readonly startHi: number;
  readonly startLo: number;
  readonly endHi: number;
  readonly endLo: number;
}

/** Hooks for checkers and statistics; each is optional and costs nothing when absent. */
export interface ExecutorObserver {
  /** every operation performed, with its result (undefined for stores) */
  op?(cpu: number, op: Op, result: unknown, startFs: TimeFs, endFs: TimeFs): void;
  /** `op` with the times on demand; when present, the executor calls it instead of `op` */
  opTimed?(cpu: number, op: Op, result: unknown, times: OpTimes): void;
  /**
   * every write to memory, at the operation's start: a store, or a cmpxchg that swapped, with the
   * value written (a cmpxchg's result is the value it found; this is the one it put)
   */
  written?(cpu: number, obj: Shared, field: string, value: Word, times: OpTimes): void;
  /** every cmpxchg, with its outcome */
  cmpxchg?(cpu: number, obj: Shared, field: string, ok: boolean, timeFs: TimeFs): void;
  /**
   * a hooked call (`CallOp.hook`, a kernel tracepoint) starts on `cpu`, in the context it runs in:
   * its operations follow. No simulated time passes and no event is scheduled for it.
   */
  callEnter?(cpu: number, hook: string): void;
  /** the hooked call returned (a fault inside it is a `kernelEvent` instead) */
  callExit?(cpu: number, hook: string): void;
  kernelEvent?(e: KernelEvent): void;
  interrupt?(cpu: number, timeFs: TimeFs): void;
  /** the CPU has nothing left to run (its thread ended or died, or a handler taken while idle
   * returned, `irq_exit` included): `Executor.start` may be called for it from now on */
  idle?(cpu: number, timeFs: TimeFs): void;
}

/**
 * Where the executor sends the run as trace records (emu/trace's `Tracer` is one). The executor
 * tests `on` (one boolean) before it builds a record, so an observer that is off costs nothing.
 */
export interface TraceObserver {
  /** executor records (interrupts, CPU states, faults, bus errors, refusals) are wanted */
  readonly on: boolean;
  /** `op` records are wanted too (default: `on`); each costs a record per operation */
  readonly ops?: boolean;
  /** `refused` records are wanted too (default: `on`) */
  readonly refusals?: boolean;
  emit(r: TraceRecord): void;
}

export interface ExecutorOptions {
  readonly scheduler: Scheduler;
  readonly memory: Memory;
  readonly bus: Bus;
  /** core clock of each CPU, Hz */
  readonly cpuClocksHz: readonly Rational[];
  readonly cycleCounter?: CycleCounterDevice;
  /** TIME_SOURCE_FUNCTION registry by function address */
  readonly sources?: ReadonlyMap<bigint, SourceFunction>;
  readonly costs?: CostTable;
  /** the interrupt handler a CPU runs when it takes an interrupt */
  readonly onInterrupt?: (cpu: number) => KernelCode<void>;
  readonly observer?: ExecutorObserver;
  readonly tracer?: TraceObserver;
  /** disable the fast path (every operation goes through the heap) */
  readonly strict?: boolean;
}

export interface CpuStats {
  readonly state: CpuState;
  readonly ops: number;
  readonly cmpxchg: number;
  readonly cmpxchgFailed: number;
  readonly transfers: number;
  readonly interrupts: number;
}

/** A trace record's `target`: `record.field`, `device+0xoffset`, the source address, or ''. */
export function describeTarget(
  op: Op,
  mem: Memory,
  bus: Bus,
  cc: CycleCounterDevice | undefined,
): string {
  switch (op.op) {
    case 'load':
    case 'store':
    case 'cmpxchg':
      return `${mem.nameOf(op.obj)}.${op.field}`;
    case 'mmio_read':
    case 'mmio_write': {
      const d = bus.decode(op.addr, op.width);
      const at = d === undefined ? op.addr : op.addr - d.base;
      return `${d?.name ?? 'unmapped'}+0x${at.toString(16)}`;
    }
    case 'call_source':
      return `0x${op.addr.toString(16)}`;
    case 'cycles':
    case 'set_itm':
      return cc?.name ?? '';
    default:
      return '';
  }
}

export function describeWord(v: unknown, mem: Memory): string {
  if (typeof v === 'bigint') return v.toString();
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') return mem.nameOf(v as Exclude<Word, bigint | null>);
  return '';
}
