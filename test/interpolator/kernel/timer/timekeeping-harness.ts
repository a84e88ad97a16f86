// SPDX-License-Identifier: GPL-2.0-only
/**
 * Test harness for the timekeeping kernel code: run a call with scripted hardware reads (all of
 * them consumed), and a hand-stepped CPU for interleaving two pieces of kernel code.
 */
import { expect } from 'vitest';
import { customInterpolator } from '../../../../interpolator/Documentation/time_interpolators.js';
import type { TimeInterpolator } from '../../../../interpolator/include/linux/timex.js';
import { inlineCalls, type KernelCode, type Op } from '../../../../interpolator/ops.js';
import { runSequential, scriptedReads } from '../../../../interpolator/sequential.js';

/** Runs `code` to completion; every scripted read must be consumed. */
export function run<R>(code: KernelCode<R>, reads: readonly bigint[] = []): R {
  const machine = scriptedReads(reads);
  const outcome = runSequential(code, machine);
  if (!outcome.done)
    throw new Error(`kernel fault ${outcome.fault.kind} in ${outcome.fault.where}`);
  expect(machine.remaining()).toBe(0);
  return outcome.value;
}

/** A CPU-counter interpolator like a 1.5 GHz ITC without jitter (nsec_per_cyc 43 690). */
export function itc15(): TimeInterpolator {
  return customInterpolator({
    source: 'cpu',
    shift: 16n,
    jitter: 0n,
    mask: (1n << 64n) - 1n,
    frequency: 1_500_000_000n,
    drift: -1n,
  });
}

/**
 * One piece of kernel code on a CPU, advanced one operation at a time. Loads, stores and cmpxchg
 * act on the shared records; every hardware read returns `cycles()`.
 */
export class SteppedCpu<R> {
  private pending: Op | undefined;
  private result: { value: R } | undefined;
  readonly performed: Op[] = [];

  private readonly code: KernelCode<R>;

  constructor(
    code: KernelCode<R>,
    private readonly cycles: () => bigint,
  ) {
    this.code = inlineCalls(code);
    this.advance(undefined);
  }

  get done(): boolean {
    return this.result !== undefined;
  }

  get value(): R {
    if (!this.result) throw new Error('not finished');
    return this.result.value;
  }

  /** The operation the code will perform next. */
  get next(): Op | undefined {
    return this.pending;
  }

  /** Performs the pending operation and stops at the next one. */
  step(): void {
    const op = this.pending;
    if (op === undefined) throw new Error('finished');
    this.performed.push(op);
    const rec = (o: object) => o as Record<string, unknown>;
    switch (op.op) {
      case 'load':
        this.advance(rec(op.obj)[op.field]);
        return;
      case 'store':
        rec(op.obj)[op.field] = op.value;
        this.advance(undefined);
        return;
      case 'cmpxchg': {
        const found = rec(op.obj)[op.field];
        if (found === op.expected) rec(op.obj)[op.field] = op.value;
        this.advance(found);
        return;
      }
      case 'cycles':
      case 'mmio_read':
      case 'call_source':
        this.advance(this.cycles());
        return;
      case 'irq_save':
        this.advance(true);
        return;
      case 'fault':
        throw new Error(`kernel fault ${op.kind}`);
      default:
        this.advance(undefined);
    }
  }

  /** Steps until `until(next op)` holds (or the code finishes). */
  runUntil(until: (op: Op) => boolean): void {
    while (this.pending !== undefined && !until(this.pending)) this.step();
  }

  finish(): R {
    while (!this.done) this.step();
    return this.value;
  }

  private advance(sent: unknown): void {
    const r = this.code.next(sent);
    if (r.done) {
      this.pending = undefined;
      this.result = { value: r.value };
    } else this.pending = r.value;
  }
}
