// SPDX-License-Identifier: GPL-2.0-only
/** Interrupts taken by an idle CPU leave nothing behind: memory stays flat over long runs. */
import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../../emu/engine/cpu.js';
import { Band } from '../../../emu/engine/scheduler.js';
import { fault, load, store } from '../../../interpolator/ops.js';
import { fsAt1500MHz, machine } from './executor-fixture.js';

describe('Executor, interrupts on an idle CPU', () => {
  it('keeps no saved context once each handler returns', () => {
    const rec = { v: 0n };
    const m = machine({
      cpus: 1,
      onInterrupt: () =>
        (function* () {
          const v: bigint = yield load(rec, 'v');
          yield store(rec, 'v', v + 1n);
        })(),
    });
    for (let i = 1; i <= 1000; i++)
      m.scheduler.schedule(BigInt(i) * 1_000_000_000n, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.runUntil(2_000_000_000_000n);
    expect(rec.v).toBe(1000n);
    expect(m.executor.stats(0).interrupts).toBe(1000);
    // the executor's per-CPU state, inspected directly: the saved-context stack is empty
    const cpus = (m.executor as unknown as { cpus: Cpu[] }).cpus;
    expect(cpus[0]!.saved.length).toBe(0);
    expect(cpus[0]!.frames.length).toBe(0);
  });

  it('charges irq_exit when a handler taken while idle returns, before the next is taken', () => {
    const rec = { v: 0n };
    const m = machine({
      cpus: 1,
      costs: { irq_entry: 30, irq_exit: 60, load: 3 },
      onInterrupt: () =>
        (function* () {
          yield load(rec, 'v');
        })(),
    });
    // The second interrupt arrives while the first handler runs: it is latched and taken after
    // the first handler's exit.
    m.scheduler.schedule(1_000_000n, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.schedule(2_000_000n, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.runUntil(1_000_000_000n);
    const [first, second] = m.log;
    expect(m.log).toHaveLength(2);
    expect(first!.startFs).toBe(1_000_000n + fsAt1500MHz(30n));
    // load (3) + irq_exit (60) + irq_entry (30) cycles after the first load started
    expect(second!.startFs).toBe(first!.startFs + fsAt1500MHz(3n + 60n + 30n));
  });

  it('a fault in a handler taken while idle is in interrupt context: the CPU halts', () => {
    const m = machine({
      cpus: 1,
      onInterrupt: () =>
        (function* () {
          yield fault('OOPS', 'handler');
        })(),
    });
    m.scheduler.schedule(1_000_000n, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.schedule(2_000_000_000n, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.runUntil(10n ** 10n);
    expect(m.executor.kernelEvents).toMatchObject([{ kind: 'OOPS', context: 'irq', cpu: 0 }]);
    expect(m.executor.stats(0)).toMatchObject({ state: 'halt', interrupts: 1 });
  });
});
