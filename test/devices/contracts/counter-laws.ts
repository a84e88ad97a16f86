// SPDX-License-Identifier: GPL-2.0-only
/**
 * Laws every counting device and clock model obeys (docs/devices.md, "How the devices are tested"),
 * written once in the style of fast-check's `ArbitraryAssertions` and run against every subject.
 */
import { expect } from 'vitest';
import { ceil, floor, mul, type Rational, rational } from '../../../emu/base/rational.js';
import { FS_PER_MS, FS_PER_S, type TimeFs } from '../../../emu/base/time.js';
import { fc } from '../../property-test.js';

/** One device instance, seen as a counter. */
export interface CounterSubject {
  /** a real read at t (may draw randomness, latch, …) */
  read(t: TimeFs): { value: bigint; latencyFs: TimeFs };
  /** inspection at t */
  peek(t: TimeFs): bigint;
  /** every piece of state, for deep equality */
  snapshot(t: TimeFs): unknown;
  restore(snapshot: unknown, t: TimeFs): void;
  /** let time reach t (for devices that schedule events) */
  advance?(t: TimeFs): void;
}

export interface CounterCase {
  readonly name: string;
  readonly bits: number;
  make(seed: bigint): CounterSubject;
  /** the exact count at t predicted by the phase model, when the knobs are deterministic */
  readonly exactCountAt?: (t: TimeFs) => bigint;
  /** otherwise the frequency bounds the knobs allow */
  readonly rateBoundsHz?: { readonly min: Rational; readonly max: Rational };
  /** peeks may step back (a configured backward jump) */
  readonly peekMayStepBack?: boolean;
  /** reads may step back (jitter or a glitch policy) */
  readonly readMayStepBack?: boolean;
  /** the latest time the laws use (default 2 s) */
  readonly horizonFs?: TimeFs;
  /** instants worth sampling closely (jumps, wraps); times cluster around them */
  readonly interestingFs?: readonly TimeFs[];
}

const RUNS = { numRuns: 25 };

const NEAR_FS = 100n * 1_000_000n;

function timeArb(horizon: TimeFs, interesting: readonly TimeFs[] = []): fc.Arbitrary<TimeFs> {
  const uniform = fc.bigInt({ min: 0n, max: horizon });
  if (interesting.length === 0) return uniform;
  const near = fc
    .tuple(fc.constantFrom(...interesting), fc.bigInt({ min: -NEAR_FS, max: NEAR_FS }))
    .map(([t, d]) => (t + d < 0n ? 0n : t + d > horizon ? horizon : t + d));
  return fc.oneof(uniform, near);
}

const sortedTimes = (horizon: TimeFs, min = 1, max = 12, interesting?: readonly TimeFs[]) =>
  fc
    .array(timeArb(horizon, interesting), { minLength: min, maxLength: max })
    .map((ts) => [...ts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

const seedArb = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n });

function readAll(s: CounterSubject, times: readonly TimeFs[]) {
  return times.map((t) => {
    s.advance?.(t);
    return s.read(t);
  });
}

/** Modular forward distance, as a consumer computes `(now − last) & mask`. */
const forward = (a: bigint, b: bigint, bits: number): bigint => BigInt.asUintN(bits, b - a);
const isBackward = (a: bigint, b: bigint, bits: number): boolean =>
  forward(a, b, bits) >= 1n << BigInt(bits - 1);

export function assertSameSeedSameValues(c: CounterCase): void {
  const horizon = c.horizonFs ?? 2n * FS_PER_S;
  fc.assert(
    fc.property(seedArb, sortedTimes(horizon, 1, 12, c.interestingFs), (seed, times) => {
      expect(readAll(c.make(seed), times)).toEqual(readAll(c.make(seed), times));
    }),
    RUNS,
  );
}

export function assertPeekChangesNothing(c: CounterCase): void {
  const horizon = c.horizonFs ?? 2n * FS_PER_S;
  fc.assert(
    fc.property(
      seedArb,
      sortedTimes(horizon),
      fc.bigInt({ min: 0n, max: FS_PER_MS }),
      (seed, times, ahead) => {
        const s = c.make(seed);
        readAll(s, times);
        const now = times.at(-1)!;
        const before = s.snapshot(now);
        const first = s.peek(now + ahead);
        expect(s.peek(now + ahead)).toBe(first);
        expect(s.snapshot(now)).toEqual(before);
      },
    ),
    RUNS,
  );
}

export function assertNeverBackwards(c: CounterCase): void {
  const horizon = c.horizonFs ?? 2n * FS_PER_S;
  fc.assert(
    fc.property(seedArb, sortedTimes(horizon, 2, 20, c.interestingFs), (seed, times) => {
      const peeks = c.make(seed);
      const values = times.map((t) => peeks.peek(t));
      const reads = readAll(c.make(seed), times).map((r) => r.value);
      for (let i = 1; i < times.length; i++) {
        // within half a wrap of each other, so a masked difference is unambiguous
        if (!c.peekMayStepBack) expect(isBackward(values[i - 1]!, values[i]!, c.bits)).toBe(false);
        if (!c.readMayStepBack && !c.peekMayStepBack) {
          expect(isBackward(reads[i - 1]!, reads[i]!, c.bits)).toBe(false);
        }
      }
    }),
    RUNS,
  );
}

/** Over any interval of at least 1 ms the count is what the phase model predicts. */
export function assertRate(c: CounterCase): void {
  const horizon = c.horizonFs ?? 2n * FS_PER_S;
  fc.assert(
    fc.property(
      seedArb,
      fc.bigInt({ min: 0n, max: horizon - FS_PER_MS }),
      fc.bigInt({ min: FS_PER_MS, max: horizon }),
      (seed, t0, length) => {
        const t1 = t0 + length > horizon ? horizon : t0 + length;
        if (t1 - t0 < FS_PER_MS) return;
        const s = c.make(seed);
        const ticks = forward(s.peek(t0), s.peek(t1), c.bits);
        if (c.exactCountAt) {
          expect(ticks).toBe(BigInt.asUintN(c.bits, c.exactCountAt(t1) - c.exactCountAt(t0)));
        } else if (c.rateBoundsHz) {
          const seconds = rational(t1 - t0, FS_PER_S);
          expect(ticks).toBeGreaterThanOrEqual(floor(mul(seconds, c.rateBoundsHz.min)) - 1n);
          expect(ticks).toBeLessThanOrEqual(ceil(mul(seconds, c.rateBoundsHz.max)) + 1n);
        } else {
          throw new Error(`${c.name}: give exactCountAt or rateBoundsHz`);
        }
      },
    ),
    RUNS,
  );
}

export function assertSnapshotRestoreSameFuture(c: CounterCase): void {
  const horizon = c.horizonFs ?? 2n * FS_PER_S;
  fc.assert(
    fc.property(
      seedArb,
      sortedTimes(horizon / 2n),
      sortedTimes(horizon / 2n),
      (seed, past, future) => {
        const a = c.make(seed);
        readAll(a, past);
        const now = past.at(-1)!;
        const snap = a.snapshot(now);
        const b = c.make(seed);
        b.advance?.(now);
        b.restore(structuredClone(snap), now);
        const later = future.map((t) => now + t);
        expect(readAll(b, later)).toEqual(readAll(a, later));
      },
    ),
    RUNS,
  );
}

export function assertCounterLaws(c: CounterCase): void {
  assertSameSeedSameValues(c);
  assertPeekChangesNothing(c);
  assertNeverBackwards(c);
  assertRate(c);
  assertSnapshotRestoreSameFuture(c);
}

/** floor(t · f · (1 + ppm/10^6)): the count of a constant-drift oscillator started at 0. */
export const phaseModelCount =
  (nominalHz: Rational, ppm: Rational = rational(0n)) =>
  (t: TimeFs): bigint =>
    floor(
      mul(
        mul(rational(t, FS_PER_S), nominalHz),
        rational(ppm.num + 1_000_000n * ppm.den, 1_000_000n * ppm.den),
      ),
    );
