// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect } from 'vitest';
import type { ClockConfig } from '../../../devices/clock/config.js';
import { CycleCounter, type TscRateClass } from '../../../devices/cycle-counter/cycle-counter.js';
import { type Rational, rational } from '../../../emu/base/rational.js';
import { FS_PER_NS, FS_PER_US } from '../../../emu/base/time.js';
import { fc, test } from '../../property-test.js';
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

/** The change an action makes to a device, applied alike to the fast and the reference counter. */
function mutation(a: Action, now: bigint): ((d: CycleCounter) => void) | undefined {
  switch (a.kind) {
    case 'adjust':
      return (d) => d.writeTscAdjust(a.cpu, a.value, now);
    case 'writeTsc':
      return (d) => d.writeTsc(a.cpu, a.value, now);
    case 'jump':
      return (d) => d.jump(a.cpu, a.byCycles, now);
    case 'oscJump':
      // as scenario events do: straight to the oscillator, behind the counter's back
      return (d) => d.oscillatorOf(a.cpu).jump(a.byCycles, now);
    case 'drift':
      return (d) => d.setDrift(a.cpu, a.ppm, now);
    case 'halt':
      return (d) => d.halt(a.cpu, now);
    case 'resume':
      return (d) => d.resume(a.cpu, now);
    case 'reset':
      return (d) => d.reset(a.cpu, now);
    default:
      return undefined;
  }
}

/** Drives both counters through the actions, tracking which CPUs' counters still count. */
class FastReadRun {
  private readonly counting = Array<boolean>(CPUS).fill(true);
  private readonly saved: { snap: ReturnType<CycleCounter['snapshot']>; counting: boolean[] }[] =
    [];
  private nowFs = 0n;

  constructor(
    private readonly fast: CycleCounter,
    private readonly ref: CycleCounter,
    private readonly rate: TscRateClass,
  ) {}

  step(a: Action): void {
    if (a.kind === 'read') this.read(a);
    else if (a.kind === 'restore') this.restore(a.back);
    else {
      const change = mutation(a, this.nowFs)!;
      change(this.fast);
      change(this.ref);
      if (a.kind === 'halt' && this.rate === 'stops-when-halted') this.counting[a.cpu] = false;
      if (a.kind === 'resume') this.counting[a.cpu] = true;
    }
    expect(this.fast.snapshot()).toEqual(this.ref.snapshot());
  }

  private read(a: Extract<Action, { kind: 'read' }>): void {
    this.nowFs += a.stepFs;
    const osc = this.ref.oscillatorOf(a.cpu);
    osc.retire(this.nowFs - HISTORY_FS);
    const jitter = this.counting[a.cpu] ? osc.jitter() : 0n;
    const expected = BigInt.asUintN(64, this.ref.peekCycles(a.cpu, this.nowFs) + jitter);
    const got = this.fast.readCycles(a.cpu, this.nowFs);
    expect(got.value).toBe(expected);
    expect(got.latencyFs).toBe(this.fast.readCostFs);
  }

  private restore(back: number): void {
    this.saved.push({ snap: this.ref.snapshot(), counting: [...this.counting] });
    const s = this.saved[Math.max(0, this.saved.length - 1 - back)]!;
    for (const d of [this.fast, this.ref]) d.restore(s.snap, this.nowFs);
    this.counting.splice(0, CPUS, ...s.counting);
  }
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
      const run = new FastReadRun(
        counter(clock, hz, rate, offsets),
        counter(clock, hz, rate, offsets),
        rate,
      );
      for (const a of actions) run.step(a);
    },
  );
});
