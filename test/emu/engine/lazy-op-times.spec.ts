// SPDX-License-Identifier: GPL-2.0-only
/**
 * `opTimed` (times on demand) reports exactly the times `op` reports, on random programs with
 * memory, MMIO (with device latency), cycle-counter reads and interrupts; and the CPU's cached
 * bigint time follows its split time.
 */
import { describe, expect } from 'vitest';
import { rational } from '../../../emu/base/rational.js';
import type { ExecutorObserver, OpTimes } from '../../../emu/engine/executor.js';
import { Band } from '../../../emu/engine/scheduler.js';
import {
  CPU_RELAX,
  CYCLES,
  cmpxchg,
  type KernelCode,
  load,
  mmioRead,
  store,
} from '../../../interpolator/ops.js';
import { fc, test } from '../../property-test.js';
import { machine } from './executor-fixture.js';

type Instr = 'load' | 'store' | 'cmpxchg' | 'mmio' | 'cycles' | 'relax';

function* thread(rec: { v: bigint }, code: readonly Instr[]): KernelCode<void> {
  for (const i of code) {
    if (i === 'load') yield load(rec, 'v');
    else if (i === 'store') yield store(rec, 'v', 1n);
    else if (i === 'cmpxchg') yield cmpxchg(rec, 'v', 1n, 2n);
    else if (i === 'mmio') yield mmioRead(0xfed0_0000n, 64);
    else if (i === 'cycles') yield CYCLES;
    else yield CPU_RELAX;
  }
}

interface Program {
  readonly threads: readonly (readonly Instr[])[];
  readonly clockHz: bigint;
  readonly raises: readonly [number, number][];
  readonly startFs: bigint;
}

const program: fc.Arbitrary<Program> = fc.record({
  threads: fc.array(
    fc.array(fc.constantFrom<Instr>('load', 'store', 'cmpxchg', 'mmio', 'cycles', 'relax'), {
      maxLength: 40,
    }),
    { minLength: 1, maxLength: 4 },
  ),
  clockHz: fc.constantFrom(1_500_000_000n, 733_333_333n),
  raises: fc.array(fc.tuple(fc.nat(2000), fc.nat(3)), { maxLength: 5 }),
  startFs: fc.bigInt({ min: 0n, max: 2n ** 60n }),
});

function run(p: Program, timed: boolean): string[] {
  const log: string[] = [];
  const observer: ExecutorObserver = timed
    ? {
        opTimed: (cpu, op, result, t: OpTimes) => {
          log.push(`${cpu} ${op.op} ${String(result)} ${t.startFs} ${t.endFs}`);
        },
      }
    : {
        op: (cpu, op, result, startFs, endFs) => {
          log.push(`${cpu} ${op.op} ${String(result)} ${startFs} ${endFs}`);
        },
      };
  const rec = { v: 0n };
  const m = machine({
    cpus: p.threads.length,
    observer,
    clocksHz: p.threads.map(() => rational(p.clockHz)),
    onInterrupt: () =>
      (function* () {
        yield load(rec, 'v');
      })(),
  });
  p.threads.forEach((code, cpu) => {
    m.executor.start(cpu, thread(rec, code), p.startFs);
  });
  for (const [atNs, cpu] of p.raises)
    if (cpu < p.threads.length)
      m.scheduler.schedule(p.startFs + BigInt(atNs) * 1_000_000n, Band.DEVICE, () =>
        m.executor.raise(cpu),
      );
  m.scheduler.runUntil(p.startFs + 10n ** 12n);
  for (let cpu = 0; cpu < p.threads.length; cpu++)
    log.push(`cpu${cpu} at ${m.executor.cpuTimeFs(cpu)}`);
  return log;
}

describe('Executor observer times', () => {
  test.prop([program], { numRuns: 100 })('opTimed reports the times op reports', (p) => {
    const eager = run(p, false);
    expect(run(p, true)).toEqual(eager);
    expect(eager.length).toBeGreaterThanOrEqual(p.threads.flat().length);
  });
});
