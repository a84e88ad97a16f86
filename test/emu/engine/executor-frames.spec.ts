// SPDX-License-Identifier: GPL-2.0-only
/**
 * Called frames (`framed` in interpolator/ops.ts): code whose calls run as frames of the executor
 * performs exactly what the same code nesting its calls with plain `yield*` performs, interrupts,
 * irq windows and faults included.
 */
import { describe, expect, it } from 'vitest';
import { Band } from '../../../emu/engine/scheduler.js';
import { fault, framed, type KernelCode, load, store } from '../../../interpolator/ops.js';
import { fc, test } from '../../property-test.js';
import { machine } from './executor-fixture.js';
import { type Instr, instruction, program, runProgram } from './executor-programs.js';

type Recs = readonly { v: bigint }[];
type Callee = (
  recs: Recs,
  code: readonly Instr[],
  from: number,
  cuts: ReadonlySet<number>,
) => KernelCode<bigint>;

/**
 * Runs code[from..]; at the first cut after `from` the rest runs in a call, whose result (the
 * number of instructions it ran) is stored before returning.
 */
function body(call: () => Callee): Callee {
  return function* (recs, code, from, cuts) {
    const flags = { saved: true };
    let n = 0n;
    for (let i = from; i < code.length; i++) {
      if (i > from && cuts.has(i)) {
        const got = yield* call()(recs, code, i, cuts);
        yield store(recs[1]!, 'v', got);
        return n + got;
      }
      yield* instruction(recs, code[i]!, flags);
      n++;
    }
    return n;
  };
}

const nested: Callee = body(() => nested);
const asFrames: Callee = framed(body(() => asFrames));

function* bump(recs: Recs, cpu: number): KernelCode<bigint> {
  const v: bigint = yield load(recs[cpu % 2]!, 'v');
  yield store(recs[cpu % 2]!, 'v', v + 10n);
  return v;
}
const bumpFrame = framed(bump);

const handler = (call: typeof bump) =>
  function* (recs: Recs, cpu: number): KernelCode<void> {
    const v = yield* call(recs, cpu);
    yield store(recs[(cpu + 1) % 2]!, 'v', v);
  };

const cuts = fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 5 });

describe('Executor called frames', () => {
  test.prop([program, cuts], { numRuns: 150 })(
    'perform exactly what nested yield* performs',
    (p, at) => {
      const cut = new Set(at);
      const framedRun = runProgram(p, {
        strict: false,
        thread: (recs, code) => asFrames(recs, code, 0, cut),
        handler: handler(bumpFrame),
      });
      const nestedRun = runProgram(p, {
        strict: true,
        thread: (recs, code) => nested(recs, code, 0, cut),
        handler: handler(bump),
      });
      expect(framedRun).toEqual(nestedRun);
    },
  );

  it('a fault in a frame called by a handler halts the CPU (interrupt context)', () => {
    const dies = framed(function* dies(): KernelCode<void> {
      yield fault('OOPS', 'callee');
    });
    const m = machine({
      cpus: 1,
      onInterrupt: () =>
        (function* () {
          yield* dies();
        })(),
    });
    const rec = { v: 0n };
    m.executor.start(
      0,
      (function* () {
        for (;;) yield load(rec, 'v');
      })(),
    );
    m.scheduler.schedule(1_000_000n, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.runUntil(10n ** 9n);
    expect(m.executor.kernelEvents).toMatchObject([
      { kind: 'OOPS', where: 'callee', context: 'irq' },
    ]);
    expect(m.executor.stats(0).state).toBe('halt');
  });

  it('a value returned by a called frame reaches its caller, taking no time', () => {
    // biome-ignore lint/correctness/useYield: a callee that performs no operation at all
    const seven = framed(function* seven(): KernelCode<bigint> {
      return 7n;
    });
    const rec = { v: 0n };
    const m = machine({ cpus: 1 });
    m.executor.start(
      0,
      (function* () {
        yield store(rec, 'v', yield* seven());
      })(),
    );
    m.scheduler.runUntil(10n ** 9n);
    expect(rec.v).toBe(7n);
    expect(m.log.map((l) => [l.op, l.startFs])).toEqual([['store', 0n]]);
    expect(m.executor.stats(0).ops).toBe(1);
  });
});
