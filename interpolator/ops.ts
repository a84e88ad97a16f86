// SPDX-License-Identifier: GPL-2.0-only
/**
 * The operations kernel code yields: its whole view of the machine, like the kernel's arch headers.
 *
 * Kernel code (the interpolator core, the timekeeping code, the workloads' system calls) is written
 * as generator functions. Every access to shared memory or hardware is a `yield` of one of these
 * operations; whoever drives the generator (the emulator's executor, or the sequential executor
 * used by unit tests and the conformance vectors) performs it and sends the result back as the
 * value of the `yield` expression. Nothing else in kernel code touches shared state, so CPUs can
 * interleave at every operation (docs/machine.md).
 *
 * Shared memory is a set of plain records (a `struct time_interpolator`, the timekeeping globals,
 * the xtime seqlock). An access names the record and the field; the executor reads or writes
 * `obj[field]`. Each record is one cache line for the coherence cost model. Values are `bigint`
 * for integer fields (already reduced to the field's C width by the code that stores them),
 * records or `null` for pointers.
 */

/** A shared record: any object whose fields kernel code loads and stores through operations. */
export type Shared = object;

/** What a field of shared memory holds. */
export type Word = bigint | Shared | null;

/** Plain, sequentially consistent load of one aligned field. Result: the field's value. */
export interface LoadOp {
  readonly op: 'load';
  readonly obj: Shared;
  readonly field: string;
}

/** Plain store of one aligned field. Result: undefined. */
export interface StoreOp {
  readonly op: 'store';
  readonly obj: Shared;
  readonly field: string;
  readonly value: Word;
}

/**
 * Atomic compare-and-exchange (ia64 `cmpxchg8.acq`): if the field equals `expected` (`===`), store
 * `value`. Result: the value found (the exchange happened iff it `=== expected`).
 */
export interface CmpxchgOp {
  readonly op: 'cmpxchg';
  readonly obj: Shared;
  readonly field: string;
  readonly expected: Word;
  readonly value: Word;
}

/** Device register read by physical address and width in bits. Result: bigint, zero-extended. */
export interface MmioReadOp {
  readonly op: 'mmio_read';
  readonly addr: bigint;
  readonly width: 8 | 16 | 32 | 64;
}

/** Device register write. Result: undefined. */
export interface MmioWriteOp {
  readonly op: 'mmio_write';
  readonly addr: bigint;
  readonly width: 8 | 16 | 32 | 64;
  readonly value: bigint;
}

/** `get_cycles()`: the executing CPU's own cycle counter (ia64 `ar.itc`, x86 TSC). Result: u64. */
export interface CyclesOp {
  readonly op: 'cycles';
}

/** Write the executing CPU's interval timer match register (ia64 `ar.itm`). Result: undefined. */
export interface SetItmOp {
  readonly op: 'set_itm';
  readonly value: bigint;
}

/** Call a time-source function (TIME_SOURCE_FUNCTION: `addr` is the function). Result: u64. */
export interface CallSourceOp {
  readonly op: 'call_source';
  readonly addr: bigint;
}

/** Spin-wait hint inside a busy loop. Result: undefined. */
export interface CpuRelaxOp {
  readonly op: 'cpu_relax';
}

/** Disable local interrupts (`local_irq_save`). Result: the previous state, `true` = enabled. */
export interface IrqSaveOp {
  readonly op: 'irq_save';
}

/** Restore the local interrupt state saved by `irq_save` (`local_irq_restore`). Result: undefined. */
export interface IrqRestoreOp {
  readonly op: 'irq_restore';
  readonly enabled: boolean;
}

/** Work that touches no shared state, charged from the cost table (system call entry, …). */
export interface WorkOp {
  readonly op: 'work';
  readonly cost: 'syscall' | 'irq_entry' | 'irq_exit';
}

/**
 * A kernel fault: `BUG` (BUG_ON) or `OOPS` (NULL dereference). The executor records it as a kernel
 * event of the run and never resumes the generator: the faulting context dies, as in the kernel.
 * Shared state keeps whatever the code stored before the fault.
 */
export interface FaultOp {
  readonly op: 'fault';
  readonly kind: 'BUG' | 'OOPS';
  readonly where: string;
}

/**
 * A call of kernel code run as a frame of its own: whoever drives the caller pushes `code`, runs
 * it to its end and sends its return value back as the value of the `yield`. It is control flow,
 * not an operation: it takes no simulated time, is not counted, observed or traced, and is never
 * an interleaving point. Kernel code does not yield it directly but calls a `framed` function
 * (below) with `yield*`, which reads and types like any other call.
 *
 * Why: with `yield*` nesting, every operation yielded n calls deep resumes all n generators on
 * the way down and back (≈ 15 ns each in V8); run as a frame, an operation resumes only its own
 * (docs/performance.md).
 */
export interface CallOp {
  readonly op: 'call';
  readonly code: KernelCode<unknown>;
  /**
   * A call-boundary hook, as a kernel tracepoint: the driver tells its observers when the frame
   * starts and when it returns. Zero cost, like the call itself.
   */
  readonly hook: string | undefined;
}

export type Op =
  | CallOp
  | LoadOp
  | StoreOp
  | CmpxchgOp
  | MmioReadOp
  | MmioWriteOp
  | CyclesOp
  | SetItmOp
  | CallSourceOp
  | CpuRelaxOp
  | IrqSaveOp
  | IrqRestoreOp
  | WorkOp
  | FaultOp;

/**
 * Kernel code returning `R`. The value sent back into each `yield` is the result of the yielded
 * operation, typed by the operation (see each `*Op`), hence `any` for the generator's TNext: the
 * constructors below narrow it at the call site.
 */
// biome-ignore lint/suspicious/noExplicitAny: the result type depends on the yielded operation.
export type KernelCode<R> = Generator<Op, R, any>;

/**
 * The caller's side of a `CallOp`: an iterator that yields the call once and returns the value
 * sent back for it. `yield* new FrameCall(code)` is `yield* code` run as a frame.
 */
class FrameCall<R> implements KernelCode<R> {
  private pending: CallOp | undefined;

  constructor(code: KernelCode<R>, hook?: string) {
    this.pending = { op: 'call', code, hook };
  }

  next(...[value]: [] | [unknown]): IteratorResult<Op, R> {
    const call = this.pending;
    if (call !== undefined) {
      this.pending = undefined;
      return { done: false, value: call };
    }
    return { done: true, value: value as R };
  }

  return(value: R): IteratorResult<Op, R> {
    this.pending = undefined;
    return { done: true, value };
  }

  throw(e: unknown): IteratorResult<Op, R> {
    this.pending = undefined;
    throw e;
  }

  [Symbol.iterator](): KernelCode<R> {
    return this;
  }
}

/** `code`, run as a frame of its own when delegated to with `yield*` (see `CallOp`). */
export const asFrame = <R>(code: KernelCode<R>): KernelCode<R> => new FrameCall(code);

/**
 * Makes kernel function `fn` run as a frame of its own when called with `yield*` (see `CallOp`).
 * The function keeps its name; only functions that yield many operations per call gain from it.
 * With `hook`, every call carries that call-boundary hook (`CallOp.hook`).
 */
export function framed<A extends unknown[], R>(
  fn: (...args: A) => KernelCode<R>,
  hook?: string,
): (...args: A) => KernelCode<R> {
  const run = (...args: A): KernelCode<R> => new FrameCall(fn(...args), hook);
  Object.defineProperty(run, 'name', { value: fn.name });
  return run;
}

/**
 * `code` with its calls run in place: a generator of operations only, for drivers that do not
 * keep a frame stack themselves (the sequential executor, test harnesses).
 */
export function* inlineCalls<R>(code: KernelCode<R>): KernelCode<R> {
  const frames: KernelCode<unknown>[] = [];
  let top: KernelCode<unknown> = code;
  let sent: unknown;
  for (;;) {
    const step = top.next(sent);
    if (step.done) {
      const caller = frames.pop();
      if (caller === undefined) return step.value as R;
      top = caller;
      sent = step.value;
    } else if (step.value.op === 'call') {
      frames.push(top);
      top = step.value.code;
      sent = undefined;
    } else sent = yield step.value;
  }
}

/**
 * The shared-memory builders take the record and a field name that must be a key of the record's
 * type, so a misspelt field does not compile; the operation itself carries the name as a string.
 */
export const load = <T extends Shared, K extends keyof T & string>(obj: T, field: K): LoadOp => ({
  op: 'load',
  obj,
  field,
});
export const store = <T extends Shared, K extends keyof T & string>(
  obj: T,
  field: K,
  value: Word,
): StoreOp => ({
  op: 'store',
  obj,
  field,
  value,
});
export const cmpxchg = <T extends Shared, K extends keyof T & string>(
  obj: T,
  field: K,
  expected: Word,
  value: Word,
): CmpxchgOp => ({
  op: 'cmpxchg',
  obj,
  field,
  expected,
  value,
});
export const mmioRead = (addr: bigint, width: 8 | 16 | 32 | 64): MmioReadOp => ({
  op: 'mmio_read',
  addr,
  width,
});
export const mmioWrite = (addr: bigint, width: 8 | 16 | 32 | 64, value: bigint): MmioWriteOp => ({
  op: 'mmio_write',
  addr,
  width,
  value,
});
export const CYCLES: CyclesOp = { op: 'cycles' };
export const CPU_RELAX: CpuRelaxOp = { op: 'cpu_relax' };
export const IRQ_SAVE: IrqSaveOp = { op: 'irq_save' };
export const irqRestore = (enabled: boolean): IrqRestoreOp => ({ op: 'irq_restore', enabled });
export const setItm = (value: bigint): SetItmOp => ({ op: 'set_itm', value });
export const callSource = (addr: bigint): CallSourceOp => ({ op: 'call_source', addr });
export const work = (cost: WorkOp['cost']): WorkOp => ({ op: 'work', cost });
export const fault = (kind: 'BUG' | 'OOPS', where: string): FaultOp => ({
  op: 'fault',
  kind,
  where,
});
