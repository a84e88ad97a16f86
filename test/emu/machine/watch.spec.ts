// SPDX-License-Identifier: GPL-2.0-only
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { KernelEvent as CheckerEvent } from '../../../emu/checkers/types.js';
import type { Cpu } from '../../../emu/engine/cpu.js';
import type { KernelEvent, OpTimes } from '../../../emu/engine/executor.js';
import { LazyOpTimes } from '../../../emu/engine/executor-times.js';
import { splitTime } from '../../../emu/engine/scheduler.js';
import { type Context, IRQ, KernelWatch, THREAD } from '../../../emu/machine/watch.js';
import type { TimekeepingKernel } from '../../../interpolator/kernel/timer/timekeeping-state.js';
import type { Op } from '../../../interpolator/ops.js';

const globals = { time_interpolator: null };
const xtimeLock = { sequence: 0n, lock: 0n };
const ti = { source: 0n, last_cycle: 0n };
const other = { tv_sec: 0n };
const k = { globals, xtime_lock: xtimeLock } as unknown as TimekeepingKernel;

/** One step of a random stream: an operation (with its start and end), or another hook. */
type Step =
  | {
      kind: 'op';
      cpu: number;
      ctx: Context;
      op: Op;
      startFs: bigint;
      endFs: bigint;
      /** what the op returned (cmpxchg: the value found) */
      result?: bigint;
    }
  | { kind: 'fault'; cpu: number; ctx: Context; atFs: bigint }
  | { kind: 'probe'; cpu: number; active: boolean };

const load = (obj: object, field: string): Op => ({ op: 'load', obj, field });
const store = (obj: object, field: string, value: bigint): Op => ({
  op: 'store',
  obj,
  field,
  value,
});
const cmpxchg = (obj: object, field: string): Op => ({
  op: 'cmpxchg',
  obj,
  field,
  expected: 0n,
  value: 1n,
});

/** Weighted so that pointer loads, `source` loads and counter accesses often follow each other. */
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(load(globals, 'time_interpolator')) },
  { weight: 3, arbitrary: fc.constant(load(ti, 'source')) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Op>(
      { op: 'cycles' },
      { op: 'mmio_read', addr: 0xfed000f0n, width: 64 },
      { op: 'call_source', addr: 0x1000n },
      cmpxchg(ti, 'last_cycle'),
      store(ti, 'last_cycle', 1n),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...['jitter', 'last_cycle', 'addr', 'mask'].map((f) => load(ti, f))),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Op>(
      load(xtimeLock, 'sequence'),
      load(other, 'tv_sec'),
      load(other, 'source'),
      cmpxchg(xtimeLock, 'lock'),
      cmpxchg(other, 'last_cycle'),
      { op: 'work', cost: 'syscall' },
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('skips', 'ns_skipped', 'nsec_per_cyc'), fc.bigInt(0n, 3n))
      .map(([field, v]) => store(ti, field, v)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('lock', 'sequence'), fc.bigInt(0n, 3n))
      .map(([field, v]) => store(xtimeLock, field, v)),
  },
);

const cpuArb = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.constant(1));
const ctxArb = fc.oneof({ weight: 4, arbitrary: fc.constant(THREAD) }, fc.constant(IRQ));

/** Streams on 2 CPUs; times from an offset up to 2^60 fs, so split times have large `hi`. */
const streamArb: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.bigInt(0n, 1n << 60n),
    fc.array(
      fc.oneof(
        {
          weight: 12,
          arbitrary: fc.record({
            kind: fc.constant('op' as const),
            cpu: cpuArb,
            ctx: ctxArb,
            op: opArb,
            gapFs: fc.bigInt(0n, 3n),
            durationFs: fc.bigInt(0n, 1n << 33n),
          }),
        },
        fc.record({
          kind: fc.constant('lock' as const),
          cpu: fc.integer({ min: 0, max: 1 }),
          ctx: ctxArb,
          ok: fc.boolean(),
        }),
        fc.record({
          kind: fc.constant('fault' as const),
          cpu: fc.integer({ min: 0, max: 1 }),
          ctx: fc.constantFrom(THREAD, IRQ),
        }),
        fc.record({
          kind: fc.constant('probe' as const),
          cpu: fc.integer({ min: 0, max: 1 }),
          active: fc.boolean(),
        }),
      ),
      { minLength: 20, maxLength: 150, size: 'max' },
    ),
  )
  .map(([originFs, raw]) => {
    let t = originFs;
    return raw.map((s): Step => {
      if (s.kind === 'op') {
        const startFs = t + s.gapFs;
        t = startFs + s.durationFs;
        return { kind: 'op', cpu: s.cpu, ctx: s.ctx, op: s.op, startFs, endFs: t };
      }
      if (s.kind === 'lock') return lockAttempt(s.cpu, t, s.ok, s.ctx);
      if (s.kind === 'fault') return { ...s, atFs: t };
      return s;
    });
  });

/** A cmpxchg of the xtime spinlock, taking it when `ok`. */
const lockAttempt = (cpu: number, atFs: bigint, ok = true, ctx: Context = THREAD): Step => ({
  kind: 'op',
  cpu,
  ctx,
  op: cmpxchg(xtimeLock, 'lock'),
  startFs: atFs,
  endFs: atFs,
  result: ok ? 0n : 1n,
});

interface Observed {
  events: CheckerEvent[];
  /** cmpxchg attempts on last_cycle counted: `cpu:ok` */
  cmpxchg: string[];
  unlocked: number[];
  sequenceLoads: number[];
  epochs: number[];
}

const nothingObserved = (): Observed => ({
  events: [],
  cmpxchg: [],
  unlocked: [],
  sequenceLoads: [0, 0],
  epochs: [0, 0],
});

/** Runs a stream through a watch, its times given lazily (as the executor does) or as a plain record. */
function run(steps: readonly Step[], lazy: boolean): Observed {
  const seen = nothingObserved();
  let epoch = 0;
  const watch = new KernelWatch(2, k, new Set([ti]), {
    emit: (e) => seen.events.push(e),
    cmpxchg: (cpu, ok) => seen.cmpxchg.push(`${cpu}:${ok}`),
    fault: () => {},
    epoch: () => ++epoch,
    writeUnlocked: (cpu) => seen.unlocked.push(cpu),
    idle: () => {},
  });
  const cpu = { hi: 0, lo: 0, nowFs: 0n };
  const times = new LazyOpTimes();
  for (const s of steps) {
    switch (s.kind) {
      case 'op': {
        watch.context[s.cpu] = s.ctx;
        if (lazy) {
          [times.startHi, times.startLo] = splitTime(s.startFs);
          [cpu.hi, cpu.lo] = splitTime(s.endFs);
          cpu.nowFs = s.endFs;
          times.cpu = cpu as unknown as Cpu;
          watch.opTimed(s.cpu, s.op, s.result, times);
          times.cpu = undefined;
        } else {
          const [startHi, startLo] = splitTime(s.startFs);
          const [endHi, endLo] = splitTime(s.endFs);
          const plain: OpTimes = {
            startFs: s.startFs,
            endFs: s.endFs,
            startHi,
            startLo,
            endHi,
            endLo,
          };
          watch.opTimed(s.cpu, s.op, s.result, plain);
        }
        break;
      }
      case 'fault': {
        const e: KernelEvent = {
          kind: 'BUG',
          where: 'test',
          cpu: s.cpu,
          timeFs: s.atFs,
          context: s.ctx === IRQ ? 'irq' : 'thread',
        };
        watch.kernelEvent(e);
        break;
      }
      case 'probe': {
        const probe = watch.probes[s.cpu]!;
        probe.active = s.active;
        if (s.active) probe.sequenceLoads = 0;
        break;
      }
    }
  }
  seen.sequenceLoads = watch.probes.map((p) => p.sequenceLoads);
  seen.epochs = watch.probes.map((p) => p.epoch);
  return seen;
}

/**
 * The watch as first written, every time a `bigint` at each operation: the reference the split-time
 * watch must equal event for event.
 */
function reference(steps: readonly Step[]): Observed {
  const seen = nothingObserved();
  let epoch = 0;
  let holder = -1;
  const context: Context[] = [THREAD, THREAD];
  const probes = [0, 1].map(() => ({ active: false, sequenceLoads: 0, epoch: 0 }));
  const slot = () => ({
    active: false,
    writer: false,
    startFs: 0n,
    endFs: 0n,
    hasEnd: false,
    pointerFs: -1n,
  });
  const calls = [0, 1].map(() => [slot(), slot()]);
  let lastNsSkipped = 0n;
  let pendingSkip = false;
  let lastNsecPerCyc: bigint | undefined;
  const close = (cpu: number, c: ReturnType<typeof slot>) => {
    c.active = false;
    if (c.hasEnd)
      seen.events.push({
        kind: 'get_counter',
        cpu,
        startFs: c.startFs,
        endFs: c.endFs,
        writer: c.writer,
      });
  };
  const isGetCounterLoad = (f: string) => ['source', 'jitter', 'last_cycle', 'addr'].includes(f);
  for (const s of steps) {
    if (s.kind === 'probe') {
      probes[s.cpu]!.active = s.active;
      if (s.active) probes[s.cpu]!.sequenceLoads = 0;
      continue;
    }
    if (s.kind === 'fault') {
      const c = calls[s.cpu]![s.ctx]!;
      c.active = false;
      c.pointerFs = -1n;
      seen.events.push({ kind: 'fault', cpu: s.cpu, atFs: s.atFs, fault: 'BUG', where: 'test' });
      context[s.cpu] = THREAD;
      continue;
    }
    const { cpu, op, startFs, endFs } = s;
    context[cpu] = s.ctx;
    const c = calls[cpu]![s.ctx]!;
    if (op.op === 'cmpxchg' && op.obj === xtimeLock && op.field === 'lock')
      if (s.result === op.expected) holder = cpu;
    const end = () => {
      if (c.active) {
        c.endFs = endFs;
        c.hasEnd = true;
      }
      c.pointerFs = -1n;
    };
    if (op.op === 'load' && op.obj === globals) {
      if (!c.active) c.pointerFs = startFs;
      continue;
    }
    if (op.op === 'load' && op.obj === xtimeLock && op.field === 'sequence') {
      const probe = probes[cpu]!;
      if (context[cpu] === THREAD && probe.active) {
        probe.sequenceLoads++;
        probe.epoch = ++epoch;
      }
    } else if (op.op === 'load' && op.obj === ti && isGetCounterLoad(op.field)) {
      if (op.field === 'source') {
        if (c.active) close(cpu, c);
        c.active = true;
        c.writer = holder === cpu;
        c.startFs = c.pointerFs >= 0n ? c.pointerFs : startFs;
        c.hasEnd = false;
      }
      c.pointerFs = -1n;
      continue;
    } else if (op.op === 'cycles' || op.op === 'mmio_read' || op.op === 'call_source') {
      end();
      continue;
    } else if (op.op === 'cmpxchg' && op.obj === ti && op.field === 'last_cycle') {
      seen.cmpxchg.push(`${cpu}:${s.result === op.expected}`);
      end();
      continue;
    } else if (op.op === 'store') {
      const v = op.value as bigint;
      if (op.obj === xtimeLock) {
        if (op.field === 'lock' && v === 0n) holder = -1;
        else if (op.field === 'sequence' && (v & 1n) === 0n) seen.unlocked.push(cpu);
      } else if (op.obj === ti) {
        if (op.field === 'skips' && v !== 0n) pendingSkip = true;
        if (op.field === 'ns_skipped') {
          if (pendingSkip)
            seen.events.push({
              kind: 'skip',
              cpu,
              atFs: startFs,
              nsSkipped: BigInt.asUintN(64, v - lastNsSkipped),
            });
          pendingSkip = false;
          lastNsSkipped = v;
        }
        if (op.field === 'nsec_per_cyc') {
          const last = lastNsecPerCyc;
          lastNsecPerCyc = v;
          if (last !== undefined && last !== v && holder === cpu)
            seen.events.push({ kind: 'nsec_per_cyc', cpu, atFs: startFs, from: last, to: v });
        }
        if (op.field === 'last_cycle' && c.active) {
          end();
          continue;
        }
      }
    }
    c.pointerFs = -1n;
    if (c.active) close(cpu, c);
  }
  seen.sequenceLoads = probes.map((p) => p.sequenceLoads);
  seen.epochs = probes.map((p) => p.epoch);
  return seen;
}

const op = (cpu: number, o: Op, startFs: bigint, endFs: bigint, ctx: Context = THREAD): Step => ({
  kind: 'op',
  cpu,
  ctx,
  op: o,
  startFs,
  endFs,
});

describe('KernelWatch', () => {
  it('times a get_counter call from the pointer load before `source` to its last counter access', () => {
    const big = 1n << 58n; // hi far above 2^21: the split time is joined the slow way
    const steps: Step[] = [
      op(0, load(globals, 'time_interpolator'), big + 10n, big + 20n),
      op(0, load(ti, 'source'), big + 20n, big + 30n),
      op(0, load(globals, 'time_interpolator'), big + 30n, big + 40n),
      op(0, { op: 'mmio_read', addr: 0n, width: 64 }, big + 40n, big + 90n),
      // an interrupt on the same CPU does not end the thread's call
      op(0, load(other, 'tv_sec'), big + 90n, big + 95n, IRQ),
      op(0, cmpxchg(ti, 'last_cycle'), big + 95n, big + 120n),
      op(0, load(ti, 'mask'), big + 120n, big + 130n),
    ];
    for (const lazy of [true, false])
      expect(run(steps, lazy).events).toEqual([
        { kind: 'get_counter', cpu: 0, startFs: big + 10n, endFs: big + 120n, writer: false },
      ]);
  });

  it('starts a call at `source` when the pointer load was not just before it', () => {
    const steps: Step[] = [
      lockAttempt(1, 0n),
      op(1, load(globals, 'time_interpolator'), 5n, 6n),
      op(1, { op: 'work', cost: 'syscall' }, 6n, 9n),
      op(1, load(ti, 'source'), 9n, 10n),
      op(1, { op: 'cycles' }, 10n, 14n),
      op(1, { op: 'work', cost: 'syscall' }, 14n, 20n),
      // no counter access: no call reported
      op(1, load(ti, 'source'), 20n, 21n),
      op(1, load(other, 'tv_sec'), 21n, 22n),
    ];
    for (const lazy of [true, false])
      expect(run(steps, lazy).events).toEqual([
        { kind: 'get_counter', cpu: 1, startFs: 9n, endFs: 14n, writer: true },
      ]);
  });

  it('reports a skip at its ns_skipped store, and tuning changes of nsec_per_cyc', () => {
    const steps: Step[] = [
      op(0, store(ti, 'nsec_per_cyc', 3n), 1n, 2n), // registration, without the lock
      lockAttempt(0, 2n),
      op(0, store(ti, 'skips', 1n), 2n, 3n),
      op(0, store(ti, 'ns_skipped', 40n), 3n, 4n),
      op(0, store(ti, 'nsec_per_cyc', 2n), 4n, 5n),
      op(0, store(xtimeLock, 'lock', 0n), 5n, 6n),
      op(0, store(ti, 'nsec_per_cyc', 3n), 6n, 7n), // not the lock holder
    ];
    for (const lazy of [true, false])
      expect(run(steps, lazy).events).toEqual([
        { kind: 'skip', cpu: 0, atFs: 3n, nsSkipped: 40n },
        { kind: 'nsec_per_cyc', cpu: 0, atFs: 4n, from: 3n, to: 2n },
      ]);
  });

  test.prop([streamArb], { numRuns: 300 })(
    'equals the bigint reference on random streams, with lazy and with plain times',
    (steps) => {
      const expected = reference(steps);
      expect(run(steps, true)).toEqual(expected);
      expect(run(steps, false)).toEqual(expected);
    },
  );
});
