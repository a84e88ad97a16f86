// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../../../emu/base/costs.js';
import { rational } from '../../../emu/base/rational.js';
import { Bus } from '../../../emu/engine/bus.js';
import { Executor } from '../../../emu/engine/executor.js';
import { Memory } from '../../../emu/engine/memory.js';
import { Scheduler } from '../../../emu/engine/scheduler.js';
import { CpuThreads } from '../../../emu/machine/cpu-threads.js';
import { type KernelCode, work } from '../../../interpolator/ops.js';

function setup(withIrq = false) {
  const scheduler = new Scheduler();
  const log: string[] = [];
  let threads: CpuThreads;
  const exec = new Executor({
    scheduler,
    memory: new Memory(1),
    bus: new Bus(),
    cpuClocksHz: [rational(1_000_000_000n)],
    ...(withIrq
      ? {
          onInterrupt: () =>
            (function* (): KernelCode<void> {
              log.push(`irq@${scheduler.nowFs}`);
              yield work('syscall');
            })(),
          observer: { idle: () => threads.cpuIdle() },
        }
      : {}),
  });
  threads = new CpuThreads(exec, scheduler, 0);
  const job = (name: string) =>
    function* (): KernelCode<void> {
      log.push(`${name}@${exec.cpuTimeFs(0)}`);
      yield work('syscall');
    };
  return { scheduler, exec, threads, log, job };
}

// one `syscall` work op costs 400 cycles = 400 ns at 1 GHz
const OP = 400_000_000n;
const IRQ_EXIT_FS = BigInt(DEFAULT_COSTS.irq_exit) * 1_000_000n;

describe('CpuThreads', () => {
  it('holds jobs until booted, runs the boot step first, then ready jobs back to back', () => {
    const { scheduler, threads, log, job } = setup();
    threads.submit(0n, job('a'));
    threads.submit(0n, job('b'));
    threads.boot(function* () {
      yield* job('boot')();
      threads.markBooted();
    });
    scheduler.runUntil(10n * OP);
    expect(log).toEqual(['boot@0', `a@${OP}`, `b@${2n * OP}`]);
  });

  it('a job due later starts at its time on the idle CPU', () => {
    const { scheduler, threads, log, job } = setup();
    threads.markBooted();
    threads.submit(5n * OP, job('late'));
    scheduler.runUntil(10n * OP);
    expect(log).toEqual([`late@${5n * OP}`]);
  });

  it('a job that becomes ready during an interrupt taken from idle starts after the handler', () => {
    const { scheduler, exec, threads, log, job } = setup(true);
    threads.markBooted();
    scheduler.schedule(OP, 1, () => exec.raise(0));
    threads.submit(OP, job('j'));
    scheduler.runUntil(10n * OP);
    // the handler's code runs after irq_entry (500 cycles)
    const handlerFs = OP + 500_000_000n;
    expect(log[0]).toBe(`irq@${handlerFs}`);
    expect(log).toHaveLength(2);
    // and the job after the handler's work and its irq_exit
    expect(log[1]).toBe(`j@${handlerFs + OP + IRQ_EXIT_FS}`);
  });
});
