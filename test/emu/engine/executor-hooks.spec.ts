// SPDX-License-Identifier: GPL-2.0-only
/**
 * Call-boundary hooks (`CallOp.hook`, `framed(fn, hook)`): the executor tells its observer when a
 * hooked call starts and returns, in order with the call's operations, and they cost nothing: the
 * same code without the hook performs the same operations at the same times.
 */
import { describe, expect, it } from 'vitest';
import type { ExecutorObserver } from '../../../emu/engine/executor.js';
import { Band } from '../../../emu/engine/scheduler.js';
import { fault, framed, type KernelCode, load, store } from '../../../interpolator/ops.js';
import { machine } from './executor-fixture.js';

function* twoLoads(rec: { v: bigint }): KernelCode<bigint> {
  const a: bigint = yield load(rec, 'v');
  const b: bigint = yield load(rec, 'v');
  return a + b;
}

/** Runs `call` in a thread on cpu 0 (interrupted once at 1 ns) and logs what the observer saw. */
function trace(call: (rec: { v: bigint }) => KernelCode<bigint>): string[] {
  const seen: string[] = [];
  const observer: ExecutorObserver = {
    op: (cpu, op, _result, startFs, endFs) => seen.push(`${cpu} ${op.op} ${startFs}-${endFs}`),
    callEnter: (cpu, hook) => seen.push(`${cpu} enter ${hook}`),
    callExit: (cpu, hook) => seen.push(`${cpu} exit ${hook}`),
    kernelEvent: (e) => seen.push(`${e.cpu} fault ${e.where}`),
  };
  const rec = { v: 1n };
  const m = machine({
    cpus: 1,
    observer,
    onInterrupt: () =>
      (function* () {
        yield store(rec, 'v', 2n);
      })(),
  });
  m.executor.start(
    0,
    (function* () {
      const v = yield* call(rec);
      yield store(rec, 'v', v);
    })(),
  );
  m.scheduler.schedule(1_000_000n, Band.DEVICE, () => m.executor.raise(0));
  m.scheduler.runUntil(10n ** 9n);
  return seen;
}

describe('Executor call-boundary hooks', () => {
  it('mark a call around its operations, interrupts inside it included, at no cost', () => {
    const hooked = trace(framed(twoLoads, 'two'));
    const plain = trace(framed(twoLoads));
    expect(hooked.filter((l) => !/enter|exit/.test(l))).toEqual(plain);
    expect(hooked[0]).toBe('0 enter two');
    expect(hooked.at(-2)).toBe('0 exit two');
    expect(hooked.at(-1)).toMatch(/^0 store /);
    expect(hooked.filter((l) => l.includes('store')).length).toBe(2);
  });

  it('nest, and a fault inside a hooked call ends it without an exit', () => {
    const inner = framed(function* inner(rec: { v: bigint }): KernelCode<bigint> {
      yield load(rec, 'v');
      yield fault('BUG', 'inner');
      return 0n;
    }, 'inner');
    const outer = framed(function* outer(rec: { v: bigint }): KernelCode<bigint> {
      return yield* inner(rec);
    }, 'outer');
    const seen = trace(outer).map((l) => l.replace(/ \d+-\d+$/, ''));
    // the interrupt at 1 ns is taken inside the call, before the fault
    expect(seen).toEqual(['0 enter outer', '0 enter inner', '0 load', '0 store', '0 fault inner']);
  });
});
