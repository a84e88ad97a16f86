// SPDX-License-Identifier: GPL-2.0-only
/** The call protocol of kernel code: `framed`, `asFrame` and `inlineCalls`. */
import { describe, expect, it } from 'vitest';
import { zeroedTimeInterpolator } from '../../interpolator/include/linux/timex.js';
import {
  asFrame,
  cmpxchg,
  framed,
  inlineCalls,
  type KernelCode,
  load,
  type Op,
  store,
} from '../../interpolator/ops.js';
import { runSequential, scriptedReads } from '../../interpolator/sequential.js';

const rec = { a: 1n, b: 2n };

function* sum(): KernelCode<bigint> {
  const a: bigint = yield load(rec, 'a');
  const b: bigint = yield load(rec, 'b');
  return a + b;
}
const sumFrame = framed(sum);

const caller = (callee: () => KernelCode<bigint>) =>
  function* twice(): KernelCode<bigint> {
    const first = yield* callee();
    yield store(rec, 'a', first);
    return first + (yield* callee());
  };

/** Drives code on the record (loads and stores), logging every op it yields. */
function drive(code: KernelCode<unknown>): { ops: Op[]; value: unknown } {
  const ops: Op[] = [];
  let sent: unknown;
  for (;;) {
    const step = code.next(sent);
    if (step.done) return { ops, value: step.value };
    const op = step.value;
    ops.push(op);
    const fields = rec as Record<string, unknown>;
    if (op.op === 'store') fields[op.field] = op.value;
    sent = op.op === 'load' ? fields[op.field] : undefined;
  }
}

describe('framed', () => {
  it('keeps the kernel function name', () => {
    expect(sumFrame.name).toBe('sum');
  });

  it('yields one call carrying the callee, and returns what is sent back for it', () => {
    const code = sumFrame();
    const first = code.next();
    expect(first.done).toBe(false);
    const call = first.value as Op;
    expect(call.op).toBe('call');
    expect(code.next(42n)).toEqual({ done: true, value: 42n });
  });
});

describe('inlineCalls', () => {
  it('performs exactly the operations of the same code with plain yield*', () => {
    rec.a = 1n;
    const framedRun = drive(inlineCalls(caller(sumFrame)()));
    rec.a = 1n;
    const plainRun = drive(caller(sum)());
    expect(framedRun).toEqual(plainRun);
    expect(framedRun.ops.map((o) => o.op)).toEqual(['load', 'load', 'store', 'load', 'load']);
    expect(framedRun.value).toBe(3n + 5n);
  });

  it('runs nested frames, asFrame included, under the sequential executor', () => {
    rec.a = 1n;
    const outcome = runSequential(asFrame(caller(sumFrame)()), scriptedReads([]));
    expect(outcome).toMatchObject({ done: true, value: 8n, stats: { ops: 5 } });
  });
});

describe('shared-memory builders take only fields of the record', () => {
  it('name the record and field in the operation', () => {
    const ti = zeroedTimeInterpolator();
    expect(load(ti, 'last_cycle')).toEqual({ op: 'load', obj: ti, field: 'last_cycle' });
    expect(store(ti, 'offset', 3n)).toEqual({ op: 'store', obj: ti, field: 'offset', value: 3n });
    expect(cmpxchg(ti, 'last_cycle', 0n, 1n)).toEqual({
      op: 'cmpxchg',
      obj: ti,
      field: 'last_cycle',
      expected: 0n,
      value: 1n,
    });
  });

  it('reject a misspelt field at compile time (tsc checks the @ts-expect-error lines)', () => {
    const ti = zeroedTimeInterpolator();
    // @ts-expect-error: `last_cycles` is not a field of struct time_interpolator
    const misspeltLoad = load(ti, 'last_cycles');
    // @ts-expect-error: `nsec_per_cycle` is not a field of struct time_interpolator
    const misspeltStore = store(ti, 'nsec_per_cycle', 1n);
    // @ts-expect-error: `lcok` is not a field of spinlock_t
    const misspeltCmpxchg = cmpxchg({ lock: 0n }, 'lcok', 0n, 1n);
    // At run time the builders do not check: the guarantee is the compiler's.
    expect([misspeltLoad.field, misspeltStore.field, misspeltCmpxchg.field]).toEqual([
      'last_cycles',
      'nsec_per_cycle',
      'lcok',
    ]);
  });
});
