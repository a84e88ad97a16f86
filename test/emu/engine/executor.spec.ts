// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../../../emu/base/costs.js';
import { KEPT_KERNEL_EVENTS } from '../../../emu/engine/executor.js';
import { Band } from '../../../emu/engine/scheduler.js';
import {
  CPU_RELAX,
  CYCLES,
  callSource,
  cmpxchg,
  fault,
  IRQ_SAVE,
  irqRestore,
  type KernelCode,
  load,
  mmioRead,
  mmioWrite,
  setItm,
  store,
  work,
} from '../../../interpolator/ops.js';
import { fsAt1500MHz, machine } from './executor-fixture.js';

const C = DEFAULT_COSTS;

/** atomic_inc by load + cmpxchg retry loop, `n` times; returns the number of failed cmpxchg. */
function* incrementer(rec: { v: bigint }, n: number): KernelCode<number> {
  let failures = 0;
  for (let i = 0; i < n; i++) {
    for (;;) {
      const v: bigint = yield load(rec, 'v');
      const found: bigint = yield cmpxchg(rec, 'v', v, v + 1n);
      if (found === v) break;
      failures++;
    }
  }
  return failures;
}

describe('Executor: timing', () => {
  it('charges each operation at 1.5 GHz exactly, from the start instant', () => {
    const m = machine({ cpus: 1 });
    const rec = { v: 0n };
    m.executor.start(
      0,
      (function* () {
        yield load(rec, 'v');
        yield load(rec, 'v');
        yield store(rec, 'v', 1n);
      })(),
      1000n,
    );
    m.scheduler.runUntil(10n ** 9n);
    expect(m.log.map((l) => [l.op, l.startFs, l.endFs])).toEqual([
      ['load', 1000n, 1000n + fsAt1500MHz(2n)],
      ['load', 1000n + fsAt1500MHz(2n), 1000n + fsAt1500MHz(4n)],
      ['store', 1000n + fsAt1500MHz(4n), 1000n + fsAt1500MHz(5n)],
    ]);
    expect(m.executor.stats(0)).toMatchObject({ state: 'idle', ops: 3, transfers: 0 });
  });

  it('adds the device latency to MMIO and the issue cost; the device sees the start instant', () => {
    const m = machine({ cpus: 1 });
    m.executor.start(
      0,
      (function* () {
        yield mmioRead(0xfed0_0000n, 64);
        yield mmioWrite(0xfed0_0008n, 32, 5n);
      })(),
      3_000_000n,
    );
    m.scheduler.runUntil(10n ** 9n);
    const first = 3_000_000n + fsAt1500MHz(BigInt(C.mmio_issue)) + 100n;
    expect(m.log[0]).toEqual({
      cpu: 0,
      op: 'mmio_read',
      result: 3000n,
      startFs: 3_000_000n,
      endFs: first,
    });
    expect(m.log[1]!.startFs).toBe(first);
    expect(m.log[1]!.endFs).toBe(3_000_000n + fsAt1500MHz(BigInt(2 * C.mmio_issue)) + 200n);
  });

  it('reads the own cycle counter at the start instant, writes the ITM through the device', () => {
    const m = machine({ cpus: 2 });
    const got: bigint[] = [];
    m.executor.start(
      1,
      (function* () {
        got.push(yield CYCLES);
        yield setItm(77n);
        got.push(yield CYCLES);
      })(),
      5_000_000n,
    );
    m.scheduler.runUntil(10n ** 9n);
    const afterRdtsc = 5_000_000n + fsAt1500MHz(BigInt(C.rdtsc));
    const afterItm = 5_000_000n + fsAt1500MHz(BigInt(C.rdtsc + C.set_itm));
    expect(got).toEqual([5000n + 1n, afterItm / 1000n + 1n]);
    expect(m.log.map((l) => l.startFs)).toEqual([5_000_000n, afterRdtsc, afterItm]);
  });

  it('charges cache_line_transfer when a CPU loads a line another CPU wrote', () => {
    const m = machine({ cpus: 2 });
    const rec = { v: 0n };
    m.executor.start(
      0,
      (function* () {
        yield store(rec, 'v', 7n);
      })(),
      0n,
    );
    let seen: bigint | undefined;
    m.executor.start(
      1,
      (function* () {
        seen = yield load(rec, 'v');
      })(),
      1_000_000n,
    );
    m.scheduler.runUntil(10n ** 9n);
    expect(seen).toBe(7n);
    const l = m.log.find((x) => x.cpu === 1)!;
    expect(l.endFs - l.startFs).toBe(fsAt1500MHz(BigInt(C.load + C.cache_line_transfer)));
    expect(m.executor.stats(1).transfers).toBe(1);
    expect(m.memory.stats(rec).transfers).toBe(1);
  });
});

describe('Executor: interleaving', () => {
  it('two CPUs incrementing one line by cmpxchg: no lost update, counts and transfers agree', () => {
    const m = machine({ cpus: 2 });
    const rec = { v: 0n };
    const failures: number[] = [0, 0];
    for (const cpu of [0, 1])
      m.executor.start(
        cpu,
        (function* () {
          failures[cpu] = yield* incrementer(rec, 50);
        })(),
        BigInt(cpu) * 1000n,
      );
    m.scheduler.runUntil(10n ** 12n);
    expect(rec.v).toBe(100n);
    const s0 = m.executor.stats(0);
    const s1 = m.executor.stats(1);
    expect(s0.cmpxchg).toBe(50 + failures[0]!);
    expect(s1.cmpxchg).toBe(50 + failures[1]!);
    expect(s0.cmpxchgFailed + s1.cmpxchgFailed).toBe(failures[0]! + failures[1]!);
    expect(s0.transfers + s1.transfers).toBe(m.memory.stats(rec).transfers);
    // The line ping-pongs: at least one transfer per increment after the first.
    expect(m.memory.stats(rec).transfers).toBeGreaterThanOrEqual(99);
    // Interleaved: each CPU's operations start while the other's are in flight.
    const starts = m.log.map((l) => l.cpu);
    expect(starts.slice(0, 20)).toContain(1);
  });

  it('operations of all CPUs are performed in global start-time order', () => {
    const m = machine({ cpus: 3 });
    const rec = { v: 0n };
    for (const cpu of [0, 1, 2]) m.executor.start(cpu, incrementer(rec, 20), BigInt(cpu) * 333n);
    m.scheduler.runUntil(10n ** 12n);
    for (let i = 1; i < m.log.length; i++)
      expect(m.log[i]!.startFs >= m.log[i - 1]!.startFs).toBe(true);
    expect(rec.v).toBe(60n);
  });

  it('runs a thread to its return and leaves the CPU idle; start on a busy CPU throws', () => {
    const m = machine({ cpus: 1 });
    m.executor.start(
      0,
      (function* () {
        yield CPU_RELAX;
      })(),
    );
    expect(() => m.executor.start(0, (function* () {})())).toThrow(/cpu0/);
    m.scheduler.runUntil(10n ** 9n);
    expect(m.executor.stats(0).state).toBe('idle');
    m.executor.start(0, (function* () {})());
  });
});

describe('Executor: interrupts', () => {
  /** A thread that logs which frame ran each cpu_relax, with an irq_save window in the middle. */
  function setup(opts: { window: boolean }) {
    const order: string[] = [];
    const m = machine({
      cpus: 1,
      onInterrupt: () =>
        (function* () {
          order.push('handler');
          yield work('irq_entry');
        })(),
    });
    m.executor.start(
      0,
      (function* () {
        let flags = true;
        for (let i = 0; i < 6; i++) {
          if (opts.window && i === 1) flags = yield IRQ_SAVE;
          if (opts.window && i === 4) yield irqRestore(flags);
          order.push(`op${i}`);
          yield CPU_RELAX;
        }
      })(),
    );
    return { m, order };
  }

  // cpu_relax costs 40 cycles = 26 666 666 fs at 1.5 GHz: raise after op1 has started.
  const RAISE_AT = 30_000_000n;

  it('is taken before the next operation when enabled, with entry and exit charged', () => {
    const { m, order } = setup({ window: false });
    m.scheduler.schedule(RAISE_AT, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.runUntil(10n ** 10n);
    expect(order).toEqual(['op0', 'op1', 'handler', 'op2', 'op3', 'op4', 'op5']);
    expect(m.executor.stats(0).interrupts).toBe(1);
    const handlerOp = m.log[2]!;
    expect(handlerOp.op).toBe('work');
    expect(handlerOp.startFs).toBe(fsAt1500MHz(BigInt(2 * C.cpu_relax + C.irq_entry)));
    expect(m.log[3]!.startFs).toBe(
      fsAt1500MHz(BigInt(2 * C.cpu_relax + 2 * C.irq_entry + C.irq_exit)),
    );
  });

  it('is deferred by irq_save until irq_restore', () => {
    const { m, order } = setup({ window: true });
    m.scheduler.schedule(RAISE_AT, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.runUntil(10n ** 10n);
    // Taken right after irq_restore completes, before the thread resumes.
    expect(order).toEqual(['op0', 'op1', 'op2', 'op3', 'handler', 'op4', 'op5']);
  });

  it('is deferred by an irq_off window, and a second raise while latched is lost', () => {
    const { m, order } = setup({ window: false });
    m.executor.irqOff(0, 0n, 100_000_000n);
    m.scheduler.schedule(RAISE_AT, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.schedule(RAISE_AT + 1n, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.runUntil(10n ** 10n);
    // Window ends at 100 ns, during op3 (80–106.7 ns): taken before op4.
    expect(order).toEqual(['op0', 'op1', 'op2', 'op3', 'handler', 'op4', 'op5']);
    expect(m.executor.stats(0).interrupts).toBe(1);
  });

  it('wakes an idle CPU at the raise instant', () => {
    const ran: bigint[] = [];
    const m = machine({
      cpus: 2,
      onInterrupt: (cpu) =>
        (function* () {
          ran.push(BigInt(cpu));
          yield CPU_RELAX;
        })(),
    });
    m.scheduler.schedule(5_000_000n, Band.DEVICE, () => m.executor.raise(1));
    m.scheduler.runUntil(10n ** 9n);
    expect(ran).toEqual([1n]);
    expect(m.log[0]!.startFs).toBe(5_000_000n + fsAt1500MHz(BigInt(C.irq_entry)));
    expect(m.executor.stats(1).state).toBe('idle');
  });
});

describe('Executor: faults, sources and the bus', () => {
  it('a fault records a kernel event and stops the thread; the CPU goes idle', () => {
    const m = machine({ cpus: 1 });
    const rec = { v: 0n };
    m.executor.start(
      0,
      (function* () {
        yield store(rec, 'v', 1n);
        yield fault('BUG', 'time_interpolator_get_counter');
        yield store(rec, 'v', 2n);
      })(),
    );
    m.scheduler.runUntil(10n ** 9n);
    expect(rec.v).toBe(1n);
    expect(m.executor.kernelEvents).toEqual([
      {
        kind: 'BUG',
        where: 'time_interpolator_get_counter',
        cpu: 0,
        timeFs: fsAt1500MHz(BigInt(C.store)),
        context: 'thread',
      },
    ]);
    expect(m.executor.stats(0).state).toBe('idle');
  });

  it('keeps the first faults and counts them all, so memory stays flat', () => {
    const m = machine({ cpus: 1 });
    const n = KEPT_KERNEL_EVENTS + 20;
    // one thread after another, each dying at its fault
    for (let i = 0; i < n; i++)
      m.scheduler.schedule(BigInt(i + 1) * 1_000_000n, Band.DEVICE, () =>
        m.executor.start(
          0,
          (function* () {
            yield fault('BUG', `thread ${i}`);
          })(),
        ),
      );
    m.scheduler.runUntil(10n ** 12n);
    expect(m.executor.kernelEventCount).toBe(n);
    expect(m.executor.kernelEvents).toHaveLength(KEPT_KERNEL_EVENTS);
    expect(m.executor.kernelEvents[KEPT_KERNEL_EVENTS - 1]!.where).toBe(
      `thread ${KEPT_KERNEL_EVENTS - 1}`,
    );
  });

  it('a fault in an interrupt handler halts the CPU for good', () => {
    const m = machine({
      cpus: 1,
      onInterrupt: () =>
        (function* () {
          yield fault('OOPS', 'handler');
        })(),
    });
    let after = 0;
    m.executor.start(
      0,
      (function* () {
        for (;;) {
          yield CPU_RELAX;
          after++;
        }
      })(),
    );
    m.scheduler.schedule(1_000_000n, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.schedule(2_000_000_000n, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.runUntil(10n ** 10n);
    expect(m.executor.kernelEvents).toMatchObject([{ kind: 'OOPS', context: 'irq', cpu: 0 }]);
    expect(m.executor.stats(0).state).toBe('halt');
    // The first cpu_relax completed but the thread never resumed: the handler ran first.
    expect(after).toBe(0);
    expect(m.log.map((l) => l.op)).toEqual(['cpu_relax']);
    expect(m.scheduler.pendingCount).toBe(0);
  });

  it('call_source goes through the registry; an unknown address oopses', () => {
    const sources = new Map([
      [0x1234n, (cpu: number, nowFs: bigint) => ({ value: nowFs + BigInt(cpu), latencyFs: 9n })],
    ]);
    const m = machine({ cpus: 1, sources });
    const got: bigint[] = [];
    m.executor.start(
      0,
      (function* () {
        got.push(yield callSource(0x1234n));
        got.push(yield callSource(0x9999n));
      })(),
      50n,
    );
    m.scheduler.runUntil(10n ** 9n);
    expect(got).toEqual([50n]);
    expect(m.log[0]!.endFs).toBe(50n + fsAt1500MHz(BigInt(C.call)) + 9n);
    expect(m.executor.kernelEvents).toMatchObject([
      { kind: 'OOPS', where: 'call_source: no function at 0x9999' },
    ]);
  });

  it('an unmapped MMIO read returns all ones and records an error event', () => {
    const m = machine({ cpus: 1 });
    const got: bigint[] = [];
    m.executor.start(
      0,
      (function* () {
        got.push(yield mmioRead(0xdead_0000n, 32));
      })(),
      7n,
    );
    m.scheduler.runUntil(10n ** 9n);
    expect(got).toEqual([0xffff_ffffn]);
    expect(m.bus.errors).toMatchObject([
      { kind: 'unmapped', addr: 0xdead_0000n, cpu: 0, timeFs: 7n },
    ]);
  });

  it('get_cycles with no cycle counter is a configuration error of ours (thrown)', () => {
    const m = machine({ cpus: 1, cycleCounter: false });
    m.executor.start(
      0,
      (function* () {
        yield CYCLES;
      })(),
    );
    expect(() => m.scheduler.runUntil(10n ** 9n)).toThrow(/cycle counter/);
  });
});
