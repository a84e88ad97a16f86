// SPDX-License-Identifier: GPL-2.0-only
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { ClockConfig } from '../../../devices/clock/config.js';
import { CycleCounter, type TscRateClass } from '../../../devices/cycle-counter/cycle-counter.js';
import { type Rational, rational } from '../../../emu/base/rational.js';
import { FS_PER_NS, FS_PER_US } from '../../../emu/base/time.js';
import { uniform } from '../helpers/distributions.js';
import { fakeRng } from '../helpers/fake-rng.js';
import { SteppedHost } from '../helpers/stepped-host.js';

/**
 * `readCycles` caches a fused formula per CPU; the reference here is the general path it replaces:
 * retire, draw the jitter while counting, then the pure `peekCycles` value plus the jitter, mod 2^64.
 */

const CPUS = 2;
const HISTORY_FS = 2n * FS_PER_US;

const ppm = fc.integer({ min: -200_000, max: 200_000 }).map((m) => rational(BigInt(m), 1000n));

const clockArb: fc.Arbitrary<ClockConfig> = fc.record(
  {
    driftPpm: ppm,
    wander: fc.record({
      stepPpm: fc.integer({ min: 0, max: 50 }).map((n) => rational(BigInt(n))),
      everyFs: fc.bigInt({ min: FS_PER_NS, max: 3n * FS_PER_US }),
      minPpm: fc.constant(rational(-100n)),
      maxPpm: fc.constant(rational(100n)),
    }),
    temperature: fc.record({
      amplitudePpm: fc.integer({ min: -80, max: 80 }).map((n) => rational(BigInt(n))),
      periodFs: fc.bigInt({ min: 64n * FS_PER_NS, max: 50n * FS_PER_US }),
    }),
    jumps: fc.array(
      fc.record({
        atFs: fc.bigInt({ min: 0n, max: 40n * FS_PER_US }),
        byCycles: fc.bigInt({ min: -5_000n, max: 5_000n }),
      }),
      { maxLength: 3 },
    ),
    jitter: fc.constant({ cycles: uniform(0n, 7n) }),
  },
  { requiredKeys: [] },
);

const hzArb: fc.Arbitrary<Rational> = fc.oneof(
  fc.constant(rational(1_500_000_000n)),
  fc.constant(rational(1_000_000_000_000_000n, 69_841_279n)),
  fc.bigInt({ min: 1_000_000n, max: 4_000_000_000n }).map((n) => rational(n, 7n)),
);

type Action =
  | { readonly kind: 'read'; readonly cpu: number; readonly stepFs: bigint }
  | { readonly kind: 'adjust'; readonly cpu: number; readonly value: bigint }
  | { readonly kind: 'writeTsc'; readonly cpu: number; readonly value: bigint }
  | { readonly kind: 'jump'; readonly cpu: number; readonly byCycles: bigint }
  | { readonly kind: 'oscJump'; readonly cpu: number; readonly byCycles: bigint }
  | { readonly kind: 'drift'; readonly cpu: number; readonly ppm: Rational }
  | { readonly kind: 'halt' | 'resume' | 'reset'; readonly cpu: number }
  | { readonly kind: 'restore'; readonly back: number };

const cpuArb = fc.integer({ min: 0, max: CPUS - 1 });
const stepArb = fc.oneof(
  fc.constant(0n),
  fc.bigInt({ min: 1n, max: 2_000n }),
  fc.bigInt({ min: 1n, max: 5n * FS_PER_US }),
);
const cyclesArb = fc.bigInt({ min: -(1n << 64n), max: 1n << 64n });

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({ kind: fc.constant('read' as const), cpu: cpuArb, stepFs: stepArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('adjust' as const), cpu: cpuArb, value: cyclesArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('writeTsc' as const), cpu: cpuArb, value: cyclesArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('jump' as const),
      cpu: cpuArb,
      byCycles: fc.bigInt({ min: -100_000n, max: 100_000n }),
    }),
  },
  {
    // the one change the counter does not see: only the oscillator's epoch drops the formula
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('oscJump' as const),
      cpu: cpuArb,
      byCycles: fc.bigInt({ min: -100_000n, max: 100_000n }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drift' as const), cpu: cpuArb, ppm }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('halt' as const, 'resume' as const, 'reset' as const),
      cpu: cpuArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), back: fc.nat(5) }) },
);

function counter(clock: ClockConfig, hz: Rational, rateClass: TscRateClass, offsets: bigint[]) {
  return new CycleCounter({
    name: 'itc',
    cpus: CPUS,
    frequencyHz: hz,
    offsetsCycles: offsets,
    clock,
    rateClass,
    readCostCycles: 24n,
    cpuFrequencyHz: rational(1_500_000_000n),
    historyFs: HISTORY_FS,
    rng: fakeRng(9n),
    host: new SteppedHost(),
  });
}

describe('CycleCounter.readCycles fast path', () => {
  test.prop(
    [
      clockArb,
      hzArb,
      fc.constantFrom<TscRateClass>('invariant', 'stops-when-halted'),
      fc.array(fc.bigInt({ min: -(1n << 40n), max: 1n << 40n }), {
        minLength: CPUS,
        maxLength: CPUS,
      }),
      fc.array(actionArb, { minLength: 1, maxLength: 80 }),
    ],
    { numRuns: 50 },
  )(
    'equals the general path on random clocks, states and times',
    (clock, hz, rate, offsets, actions) => {
      const fast = counter(clock, hz, rate, offsets);
      const ref = counter(clock, hz, rate, offsets);
      const counting = Array<boolean>(CPUS).fill(true);
      const saved: { snap: ReturnType<CycleCounter['snapshot']>; counting: boolean[] }[] = [];
      let now = 0n;
      for (const a of actions) {
        switch (a.kind) {
          case 'read': {
            now += a.stepFs;
            const osc = ref.oscillatorOf(a.cpu);
            osc.retire(now - HISTORY_FS);
            const jitter = counting[a.cpu] ? osc.jitter() : 0n;
            const expected = BigInt.asUintN(64, ref.peekCycles(a.cpu, now) + jitter);
            const got = fast.readCycles(a.cpu, now);
            expect(got.value).toBe(expected);
            expect(got.latencyFs).toBe(fast.readCostFs);
            break;
          }
          case 'adjust':
            for (const d of [fast, ref]) d.writeTscAdjust(a.cpu, a.value, now);
            break;
          case 'writeTsc':
            for (const d of [fast, ref]) d.writeTsc(a.cpu, a.value, now);
            break;
          case 'jump':
            for (const d of [fast, ref]) d.jump(a.cpu, a.byCycles, now);
            break;
          case 'oscJump':
            // as scenario events do: straight to the oscillator, behind the counter's back
            for (const d of [fast, ref]) d.oscillatorOf(a.cpu).jump(a.byCycles, now);
            break;
          case 'drift':
            for (const d of [fast, ref]) d.setDrift(a.cpu, a.ppm, now);
            break;
          case 'halt':
            for (const d of [fast, ref]) d.halt(a.cpu, now);
            if (rate === 'stops-when-halted') counting[a.cpu] = false;
            break;
          case 'resume':
            for (const d of [fast, ref]) d.resume(a.cpu, now);
            counting[a.cpu] = true;
            break;
          case 'reset':
            for (const d of [fast, ref]) d.reset(a.cpu, now);
            break;
          case 'restore': {
            saved.push({ snap: ref.snapshot(), counting: [...counting] });
            const s = saved[Math.max(0, saved.length - 1 - a.back)]!;
            for (const d of [fast, ref]) d.restore(s.snap, now);
            counting.splice(0, CPUS, ...s.counting);
            break;
          }
        }
        expect(fast.snapshot()).toEqual(ref.snapshot());
      }
    },
  );
});
