// SPDX-License-Identifier: GPL-2.0-only
/**
 * Laws of the core against independent bigint models. The models use `%` and `/` on
 * non-negative bigints and powers of two, never the port's helpers (`asUintN`, `&`, shifts).
 */
import { describe, expect, it } from 'vitest';
import {
  newInterpolatorKernel,
  type ShiftSemantics,
  type TimeInterpolator,
} from '../../../../interpolator/include/linux/timex.js';
import {
  GET_TI_NSECS,
  get_counter,
  register_time_interpolator,
  time_interpolator_update,
} from '../../../../interpolator/kernel/timer/interpolator.js';
import type { CmpxchgOp } from '../../../../interpolator/ops.js';
import { runSequential, scriptedReads } from '../../../../interpolator/sequential.js';
import { fc, test } from '../../../property-test.js';
import { interpolator, value } from './interpolator-harness.js';

const TWO64 = 2n ** 64n;
const mod64 = (x: bigint): bigint => ((x % TWO64) + TWO64) % TWO64;
const pow2 = (n: bigint): bigint => 2n ** n;

/** 64-bit shift count as the machine executes it, or null when the result is 0 (ia64, ≥ 64). */
function modelCount(shift: bigint, semantics: ShiftSemantics): bigint | null {
  if (shift < 64n) return shift;
  return semantics === 'x86-64' ? shift % 64n : null;
}

/** GET_TI_NSECS for mask = 2^width − 1: masking is the remainder modulo 2^width. */
function modelNsecs(
  count: bigint,
  last: bigint,
  width: bigint,
  npc: bigint,
  shift: bigint,
  semantics: ShiftSemantics,
): bigint {
  const masked = mod64(count - last) % pow2(width);
  const product = (masked * npc) % TWO64;
  const c = modelCount(shift, semantics);
  return c === null ? 0n : product / pow2(c);
}

/** time_after(a, b) for u64 values: a − b mod 2^64 lies in [1, 2^63]. */
function modelAfter(a: bigint, b: bigint): boolean {
  const d = mod64(a - b);
  return d >= 1n && d <= 2n ** 63n;
}

const u64 = fc.bigInt({ min: 0n, max: TWO64 - 1n });
const u32 = fc.bigInt({ min: 0n, max: 2n ** 32n - 1n });
const semantics = fc.constantFrom<ShiftSemantics>('x86-64', 'ia64');

describe('GET_TI_NSECS', () => {
  test.prop(
    [u64, u64, fc.integer({ min: 1, max: 64 }), u32, fc.integer({ min: 0, max: 255 }), semantics],
    {
      numRuns: 2000,
    },
  )('matches the model for every mask width and shift', (count, last, width, npc, shift, sem) => {
    const mask = pow2(BigInt(width)) - 1n;
    expect(GET_TI_NSECS(count, last, mask, npc, BigInt(shift), sem)).toBe(
      modelNsecs(count, last, BigInt(width), npc, BigInt(shift), sem),
    );
  });

  it('matches the model for all 64 × 256 × 2 (width, shift, semantics) combinations', () => {
    const samples: [bigint, bigint, bigint][] = [
      [12_345_678_901_234n, 98_765n, 4_294_967_295n],
      [5n, TWO64 - 7n, 71_517n],
      [TWO64 - 1n, 0n, 1n],
    ];
    const combinations = (['x86-64', 'ia64'] as const).flatMap((sem) =>
      Array.from({ length: 64 }, (_, w) =>
        Array.from({ length: 256 }, (_, shift) => [sem, BigInt(w + 1), BigInt(shift)] as const),
      ).flat(),
    );
    for (const [sem, width, shift] of combinations)
      for (const [count, last, npc] of samples) {
        const actual = GET_TI_NSECS(count, last, pow2(width) - 1n, npc, shift, sem);
        if (actual !== modelNsecs(count, last, width, npc, shift, sem))
          expect.fail(`width ${width} shift ${shift} ${sem}: ${actual}`);
      }
  });
});

describe('register_time_interpolator', () => {
  test.prop(
    [fc.bigInt({ min: 1n, max: TWO64 - 1n }), fc.integer({ min: 0, max: 255 }), semantics],
    { numRuns: 500 },
  )('stores nsec_per_cyc truncated to u32', (frequency, shift, sem) => {
    const k = newInterpolatorKernel('2.6.18', sem);
    const ti = interpolator({ source: 0n, shift: BigInt(shift), mask: 1n, frequency });
    value(register_time_interpolator(k, ti), [0n]);
    const c = modelCount(BigInt(shift), sem);
    const numerator = c === null ? 0n : (10n ** 9n * pow2(c)) % TWO64;
    expect(ti.nsec_per_cyc).toBe((numerator / frequency) % 2n ** 32n);
  });
});

/** A registered interpolator with arbitrary state, and the kernel around it. */
const updateInput = fc.record({
  offset: u64,
  last_counter: u64,
  width: fc.integer({ min: 1, max: 64 }),
  nsec_per_cyc: u32,
  shift: fc.integer({ min: 0, max: 40 }),
  skips: u64,
  ns_skipped: u64,
  counter: u64,
});
type UpdateInput = typeof updateInput extends fc.Arbitrary<infer T> ? T : never;

function setUp(input: UpdateInput): {
  ti: TimeInterpolator;
  run: (delta: bigint) => void;
  total: bigint;
} {
  const k = newInterpolatorKernel('2.6.18');
  const ti = interpolator({ source: 0n, shift: 0n, mask: 1n, frequency: 1n });
  value(register_time_interpolator(k, ti), [0n]);
  Object.assign(ti, {
    offset: input.offset,
    last_counter: input.last_counter,
    mask: pow2(BigInt(input.width)) - 1n,
    nsec_per_cyc: input.nsec_per_cyc,
    shift: BigInt(input.shift),
    skips: input.skips,
    ns_skipped: input.ns_skipped,
  });
  k.jiffies.jiffies = 12_345n;
  const nsecs = modelNsecs(
    input.counter,
    input.last_counter,
    BigInt(input.width),
    input.nsec_per_cyc,
    BigInt(input.shift),
    'x86-64',
  );
  return {
    ti,
    total: (input.offset + nsecs) % TWO64,
    run: (delta) => value(time_interpolator_update(k, delta), [input.counter]),
  };
}

describe('time_interpolator_update', () => {
  test.prop([updateInput, fc.bigInt({ min: 1n, max: 2n ** 63n })], { numRuns: 500 })(
    'the carry branch preserves reader time: offset′ + delta ≡ offset + GET_TI_NSECS',
    (input, below) => {
      const { ti, run, total } = setUp(input);
      // Either a negative delta, or a non-negative one below the interpolated total.
      const delta = below <= total ? total - below : -below;
      fc.pre(delta < 2n ** 63n);
      run(delta);
      expect(mod64(ti.offset + delta)).toBe(total);
      expect([ti.skips, ti.ns_skipped, ti.last_counter]).toEqual([
        input.skips,
        input.ns_skipped,
        input.counter,
      ]);
    },
  );

  test.prop([updateInput, fc.bigInt({ min: 0n, max: 2n ** 63n - 1n })], { numRuns: 500 })(
    'the skip branch records exactly the jump: ns_skipped gains delta − offset, skips + 1',
    (input, above) => {
      const { ti, run, total } = setUp(input);
      const delta = total + above;
      fc.pre(delta < 2n ** 63n);
      run(delta);
      expect(ti.offset).toBe(0n);
      expect(ti.skips).toBe(mod64(input.skips + 1n));
      expect(ti.ns_skipped).toBe(mod64(input.ns_skipped + delta - total));
      expect(ti.last_counter).toBe(input.counter);
    },
  );
});

describe('get_counter with jitter', () => {
  test.prop(
    [
      u64,
      fc.array(fc.record({ read: u64, interfere: fc.array(u64, { maxLength: 3 }) }), {
        minLength: 1,
        maxLength: 6,
      }),
      fc.constantFrom(0, 1),
    ],
    { numRuns: 500 },
  )(
    'never returns a value behind last_cycle: neither the one it started from nor one stored meanwhile',
    (initial, calls, writelock) => {
      const k = newInterpolatorKernel('2.6.18');
      const ti = interpolator({
        source: 0n,
        shift: 16n,
        mask: TWO64 - 1n,
        frequency: 1n,
        jitter: 1n,
      });
      value(register_time_interpolator(k, ti), [0n]);
      ti.last_cycle = initial;
      for (const call of calls) {
        const before = ti.last_cycle;
        const interfere = [...call.interfere];
        let stored: bigint | null = null;
        // Each lost cmpxchg costs one more read: a call reads at most 1 + interferences times.
        const reads = [call.read, ...call.interfere.map((v) => mod64(v + call.read))];
        const machine = scriptedReads(reads, {
          beforeCmpxchg: (op: CmpxchgOp) => {
            if (op.field !== 'last_cycle' || interfere.length === 0) return;
            stored = interfere.shift()!;
            ti.last_cycle = stored;
          },
        });
        const outcome = runSequential(get_counter(k, writelock), machine);
        if (!outcome.done) return expect.fail('get_counter faulted');
        const r = outcome.value;
        expect(modelAfter(ti.last_cycle, r)).toBe(false);
        // A last_cycle of 0 means "never read" and disables the comparison (kernel/timer.c).
        if (stored === null && before !== 0n) expect(modelAfter(before, r)).toBe(false);
        if (stored !== null && stored !== 0n) expect(modelAfter(stored, r)).toBe(false);
      }
    },
  );
});
