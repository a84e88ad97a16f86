// SPDX-License-Identifier: GPL-2.0-only
/**
 * Random programs for executor properties: per CPU a list of instructions, start times, interrupt
 * raises and irq_off windows.
 */
import { rational } from '../../../emu/base/rational.js';
import { Band } from '../../../emu/engine/scheduler.js';
import {
  CPU_RELAX,
  CYCLES,
  cmpxchg,
  fault,
  IRQ_SAVE,
  irqRestore,
  type KernelCode,
  load,
  mmioRead,
  store,
} from '../../../interpolator/ops.js';
import { fc } from '../../property-test.js';
import { machine } from './executor-fixture.js';

export type Instr =
  | { k: 'load' | 'store' | 'cmpxchg'; rec: number; v: bigint }
  | { k: 'relax' | 'mmio' | 'cycles' | 'save' | 'restore' | 'fault' };

export const instr: fc.Arbitrary<Instr> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constantFrom('load' as const, 'store' as const, 'cmpxchg' as const),
      rec: fc.nat(1),
      v: fc.bigInt({ min: 0n, max: 3n }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constantFrom('relax' as const, 'mmio' as const, 'cycles' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('save' as const, 'restore' as const) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'fault' as const }) },
);

export interface Program {
  readonly clocks: readonly bigint[];
  readonly threads: readonly (readonly Instr[])[];
  readonly starts: readonly bigint[];
  readonly raises: readonly [bigint, number][];
  readonly windows: readonly [number, bigint, bigint][];
}

export const GRID = 1_000_000n;
export const program: fc.Arbitrary<Program> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    clocks: fc.array(fc.constantFrom(1_500_000_000n, 1_000_000_000n, 733_333_333n), {
      minLength: n,
      maxLength: n,
    }),
    threads: fc.array(fc.array(instr, { maxLength: 30 }), { minLength: n, maxLength: n }),
    // Coarse start times: many operations of different CPUs start at the same instant.
    starts: fc.array(
      fc.nat(3).map((k) => BigInt(k) * GRID),
      { minLength: n, maxLength: n },
    ),
    raises: fc.array(
      fc.tuple(
        fc.nat(200).map((k) => BigInt(k) * GRID),
        fc.nat(n - 1),
      ),
      {
        maxLength: 6,
      },
    ),
    windows: fc.array(
      fc.tuple(
        fc.nat(n - 1),
        fc.nat(100).map((k) => BigInt(k) * GRID),
        fc.bigInt({ min: 1n, max: 50n * GRID }),
      ),
      { maxLength: 2 },
    ),
  }),
);

/** The operations of one instruction; `flags` holds the interrupt state saved by `save`. */
export function* instruction(
  recs: readonly { v: bigint }[],
  i: Instr,
  flags: { saved: boolean },
): KernelCode<void> {
  switch (i.k) {
    case 'load':
      yield load(recs[i.rec]!, 'v');
      break;
    case 'store':
      yield store(recs[i.rec]!, 'v', i.v);
      break;
    case 'cmpxchg': {
      const seen: bigint = yield load(recs[i.rec]!, 'v');
      yield cmpxchg(recs[i.rec]!, 'v', seen, seen + i.v);
      break;
    }
    case 'relax':
      yield CPU_RELAX;
      break;
    case 'mmio':
      yield mmioRead(0xfed0_0000n, 64);
      break;
    case 'cycles':
      yield CYCLES;
      break;
    case 'save':
      flags.saved = yield IRQ_SAVE;
      break;
    case 'restore':
      yield irqRestore(flags.saved);
      break;
    case 'fault':
      yield fault('BUG', 'random');
      break;
  }
}

export function* thread(recs: readonly { v: bigint }[], code: readonly Instr[]): KernelCode<void> {
  const flags = { saved: true };
  for (const i of code) yield* instruction(recs, i, flags);
}

function* addTen(recs: readonly { v: bigint }[], cpu: number): KernelCode<void> {
  const v: bigint = yield load(recs[cpu % 2]!, 'v');
  yield store(recs[cpu % 2]!, 'v', v + 10n);
}

export interface RunOptions {
  readonly strict: boolean;
  /** the code each CPU runs */
  readonly thread: (recs: readonly { v: bigint }[], code: readonly Instr[]) => KernelCode<unknown>;
  /** the interrupt handler (default: adds 10 to record cpu % 2) */
  readonly handler?: (recs: readonly { v: bigint }[], cpu: number) => KernelCode<void>;
  /** run in slices ending at these times (ascending, below 10^12) before the last one */
  readonly slices?: readonly bigint[];
}

/** Runs `p` on the executor fixture and returns everything observable of the run. */
export function runProgram(p: Program, o: RunOptions): unknown {
  const strict = o.strict;
  const recs = [{ v: 0n }, { v: 0n }];
  const m = machine({
    cpus: p.threads.length,
    strict,
    clocksHz: p.clocks.map((hz) => rational(hz)),
    onInterrupt: (cpu) => (o.handler ?? addTen)(recs, cpu),
  });
  p.threads.forEach((code, cpu) => {
    m.executor.start(cpu, o.thread(recs, code), p.starts[cpu]!);
  });
  for (const [at, cpu] of p.raises)
    m.scheduler.schedule(at, Band.DEVICE, () => m.executor.raise(cpu));
  for (const [cpu, from, len] of p.windows) m.executor.irqOff(cpu, from, len);
  // an operation that starts after the end of the runUntil that ran it
  let beyond = 0;
  for (const endFs of [...(o.slices ?? []), 10n ** 12n]) {
    const from = m.log.length;
    m.scheduler.runUntil(endFs);
    beyond += m.log.slice(from).filter((l) => l.startFs > endFs).length;
  }
  return {
    beyond,
    log: m.log.map((l) => `${l.cpu} ${l.op} ${String(l.result)} ${l.startFs} ${l.endFs}`),
    recs: recs.map((r) => r.v),
    stats: p.threads.map((_, cpu) => m.executor.stats(cpu)),
    times: p.threads.map((_, cpu) => m.executor.cpuTimeFs(cpu)),
    kernel: m.executor.kernelEvents,
    transfers: recs.map((r) => m.memory.stats(r).transfers),
    now: m.scheduler.nowFs,
  };
}
