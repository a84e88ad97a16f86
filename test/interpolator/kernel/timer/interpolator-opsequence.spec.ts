// SPDX-License-Identifier: GPL-2.0-only
/**
 * The fused read path (interpolator/fast/read-path-inlined.ts) yields exactly the operations of
 * its readable twins, the line-for-line kernel functions: same ops, same order, same values, same
 * results and faults, on random interpolator states, hardware reads and interference by other
 * CPUs (stores to the interpolator, sequence bumps, the pointer cleared or restored).
 */
import { describe, expect } from 'vitest';
import * as fast from '../../../../interpolator/fast/read-path-inlined.js';
import type { TimeInterpolator } from '../../../../interpolator/include/linux/timex.js';
import { ktime_get_ts } from '../../../../interpolator/kernel/hrtimer/ktime-get-ts.js';
import { do_gettimeofday, getnstimeofday } from '../../../../interpolator/kernel/time/timeofday.js';
import {
  get_counter,
  time_interpolator_get_offset,
} from '../../../../interpolator/kernel/timer/interpolator.js';
import {
  newTimekeepingKernel,
  type TimekeepingKernel,
} from '../../../../interpolator/kernel/timer/timekeeping-state.js';
import { inlineCalls, type KernelCode, type Op } from '../../../../interpolator/ops.js';
import { fc, test } from '../../../property-test.js';
import { interpolator } from './interpolator-harness.js';

/** Enough for every loop here to finish or to show a divergence. */
const MAX_OPS = 400;

type Action =
  | { readonly kind: 'field'; readonly field: keyof TimeInterpolator; readonly value: bigint }
  | { readonly kind: 'seq' }
  | { readonly kind: 'null' }
  | { readonly kind: 'restore' };

interface Case {
  readonly revision: '2.6.18' | '2.6.13';
  readonly semantics: 'x86-64' | 'ia64';
  readonly ti: Partial<TimeInterpolator>;
  readonly registered: boolean;
  readonly sequence: bigint;
  readonly jiffies: bigint;
  readonly reads: readonly bigint[];
  readonly actions: ReadonlyMap<number, Action>;
}

function machine(c: Case): {
  k: TimekeepingKernel;
  ti: TimeInterpolator;
  names: Map<object, string>;
} {
  const k = newTimekeepingKernel({ hz: 1024, revision: c.revision, shiftSemantics: c.semantics });
  const ti = interpolator(c.ti);
  k.globals.time_interpolator = c.registered ? ti : null;
  k.xtime_lock.sequence = c.sequence;
  k.jiffies.jiffies = c.jiffies;
  k.xtime.tv_sec = 1_000_000n;
  k.xtime.tv_nsec = 999_999_000n;
  k.wall_to_monotonic.tv_sec = -999_000n;
  k.wall_to_monotonic.tv_nsec = 5_000n;
  const names = new Map<object, string>([
    [k.globals, 'globals'],
    [k.xtime_lock, 'xtime_lock'],
    [k.xtime, 'xtime'],
    [k.wall_to_monotonic, 'wall_to_monotonic'],
    [k.jiffies, 'jiffies'],
    [k.tick, 'tick'],
    [ti, 'ti'],
  ]);
  return { k, ti, names };
}

function show(v: unknown, names: Map<object, string>): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (v !== null && typeof v === 'object') return names.get(v) ?? 'object?';
  return String(v);
}

function describeOp(op: Op, names: Map<object, string>): string {
  return Object.entries(op)
    .map(([key, v]) => `${key}=${show(v, names)}`)
    .join(' ');
}

/** Another CPU's store, made just before the operation it is attached to. */
function interfere(a: Action | undefined, k: TimekeepingKernel, ti: TimeInterpolator): void {
  if (a === undefined) return;
  switch (a.kind) {
    case 'field':
      (ti as unknown as Record<string, unknown>)[a.field] = a.value;
      break;
    case 'seq':
      k.xtime_lock.sequence = BigInt.asUintN(32, k.xtime_lock.sequence + 1n);
      break;
    case 'null':
      k.globals.time_interpolator = null;
      break;
    case 'restore':
      k.globals.time_interpolator = ti;
      break;
  }
}

/** Performs `op` on shared memory; hardware reads take the case's reads in turn. */
function perform(op: Op, c: Case, nthRead: () => number): unknown {
  const fields = (op as { obj?: object }).obj as Record<string, unknown> | undefined;
  switch (op.op) {
    case 'load':
      return fields![op.field];
    case 'store':
      fields![op.field] = op.value;
      return undefined;
    case 'cmpxchg': {
      const found = fields![op.field];
      if (found === op.expected) fields![op.field] = op.value;
      return found;
    }
    case 'mmio_read':
    case 'cycles':
    case 'call_source':
      return c.reads.length === 0 ? 0n : c.reads[nthRead() % c.reads.length];
    default:
      return undefined;
  }
}

/** Runs the call, applying the case's interference before the n-th operation. */
function trace(c: Case, call: (k: TimekeepingKernel) => KernelCode<unknown>): string[] {
  const { k, ti, names } = machine(c);
  const code = inlineCalls(call(k));
  const log: string[] = [];
  let reads = 0;
  const nthRead = () => reads++;
  let sent: unknown;
  for (let n = 0; ; n++) {
    const step = code.next(sent);
    if (step.done) {
      log.push(`return ${JSON.stringify(step.value, (_, v) => show(v, names))}`);
      return log;
    }
    if (n >= MAX_OPS) return log;
    interfere(c.actions.get(n), k, ti);
    const op = step.value;
    log.push(describeOp(op, names));
    if (op.op === 'fault') return log;
    sent = perform(op, c, nthRead);
  }
}

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const small = fc.bigInt({ min: 0n, max: 1n << 20n });
const fieldNames = [
  'source',
  'shift',
  'jitter',
  'nsec_per_cyc',
  'mask',
  'offset',
  'last_counter',
  'last_cycle',
  'skips',
  'ns_skipped',
] as const;

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('field' as const),
    field: fc.constantFrom(...fieldNames),
    value: fc.oneof(u64, small),
  }),
  fc.constant({ kind: 'seq' as const }),
  fc.constant({ kind: 'null' as const }),
  fc.constant({ kind: 'restore' as const }),
);

const caseArb: fc.Arbitrary<Case> = fc.record({
  revision: fc.constantFrom('2.6.18' as const, '2.6.13' as const),
  semantics: fc.constantFrom('x86-64' as const, 'ia64' as const),
  ti: fc.record({
    source: fc.bigInt({ min: 0n, max: 4n }),
    shift: fc.oneof(fc.bigInt({ min: 0n, max: 32n }), fc.bigInt({ min: 60n, max: 255n })),
    jitter: fc.bigInt({ min: 0n, max: 1n }),
    nsec_per_cyc: fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }),
    addr: u64,
    mask: fc.oneof(fc.constant(2n ** 64n - 1n), fc.constant(2n ** 32n - 1n), u64),
    offset: fc.oneof(u64, small),
    last_counter: fc.oneof(u64, small),
    last_cycle: fc.oneof(u64, small, fc.constant(0n)),
    skips: small,
    ns_skipped: fc.oneof(small, u64),
  }),
  registered: fc.boolean(),
  sequence: fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }),
  jiffies: fc.oneof(fc.constant(65536n * 7n), small),
  reads: fc.array(fc.oneof(u64, small), { maxLength: 6 }),
  actions: fc
    .array(fc.tuple(fc.nat({ max: 60 }), action), { maxLength: 6 })
    .map((list) => new Map(list)),
});

describe('the fused read path yields the operation sequence of its readable twins', () => {
  test.prop([caseArb, fc.constantFrom(0, 1)], { numRuns: 300 })('get_counter', (c, writelock) => {
    expect(trace(c, (k) => fast.get_counter(k, writelock))).toEqual(
      trace(c, (k) => get_counter(k, writelock)),
    );
  });

  test.prop([caseArb], { numRuns: 300 })('time_interpolator_get_offset', (c) => {
    expect(trace(c, fast.time_interpolator_get_offset)).toEqual(
      trace(c, time_interpolator_get_offset),
    );
  });

  test.prop([caseArb], { numRuns: 300 })('getnstimeofday', (c) => {
    expect(trace(c, fast.getnstimeofday)).toEqual(trace(c, getnstimeofday));
  });

  test.prop([caseArb], { numRuns: 200 })('do_gettimeofday', (c) => {
    expect(trace(c, fast.do_gettimeofday)).toEqual(trace(c, do_gettimeofday));
  });

  test.prop([caseArb], { numRuns: 200 })('ktime_get_ts', (c) => {
    expect(trace(c, fast.ktime_get_ts)).toEqual(trace(c, ktime_get_ts));
  });
});
