// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { createRng, type Rng, rngFromXoshiroState } from '../../../emu/base/rng.js';
import { fc, test } from '../../property-test.js';

const draws = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.nextU32());

describe('createRng', () => {
  it('is xoshiro128** (known answers from state [1, 2, 3, 4])', () => {
    expect(draws(rngFromXoshiroState([1, 2, 3, 4]), 4)).toEqual([11520, 0, 5927040, 70819200]);
  });

  test.prop([fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })], { numRuns: 50 })(
    'the same seed gives the same stream of uint32',
    (seed) => {
      const a = draws(createRng(seed), 20);
      expect(draws(createRng(seed), 20)).toEqual(a);
      for (const x of a) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
    },
  );

  it('different seeds give different streams', () => {
    const seen = new Set<string>();
    for (let seed = 0n; seed < 200n; seed++) seen.add(draws(createRng(seed), 4).join(','));
    expect(seen.size).toBe(200);
  });

  it('takes the seed modulo 2^64', () => {
    expect(draws(createRng(-1n), 8)).toEqual(draws(createRng((1n << 64n) - 1n), 8));
    expect(draws(createRng(1n << 64n), 8)).toEqual(draws(createRng(0n), 8));
  });
});

describe('fork', () => {
  test.prop([fc.bigInt(), fc.string(), fc.nat({ max: 50 })], { numRuns: 50 })(
    'does not depend on how many draws the parent made',
    (seed, label, n) => {
      const fresh = draws(createRng(seed).fork(label), 8);
      const parent = createRng(seed);
      draws(parent, n);
      expect(draws(parent.fork(label), 8)).toEqual(fresh);
    },
  );

  it('does not disturb the parent stream', () => {
    const a = createRng(7n);
    const b = createRng(7n);
    a.fork('x');
    expect(draws(a, 8)).toEqual(draws(b, 8));
  });

  it('gives different streams for different labels, paths and the parent', () => {
    const root = createRng(1n);
    const streams = [
      draws(root, 4),
      draws(createRng(1n).fork('hpet0'), 4),
      draws(createRng(1n).fork('hpet1'), 4),
      draws(createRng(1n).fork(''), 4),
      draws(createRng(1n).fork('a').fork('b'), 4),
      draws(createRng(1n).fork('b').fork('a'), 4),
      draws(createRng(2n).fork('hpet0'), 4),
      draws(createRng(1n).fork('é'), 4),
      draws(createRng(1n).fork('e'), 4),
    ].map((d) => d.join(','));
    expect(new Set(streams).size).toBe(streams.length);
  });
});

describe('below', () => {
  test.prop([fc.bigInt(), fc.integer({ min: 1, max: 2 ** 32 })], { numRuns: 100 })(
    'stays in [0, n)',
    (seed, n) => {
      const rng = createRng(seed);
      for (let i = 0; i < 20; i++) {
        const x = rng.below(n);
        expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
      }
    },
  );

  it('is unbiased where plain modulo would not be', () => {
    // n = 3·2^30: x mod n would put [0, 2^30) twice as often as the rest (1/2 instead of 1/3).
    const rng = createRng(42n);
    const n = 3 * 2 ** 30;
    const draws = 30_000;
    let low = 0;
    for (let i = 0; i < draws; i++) if (rng.below(n) < 2 ** 30) low++;
    // sd of the count is sqrt(30000·(1/3)·(2/3)) ≈ 82; allow 5 sd.
    expect(Math.abs(low - draws / 3)).toBeLessThan(410);
  });

  it('hits every residue of a small n about equally often', () => {
    const rng = createRng(3n);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.below(6)]!++;
    // each count: mean 10000, sd ≈ 91
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(460);
  });

  it('rejects n outside [1, 2^32] or not an integer', () => {
    const rng = createRng(0n);
    expect(() => rng.below(0)).toThrow(RangeError);
    expect(() => rng.below(1.5)).toThrow(RangeError);
    expect(() => rng.below(2 ** 32 + 1)).toThrow(RangeError);
    expect(rng.below(1)).toBe(0);
  });
});

describe('belowBig', () => {
  test.prop([fc.bigInt(), fc.bigInt({ min: 1n, max: 1n << 130n })], { numRuns: 100 })(
    'stays in [0, n)',
    (seed, n) => {
      const rng = createRng(seed);
      for (let i = 0; i < 10; i++) {
        const x = rng.belowBig(n);
        expect(x >= 0n && x < n).toBe(true);
      }
    },
  );

  it('is unbiased for a large n', () => {
    const rng = createRng(9n);
    const n = 3n << 62n;
    let low = 0;
    for (let i = 0; i < 30_000; i++) if (rng.belowBig(n) < 1n << 62n) low++;
    expect(Math.abs(low - 10_000)).toBeLessThan(410);
  });

  it('reaches the top of the range', () => {
    const rng = createRng(5n);
    const n = (1n << 40n) + 1n;
    let max = 0n;
    for (let i = 0; i < 2000; i++) {
      const x = rng.belowBig(n);
      if (x > max) max = x;
    }
    expect(max).toBeGreaterThan((n * 99n) / 100n);
  });

  it('rejects n < 1', () => {
    expect(() => createRng(0n).belowBig(0n)).toThrow(RangeError);
  });
});
