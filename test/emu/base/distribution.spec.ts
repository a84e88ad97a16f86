// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import {
  choice,
  constant,
  type Distribution,
  type DistSpec,
  exponential,
  fromSpec,
  normal,
  uniform,
} from '../../../emu/base/distribution.js';
import { createRng } from '../../../emu/base/rng.js';
import { fc, test } from '../../property-test.js';

const samples = (d: Distribution, seed: bigint, n: number): bigint[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => d.sample(rng));
};
const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

describe('constant', () => {
  it('always gives its value, which is its mean', () => {
    const d = constant(1_000n);
    expect(samples(d, 1n, 5)).toEqual([1_000n, 1_000n, 1_000n, 1_000n, 1_000n]);
    expect(d.mean).toBe(1_000n);
  });
});

describe('uniform', () => {
  test.prop(
    [fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), fc.bigInt({ min: 0n, max: 1n << 70n })],
    { numRuns: 100 },
  )('stays within [min, max] and has mean (min + max) / 2', (min, width) => {
    const d = uniform(min, min + width);
    for (const x of samples(d, min, 20)) expect(x >= min && x <= min + width).toBe(true);
    expect(d.mean).toBe((min + min + width) / 2n);
  });

  it('includes both ends', () => {
    const seen = new Set(samples(uniform(3n, 6n), 1n, 400));
    expect([...seen].sort()).toEqual([3n, 4n, 5n, 6n]);
  });

  it('is deterministic for a seed', () => {
    const d = uniform(0n, 1n << 40n);
    expect(samples(d, 11n, 10)).toEqual(samples(d, 11n, 10));
    expect(samples(d, 11n, 10)).not.toEqual(samples(d, 12n, 10));
  });

  it('has the exact mean in the limit (sample mean within 5 sd)', () => {
    const n = 20_000;
    const xs = samples(uniform(0n, 999n), 4n, n);
    // variance of U{0..999} = (1000^2 − 1)/12; 5 sd of the sum ≈ 5·288.7·√n
    const dev = sum(xs) - (BigInt(n) * 4995n) / 10n;
    expect(dev * dev < 25n * BigInt(n) * 83_334n).toBe(true);
  });

  it('rejects min > max', () => {
    expect(() => uniform(2n, 1n)).toThrow(/min 2 exceeds max 1/);
  });
});

describe('exponential', () => {
  const mean = 20_000_000_000n; // 20 us in fs
  const n = 20_000;
  const xs = samples(exponential(mean), 99n, n);

  it('is non-negative and deterministic', () => {
    expect(xs.filter((x) => x < 0n)).toEqual([]);
    expect(samples(exponential(mean), 99n, 50)).toEqual(xs.slice(0, 50));
  });

  it('has its mean: sample mean within 5 sd (sd of the mean = mean/√n)', () => {
    const dev = sum(xs) - BigInt(n) * mean;
    expect(dev * dev < 25n * BigInt(n) * mean * mean).toBe(true);
  });

  it('has the exponential shape: P(X > m) ≈ e^-1, P(X > 3m) ≈ e^-3', () => {
    const above = (k: bigint): number => xs.filter((x) => x > k * mean).length / n;
    // binomial sd at n = 20000 is below 0.0035; allow 5 sd
    expect(Math.abs(above(1n) - 0.36788)).toBeLessThan(0.0175);
    expect(Math.abs(above(3n) - 0.04979)).toBeLessThan(0.0077);
    expect(Math.abs(above(0n) - 1)).toBeLessThan(0.001);
  });

  it('has variance mean² (sample variance within 10%)', () => {
    const m = sum(xs) / BigInt(n);
    const variance = sum(xs.map((x) => (x - m) * (x - m))) / BigInt(n);
    const ratio = Number((variance * 1000n) / (mean * mean));
    expect(Math.abs(ratio - 1000)).toBeLessThan(100);
  });

  it('of mean 0 is 0; a negative mean is an error', () => {
    expect(samples(exponential(0n), 1n, 3)).toEqual([0n, 0n, 0n]);
    expect(() => exponential(-1n)).toThrow(RangeError);
  });
});

describe('normal', () => {
  it('has its mean and sd, and stays within ±6 sd', () => {
    const n = 20_000;
    const mean = 1_000_000n;
    const sd = 10_000n;
    const xs = samples(normal(mean, sd), 5n, n);
    expect(xs.filter((x) => x < mean - 6n * sd || x > mean + 6n * sd)).toEqual([]);
    const dev = sum(xs) - BigInt(n) * mean;
    expect(dev * dev < 25n * BigInt(n) * sd * sd).toBe(true);
    const variance = sum(xs.map((x) => (x - mean) * (x - mean))) / BigInt(n);
    expect(Math.abs(Number((variance * 1000n) / (sd * sd)) - 1000)).toBeLessThan(60);
    const within1 = xs.filter((x) => x >= mean - sd && x <= mean + sd).length / n;
    expect(Math.abs(within1 - 0.6827)).toBeLessThan(0.017);
  });

  it('clamps at zero when asked, and only then', () => {
    const clamped = samples(normal(0n, 100n, { clampAtZero: true }), 8n, 2000);
    expect(clamped.every((x) => x >= 0n)).toBe(true);
    expect(clamped.filter((x) => x === 0n).length).toBeGreaterThan(800);
    expect(samples(normal(0n, 100n), 8n, 2000).some((x) => x < 0n)).toBe(true);
  });

  it('of sd 0 is its mean', () => {
    expect(samples(normal(7n, 0n), 1n, 3)).toEqual([7n, 7n, 7n]);
  });

  it('rejects a negative sd', () => {
    expect(() => normal(0n, -1n)).toThrow(RangeError);
  });
});

describe('choice', () => {
  it('draws only its values, each about equally often', () => {
    const xs = samples(choice([1n, 5n, 9n]), 2n, 3000);
    for (const v of [1n, 5n, 9n]) {
      expect(Math.abs(xs.filter((x) => x === v).length - 1000)).toBeLessThan(130);
    }
    expect(xs.every((x) => x === 1n || x === 5n || x === 9n)).toBe(true);
  });
  it('has the average as its mean (toward zero) and needs a value', () => {
    expect(choice([1n, 2n]).mean).toBe(1n);
    expect(choice([-1n, -2n]).mean).toBe(-1n);
    expect(() => choice([])).toThrow(RangeError);
  });
});

describe('fromSpec', () => {
  it('builds each kind', () => {
    const rng = createRng(1n);
    expect(fromSpec({ kind: 'constant', value: 5n }, 'fs').sample(rng)).toBe(5n);
    expect(fromSpec({ kind: 'uniform', min: 2n, max: 2n }, 'count').sample(rng)).toBe(2n);
    expect(fromSpec({ kind: 'exponential', mean: 10n }, 'fs').mean).toBe(10n);
    expect(fromSpec({ kind: 'normal', mean: 10n, sd: 1n }, 'fs').mean).toBe(10n);
    expect(fromSpec({ kind: 'choice', values: [4n] }, 'count').sample(rng)).toBe(4n);
  });

  it('clamps normal durations at 0 but not signed counts', () => {
    const spec: DistSpec = { kind: 'normal', mean: 0n, sd: 1000n };
    expect(samples(fromSpec(spec, 'fs'), 3n, 500).every((x) => x >= 0n)).toBe(true);
    expect(samples(fromSpec(spec, 'count'), 3n, 500).every((x) => x >= 0n)).toBe(true);
    expect(samples(fromSpec(spec, 'count', { signed: true }), 3n, 500).some((x) => x < 0n)).toBe(
      true,
    );
  });

  it.each<DistSpec>([
    { kind: 'constant', value: -1n },
    { kind: 'uniform', min: -1n, max: 3n },
    { kind: 'exponential', mean: -1n },
    { kind: 'normal', mean: -5n, sd: 1n },
    { kind: 'choice', values: [1n, -1n] },
  ])('rejects negative durations and unsigned counts: %o', (spec) => {
    expect(() => fromSpec(spec, 'fs')).toThrow(RangeError);
    expect(() => fromSpec(spec, 'count')).toThrow(RangeError);
  });

  it('accepts negative signed counts', () => {
    expect(fromSpec({ kind: 'constant', value: -3n }, 'count', { signed: true }).mean).toBe(-3n);
    expect(fromSpec({ kind: 'uniform', min: -3n, max: 3n }, 'count', { signed: true }).mean).toBe(
      0n,
    );
  });
});
