// SPDX-License-Identifier: GPL-2.0-only
/** A small machine for executor specs: scheduler, memory, bus, fake devices, 1.5 GHz CPUs. */
import type { CycleCounterDevice, MmioDevice } from '../../../devices/device.js';
import { type CostTable, costTable } from '../../../emu/base/costs.js';
import { type Rational, rational } from '../../../emu/base/rational.js';
import { Bus } from '../../../emu/engine/bus.js';
import {
  Executor,
  type ExecutorObserver,
  type ExecutorOptions,
  type SourceFunction,
} from '../../../emu/engine/executor.js';
import { Memory } from '../../../emu/engine/memory.js';
import { Scheduler } from '../../../emu/engine/scheduler.js';
import type { Tracer } from '../../../emu/trace/tracer.js';
import type { KernelCode, Op } from '../../../interpolator/ops.js';

export const GHZ_1_5 = rational(1_500_000_000n);
/** exact fs for `cycles` at 1.5 GHz from a cycle-grid base */
export const fsAt1500MHz = (cycles: bigint): bigint => (cycles * 2_000_000n) / 3n;

/** A counter device at 0xfed00000: offset 0 reads `now / 1000` (a 1 THz-ish tick), 100 fs latency. */
export const fakeCounter = (): MmioDevice => ({
  name: 'ctr0',
  base: 0xfed0_0000n,
  sizeBytes: 0x400n,
  read: (off, _w, nowFs) => ({ value: off === 0n ? nowFs / 1000n : 0n, latencyFs: 100n }),
  write: () => ({ value: 0n, latencyFs: 100n }),
  peek: (off, _w, nowFs) => (off === 0n ? nowFs / 1000n : 0n),
});

/** Cycle counters reading `now / 1000 + cpu` with no latency; records ITM writes. */
export const fakeCycles = (itm: string[] = []): CycleCounterDevice => ({
  name: 'itc',
  readCycles: (cpu, nowFs) => ({ value: nowFs / 1000n + BigInt(cpu), latencyFs: 0n }),
  peekCycles: (cpu, nowFs) => nowFs / 1000n + BigInt(cpu),
  setMatch: (cpu, value, nowFs) => {
    itm.push(`${cpu}:${value}@${nowFs}`);
  },
});

export interface OpLog {
  cpu: number;
  op: string;
  result: unknown;
  startFs: bigint;
  endFs: bigint;
}

export interface TestMachine {
  readonly scheduler: Scheduler;
  readonly memory: Memory;
  readonly bus: Bus;
  readonly executor: Executor;
  readonly log: OpLog[];
}

export function machine(
  opts: {
    cpus?: number;
    strict?: boolean;
    /** core clocks (default: every CPU at 1.5 GHz) */
    clocksHz?: readonly Rational[];
    /** false: a machine without cycle counters */
    cycleCounter?: boolean;
    costs?: Partial<CostTable>;
    onInterrupt?: (cpu: number) => KernelCode<void>;
    sources?: ReadonlyMap<bigint, SourceFunction>;
    tracer?: Tracer;
    observer?: ExecutorObserver;
    /** shared memory (default: a fair one for the CPUs) */
    memory?: Memory;
  } = {},
): TestMachine {
  const n = opts.cpus ?? 2;
  const scheduler = new Scheduler();
  const memory = opts.memory ?? new Memory(n);
  const bus = new Bus();
  bus.map(fakeCounter());
  const log: OpLog[] = [];
  const observer: ExecutorObserver = opts.observer ?? {
    op: (cpu: number, op: Op, result: unknown, startFs: bigint, endFs: bigint) => {
      log.push({ cpu, op: op.op, result, startFs, endFs });
    },
  };
  const options: ExecutorOptions = {
    scheduler,
    memory,
    bus,
    cpuClocksHz: opts.clocksHz ?? Array.from({ length: n }, () => GHZ_1_5),
    ...(opts.cycleCounter === false ? {} : { cycleCounter: fakeCycles() }),
    costs: costTable(opts.costs),
    observer,
    strict: opts.strict ?? false,
    ...(opts.onInterrupt !== undefined ? { onInterrupt: opts.onInterrupt } : {}),
    ...(opts.sources !== undefined ? { sources: opts.sources } : {}),
    ...(opts.tracer !== undefined ? { tracer: opts.tracer } : {}),
  };
  return { scheduler, memory, bus, executor: new Executor(options), log };
}
