// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import type { KernelEvent as CheckerEvent } from '../../../emu/checkers/types.js';
import type { Cpu } from '../../../emu/engine/cpu.js';
import type { KernelEvent, OpTimes } from '../../../emu/engine/executor.js';
import { LazyOpTimes } from '../../../emu/engine/lazy-op-times.js';
import { splitTime } from '../../../emu/engine/split-time.js';
import {
  type Context,
  GET_COUNTER_HOOK,
  IRQ,
  KernelWatch,
  THREAD,
} from '../../../emu/machine/watch.js';
import type { TimekeepingKernel } from '../../../interpolator/kernel/timer/timekeeping-state.js';
import type { Op } from '../../../interpolator/ops.js';
import { fc, test } from '../../property-test.js';

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
  | { kind: 'enter' | 'exit'; cpu: number; ctx: Context; hook: string }
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

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<Op>(
      load(globals, 'time_interpolator'),
      load(ti, 'source'),
      { op: 'cycles' },
      { op: 'mmio_read', addr: 0xfed000f0n, width: 64 },
      cmpxchg(ti, 'last_cycle'),
      store(ti, 'last_cycle', 1n),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Op>(
      load(xtimeLock, 'sequence'),
      load(other, 'tv_sec'),
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
        {
          weight: 3,
          arbitrary: fc.record({
            kind: fc.constantFrom('enter' as const, 'exit' as const),
            cpu: cpuArb,
            ctx: ctxArb,
            hook: fc.constantFrom(GET_COUNTER_HOOK, 'other'),
          }),
        },
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

/** Hands one operation to the watch, its times given lazily (as the executor does) or plain. */
function feedOp(watch: KernelWatch, s: Step & { kind: 'op' }, lazy: boolean): void {
  watch.context[s.cpu] = s.ctx;
  const [startHi, startLo] = splitTime(s.startFs);
  const [endHi, endLo] = splitTime(s.endFs);
  if (!lazy) {
    const plain: OpTimes = { startFs: s.startFs, endFs: s.endFs, startHi, startLo, endHi, endLo };
    watch.opTimed(s.cpu, s.op, s.result, plain);
    return;
  }
  const times = new LazyOpTimes();
  times.startHi = startHi;
  times.startLo = startLo;
  times.cpu = { hi: endHi, lo: endLo, nowFs: s.endFs } as unknown as Cpu;
  watch.opTimed(s.cpu, s.op, s.result, times);
  times.cpu = undefined;
}

/** Hands one step that is not an operation to the watch. */
function feedOther(watch: KernelWatch, s: Exclude<Step, { kind: 'op' }>): void {
  if (s.kind === 'probe') {
    const probe = watch.probes[s.cpu]!;
    probe.active = s.active;
    if (s.active) probe.sequenceLoads = 0;
    return;
  }
  watch.context[s.cpu] = s.ctx;
  if (s.kind === 'fault') {
    const context = s.ctx === IRQ ? 'irq' : 'thread';
    const e: KernelEvent = { kind: 'BUG', where: 'test', cpu: s.cpu, timeFs: s.atFs, context };
    watch.kernelEvent(e);
  } else if (s.kind === 'enter') watch.callEnter(s.cpu, s.hook);
  else watch.callExit(s.cpu, s.hook);
}

/** Runs a stream through a watch. */
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
  for (const s of steps) {
    if (s.kind === 'op') feedOp(watch, s, lazy);
    else feedOther(watch, s);
  }
  seen.sequenceLoads = watch.probes.map((p) => p.sequenceLoads);
  seen.epochs = watch.probes.map((p) => p.epoch);
  return seen;
}

/** The watch's model with `bigint` times: the reference the split-time watch must equal. */
class ReferenceWatch {
  readonly seen = nothingObserved();
  private epoch = 0;
  private holder = -1;
  private readonly probes = [0, 1].map(() => ({ active: false, sequenceLoads: 0, epoch: 0 }));
  private readonly calls = [0, 1].map(() =>
    [0, 1].map(() => ({ active: false, writer: false, startFs: -1n, endFs: 0n })),
  );
  private lastNsSkipped = 0n;
  private pendingSkip = false;
  private lastNsecPerCyc: bigint | undefined;

  step(s: Exclude<Step, { kind: 'op' }>): void {
    if (s.kind === 'probe') {
      this.probes[s.cpu]!.active = s.active;
      if (s.active) this.probes[s.cpu]!.sequenceLoads = 0;
      return;
    }
    const c = this.calls[s.cpu]![s.ctx]!;
    if (s.kind === 'fault') {
      c.active = false;
      this.seen.events.push({
        kind: 'fault',
        cpu: s.cpu,
        atFs: s.atFs,
        fault: 'BUG',
        where: 'test',
      });
      return;
    }
    if (s.hook !== GET_COUNTER_HOOK) return;
    if (s.kind === 'enter') {
      Object.assign(c, { active: true, writer: this.holder === s.cpu, startFs: -1n });
      return;
    }
    if (!c.active) return;
    c.active = false;
    const { startFs, endFs, writer } = c;
    if (startFs >= 0n)
      this.seen.events.push({ kind: 'get_counter', cpu: s.cpu, startFs, endFs, writer });
  }

  op(s: Step & { kind: 'op' }): void {
    const { cpu, op, startFs, endFs } = s;
    const c = this.calls[cpu]![s.ctx]!;
    if (c.active) {
      if (c.startFs < 0n) c.startFs = startFs;
      c.endFs = endFs;
      if (op.op === 'cmpxchg') this.seen.cmpxchg.push(`${cpu}:${s.result === op.expected}`);
    } else if (op.op === 'load' && op.obj === xtimeLock && op.field === 'sequence')
      this.sequenceLoad(cpu, s.ctx);
    else if (op.op === 'cmpxchg' && op.obj === xtimeLock && op.field === 'lock') {
      if (s.result === op.expected) this.holder = cpu;
    } else if (op.op === 'store') this.store(cpu, op.obj, op.field, op.value as bigint, startFs);
  }

  private sequenceLoad(cpu: number, ctx: Context): void {
    const probe = this.probes[cpu]!;
    if (ctx !== THREAD || !probe.active) return;
    probe.sequenceLoads++;
    probe.epoch = ++this.epoch;
  }

  private store(cpu: number, obj: object, field: string, v: bigint, atFs: bigint): void {
    if (obj === xtimeLock) this.lockStore(cpu, field, v);
    else if (obj === ti) this.tiStore(cpu, field, v, atFs);
  }

  private lockStore(cpu: number, field: string, v: bigint): void {
    if (field === 'lock' && v === 0n) this.holder = -1;
    else if (field === 'sequence' && (v & 1n) === 0n) this.seen.unlocked.push(cpu);
  }

  private tiStore(cpu: number, field: string, v: bigint, atFs: bigint): void {
    if (field === 'skips' && v !== 0n) this.pendingSkip = true;
    if (field === 'ns_skipped') {
      const nsSkipped = BigInt.asUintN(64, v - this.lastNsSkipped);
      if (this.pendingSkip) this.seen.events.push({ kind: 'skip', cpu, atFs, nsSkipped });
      this.pendingSkip = false;
      this.lastNsSkipped = v;
    }
    if (field === 'nsec_per_cyc') {
      const last = this.lastNsecPerCyc;
      this.lastNsecPerCyc = v;
      if (last !== undefined && last !== v && this.holder === cpu)
        this.seen.events.push({ kind: 'nsec_per_cyc', cpu, atFs, from: last, to: v });
    }
  }

  done(): Observed {
    this.seen.sequenceLoads = this.probes.map((p) => p.sequenceLoads);
    this.seen.epochs = this.probes.map((p) => p.epoch);
    return this.seen;
  }
}

function reference(steps: readonly Step[]): Observed {
  const w = new ReferenceWatch();
  for (const s of steps) {
    if (s.kind === 'op') w.op(s);
    else w.step(s);
  }
  return w.done();
}

const op = (
  cpu: number,
  o: Op,
  startFs: bigint,
  endFs: bigint,
  ctx: Context = THREAD,
): Step & { kind: 'op' } => ({
  kind: 'op',
  cpu,
  ctx,
  op: o,
  startFs,
  endFs,
});

describe('KernelWatch', () => {
  const enter = (cpu: number, ctx: Context = THREAD): Step => ({
    kind: 'enter',
    cpu,
    ctx,
    hook: GET_COUNTER_HOOK,
  });
  const exit = (cpu: number, ctx: Context = THREAD): Step => ({
    kind: 'exit',
    cpu,
    ctx,
    hook: GET_COUNTER_HOOK,
  });

  it('times a hooked get_counter call from its first operation to the end of its last', () => {
    const big = 1n << 58n; // hi far above 2^21: the split time is joined the slow way
    const steps: Step[] = [
      enter(0),
      op(0, load(globals, 'time_interpolator'), big + 10n, big + 20n),
      op(0, load(ti, 'source'), big + 20n, big + 30n),
      op(0, { op: 'mmio_read', addr: 0n, width: 64 }, big + 40n, big + 90n),
      // an interrupt on the same CPU does not end the thread's call
      op(0, load(other, 'tv_sec'), big + 90n, big + 95n, IRQ),
      { ...op(0, cmpxchg(ti, 'last_cycle'), big + 95n, big + 120n), result: 0n },
      exit(0),
      op(0, load(ti, 'mask'), big + 120n, big + 130n),
    ];
    for (const lazy of [true, false]) {
      const seen = run(steps, lazy);
      expect(seen.events).toEqual([
        { kind: 'get_counter', cpu: 0, startFs: big + 10n, endFs: big + 120n, writer: false },
      ]);
      expect(seen.cmpxchg).toEqual(['0:true']);
    }
  });

  it("marks the lock holder's calls as the writer's; a fault or an empty call reports none", () => {
    const steps: Step[] = [
      lockAttempt(1, 0n),
      enter(1),
      op(1, { op: 'cycles' }, 10n, 14n),
      exit(1),
      enter(1),
      exit(1),
      enter(0),
      op(0, { op: 'cycles' }, 20n, 24n),
      { kind: 'fault', cpu: 0, ctx: THREAD, atFs: 24n },
      exit(0),
    ];
    for (const lazy of [true, false])
      expect(run(steps, lazy).events).toEqual([
        { kind: 'get_counter', cpu: 1, startFs: 10n, endFs: 14n, writer: true },
        { kind: 'fault', cpu: 0, atFs: 24n, fault: 'BUG', where: 'test' },
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
