// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import type { ClockConfig } from '../../../devices/clock/config.js';
import { Oscillator } from '../../../devices/clock/oscillator.js';
import { floor, mul, type Rational, rational } from '../../../emu/base/rational.js';
import { FS_PER_MS, FS_PER_S, FS_PER_US } from '../../../emu/base/time.js';
import { fc, test } from '../../property-test.js';
import { uniform } from '../helpers/distributions.js';
import { fakeRng } from '../helpers/fake-rng.js';

const HPET_HZ = rational(FS_PER_S, 69_841_279n);

const osc = (clock: ClockConfig = {}, nominalHz: Rational = HPET_HZ, seed = 1n) =>
  new Oscillator({ nominalHz, clock, rng: fakeRng(seed) });

/** The reference: floor(t · f_nominal · (1 + ppm/10^6) / 10^15), in exact rationals. */
const referenceCount = (t: bigint, nominalHz: Rational, ppm: Rational): bigint =>
  floor(
    mul(
      mul(rational(t, FS_PER_S), nominalHz),
      rational(ppm.num + 1_000_000n * ppm.den, 1_000_000n * ppm.den),
    ),
  );

const ppmArb = fc.bigInt({ min: -500_000n, max: 500_000n }).map((m) => rational(m, 1000n));

describe('Oscillator', () => {
  it('counts 14318 ticks of a 69 841 279 fs period in the first ms', () => {
    expect(osc().countAt(FS_PER_MS)).toBe(14_318n);
    expect(osc().countAt(69_841_279n - 1n)).toBe(0n);
    expect(osc().countAt(69_841_279n)).toBe(1n);
  });

  it('takes rationals not in lowest terms as their lowest terms', () => {
    const times3 = (r: Rational): Rational => ({ num: 3n * r.num, den: 3n * r.den });
    const temperature = { amplitudePpm: rational(5n, 2n), periodFs: 64n * FS_PER_MS };
    const reduced: ClockConfig = { driftPpm: rational(7n, 10n), temperature };
    const unreduced: ClockConfig = {
      driftPpm: times3(rational(7n, 10n)),
      temperature: { ...temperature, amplitudePpm: times3(temperature.amplitudePpm) },
    };
    const a = osc(unreduced, times3(HPET_HZ));
    const b = osc(reduced, HPET_HZ);
    a.setDrift(times3(rational(-3n, 4n)), 5n * FS_PER_MS);
    b.setDrift(rational(-3n, 4n), 5n * FS_PER_MS);
    expect(a.nominalHz).toEqual(HPET_HZ);
    for (const t of [FS_PER_MS, 3n * FS_PER_MS, 7n * FS_PER_MS])
      expect(a.frequencyAt(t)).toEqual(b.frequencyAt(t));
    expect(a.countAt(FS_PER_S)).toBe(b.countAt(FS_PER_S));
  });

  test.prop([fc.bigInt({ min: 0n, max: 10n ** 20n }), ppmArb])(
    'constant drift matches the exact phase model',
    (t, ppm) => {
      expect(osc({ driftPpm: ppm }).countAt(t)).toBe(referenceCount(t, HPET_HZ, ppm));
    },
  );

  test.prop([
    fc.bigInt({ min: 0n, max: 10n ** 12n }),
    fc.bigInt({ min: 0n, max: 10n ** 6n }),
    ppmArb,
  ])('timeOfCount is the exact inverse of countAt', (from, ahead, ppm) => {
    const o = osc({ driftPpm: ppm, wander: wander1us });
    o.retire(from);
    const target = o.countAt(from) + ahead;
    const found = o.timeOfCount(target, from);
    if (!found.found) return;
    expect(o.countAt(found.atFs)).toBeGreaterThanOrEqual(target);
    if (found.atFs > from) expect(o.countAt(found.atFs - 1n)).toBeLessThan(target);
  });

  it('applies jumps at their instant, either sign', () => {
    const o = osc({
      jumps: [
        { atFs: FS_PER_MS, byCycles: 1000n },
        { atFs: 2n * FS_PER_MS, byCycles: -5000n },
      ],
    });
    expect(o.countAt(FS_PER_MS - 1n)).toBe(14_318n);
    expect(o.countAt(FS_PER_MS)).toBe(14_318n + 1000n);
    expect(o.countAt(2n * FS_PER_MS)).toBe(28_636n + 1000n - 5000n);
  });

  it('setDrift keeps the phase continuous and changes the rate from that instant', () => {
    const o = osc({}, rational(1_000_000n));
    expect(o.countAt(FS_PER_S)).toBe(1_000_000n);
    o.setDrift(rational(100n), FS_PER_S);
    expect(o.countAt(FS_PER_S)).toBe(1_000_000n);
    expect(o.countAt(2n * FS_PER_S)).toBe(2_000_100n);
    o.setDrift(rational(-100n), 2n * FS_PER_S);
    expect(o.countAt(3n * FS_PER_S)).toBe(3_000_000n);
  });

  const wander1us = {
    stepPpm: rational(10n),
    everyFs: FS_PER_US,
    minPpm: rational(-30n),
    maxPpm: rational(30n),
  };

  it('wander stays within its bounds and changes only at its step instants', () => {
    const o = osc({ wander: wander1us }, rational(1_000_000_000n));
    const seen = new Set<string>();
    for (let k = 0n; k < 200n; k++) {
      const f = o.frequencyAt(k * FS_PER_US + 123n);
      expect(o.frequencyAt((k + 1n) * FS_PER_US - 1n)).toEqual(f);
      const ppm = (f.num * 1_000_000n) / f.den - 1_000_000_000_000_000n;
      // f · 10^6 = 10^15 + 10^9 · ppm
      expect(ppm >= -30_000_000_000n && ppm <= 30_000_000_000n).toBe(true);
      seen.add(`${f.num}/${f.den}`);
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  test.prop([fc.bigInt({ min: 1n, max: 1000n })])(
    'same seed, same wander; another seed differs',
    (seed) => {
      const a = osc({ wander: wander1us }, HPET_HZ, seed);
      const b = osc({ wander: wander1us }, HPET_HZ, seed);
      const c = osc({ wander: wander1us }, HPET_HZ, seed + 1n);
      const t = 500n * FS_PER_US;
      expect(a.countAt(t)).toBe(b.countAt(t));
      const walk = (o: Oscillator) =>
        Array.from({ length: 64 }, (_, k) => o.frequencyAt(BigInt(k) * FS_PER_US).num);
      expect(walk(a)).toEqual(walk(b));
      expect(walk(a)).not.toEqual(walk(c));
    },
  );

  it('temperature is periodic and its mean offset over a period is zero', () => {
    const o = osc(
      { temperature: { amplitudePpm: rational(50n), periodFs: 64n * FS_PER_MS } },
      rational(1_000_000n),
    );
    const period = 64n * FS_PER_MS;
    // odd symmetry: the two half periods cancel exactly, so one period counts nominally ±1
    expect(o.countAt(period)).toBeGreaterThanOrEqual(64_000n - 1n);
    expect(o.countAt(period)).toBeLessThanOrEqual(64_000n + 1n);
    expect(o.frequencyAt(FS_PER_MS / 2n)).toEqual(o.frequencyAt(period + FS_PER_MS / 2n));
    expect(o.frequencyAt(16n * FS_PER_MS)).not.toEqual(o.frequencyAt(48n * FS_PER_MS));
  });

  it('retire drops history; earlier queries throw, later ones are unchanged', () => {
    const o = osc({ wander: wander1us });
    const before = o.countAt(900n * FS_PER_US);
    o.retire(500n * FS_PER_US);
    expect(o.earliestFs).toBeGreaterThan(400n * FS_PER_US);
    expect(() => o.countAt(0n)).toThrow(RangeError);
    expect(o.countAt(900n * FS_PER_US)).toBe(before);
  });

  it('queries never change the snapshot; restore gives the same future', () => {
    const clock: ClockConfig = { wander: wander1us, jitter: { cycles: uniform(0n, 3n) } };
    const a = osc(clock);
    a.countAt(10n * FS_PER_US);
    a.jitter();
    a.retire(5n * FS_PER_US);
    const snap = a.snapshot();
    a.countAt(FS_PER_MS);
    a.timeOfCount(10n ** 6n, 0n + a.earliestFs);
    expect(a.snapshot()).toEqual(snap);
    const b = osc(clock);
    b.restore(snap);
    a.setDrift(rational(7n), 20n * FS_PER_US);
    b.setDrift(rational(7n), 20n * FS_PER_US);
    for (let k = 1n; k < 50n; k++)
      expect(b.countAt(k * 37n * FS_PER_US)).toBe(a.countAt(k * 37n * FS_PER_US));
    expect([b.jitter(), b.jitter()]).toEqual([a.jitter(), a.jitter()]);
  });

  it('rejects clocks whose frequency could reach zero', () => {
    expect(() => osc({ driftPpm: rational(-1_000_000n) })).toThrow(RangeError);
    expect(() => osc({ wander: { ...wander1us, minPpm: rational(-2_000_000n) } })).toThrow(
      RangeError,
    );
  });
});
