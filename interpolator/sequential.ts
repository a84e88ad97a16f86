// SPDX-License-Identifier: GPL-2.0-only
/**
 * The trivial sequential executor: runs one piece of kernel code to completion on one CPU, with
 * hardware reads answered by the caller. Unit tests and the conformance vectors use it; the
 * emulator's executor runs the same generators with interleaving, costs and real devices.
 */
import { type CmpxchgOp, inlineCalls, type KernelCode, type Op } from './ops.js';

/** What the sequential executor needs from the machine around it. */
export interface SequentialMachine {
  /** `get_cycles()` of the executing CPU. */
  cycles(): bigint;
  /** A device register read. */
  mmioRead(addr: bigint, width: 8 | 16 | 32 | 64): bigint;
  /** A TIME_SOURCE_FUNCTION call. */
  callSource(addr: bigint): bigint;
  /** Write the CPU's ITM (optional: ignored when absent). */
  setItm?(value: bigint): void;
  /** A device register write (optional: ignored when absent). */
  mmioWrite?(addr: bigint, width: 8 | 16 | 32 | 64, value: bigint): void;
  /**
   * Called just before each cmpxchg executes; may store into shared memory to simulate another
   * CPU (the conformance vectors' `interfere`).
   */
  beforeCmpxchg?(op: CmpxchgOp): void;
  /** Called just after each cmpxchg with the value it found. */
  afterCmpxchg?(op: CmpxchgOp, found: unknown): void;
}

export interface KernelFault {
  readonly kind: 'BUG' | 'OOPS';
  readonly where: string;
}

export type SequentialOutcome<R> =
  | { readonly done: true; readonly value: R; readonly stats: SequentialStats }
  | { readonly done: false; readonly fault: KernelFault; readonly stats: SequentialStats };

export interface SequentialStats {
  /** cmpxchg operations executed */
  cmpxchg: number;
  /** of which failed (the value found differed from the expected one) */
  cmpxchgFailed: number;
  /** every operation performed, in order */
  ops: number;
}

/** Upper bound on operations for one call: a livelock in sequential code is a bug of ours. */
const MAX_OPS = 10_000_000;

export function runSequential<R>(
  code: KernelCode<R>,
  machine: SequentialMachine,
): SequentialOutcome<R> {
  const stats: SequentialStats = { cmpxchg: 0, cmpxchgFailed: 0, ops: 0 };
  let irqEnabled = true;
  let sent: unknown;
  const flat = inlineCalls(code);
  for (;;) {
    const step = flat.next(sent);
    if (step.done) return { done: true, value: step.value, stats };
    const op: Op = step.value;
    if (++stats.ops > MAX_OPS)
      throw new Error(`kernel code did not finish within ${MAX_OPS} operations`);
    const fields = op as unknown as Record<string, unknown>;
    switch (op.op) {
      case 'load':
        sent = (op.obj as Record<string, unknown>)[op.field];
        break;
      case 'store':
        (op.obj as Record<string, unknown>)[op.field] = op.value;
        sent = undefined;
        break;
      case 'cmpxchg': {
        machine.beforeCmpxchg?.(op);
        const target = op.obj as Record<string, unknown>;
        const found = target[op.field];
        stats.cmpxchg++;
        if (found === op.expected) target[op.field] = op.value;
        else stats.cmpxchgFailed++;
        machine.afterCmpxchg?.(op, found);
        sent = found;
        break;
      }
      case 'mmio_read':
        sent = machine.mmioRead(op.addr, op.width);
        break;
      case 'mmio_write':
        machine.mmioWrite?.(op.addr, op.width, op.value);
        sent = undefined;
        break;
      case 'cycles':
        sent = machine.cycles();
        break;
      case 'set_itm':
        machine.setItm?.(op.value);
        sent = undefined;
        break;
      case 'call_source':
        sent = machine.callSource(op.addr);
        break;
      case 'irq_save':
        sent = irqEnabled;
        irqEnabled = false;
        break;
      case 'irq_restore':
        irqEnabled = op.enabled;
        sent = undefined;
        break;
      case 'cpu_relax':
      case 'work':
        sent = undefined;
        break;
      case 'fault':
        return { done: false, fault: { kind: op.kind, where: op.where }, stats };
      case 'call':
        throw new Error('unreachable: inlineCalls runs calls in place');
      default: {
        const unreachable: never = op;
        throw new Error(`unknown kernel operation ${String(fields.op ?? unreachable)}`);
      }
    }
  }
}

/** A machine whose every hardware read, of any kind, returns the next of `reads`. */
export function scriptedReads(
  reads: readonly bigint[],
  extra: Pick<SequentialMachine, 'beforeCmpxchg' | 'afterCmpxchg' | 'mmioWrite' | 'setItm'> = {},
): SequentialMachine & { remaining(): number } {
  let next = 0;
  const read = (): bigint => {
    if (next >= reads.length)
      throw new Error(`the call made more hardware reads than the ${reads.length} scripted`);
    return reads[next++]!;
  };
  return {
    cycles: read,
    mmioRead: read,
    callSource: read,
    ...extra,
    remaining: () => reads.length - next,
  };
}
