// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { AccuracyChecker, type ErrorStats } from '../../../emu/checkers/accuracy.js';
import type { ClockRead } from '../../../emu/checkers/types.js';
import { fc, test } from '../../property-test.js';
import { anyHistoryArb, bruteAccuracy, withOddCpus } from './histories.js';

/** Errors on both sides of 2^26 (where a read leaves the Number path), and far beyond 2^53. */
const errorArb = fc.oneof(
  fc.bigInt({ min: -20n, max: 20n }),
  fc.bigInt({ min: -(1n << 26n) - 3n, max: -(1n << 26n) + 3n }),
  fc.bigInt({ min: (1n << 26n) - 3n, max: (1n << 26n) + 3n }),
  fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }),
);

/** Exact fields exactly; floats to 12 significant digits (the model rounds differently). */
function expectWide(actual: ErrorStats, expected: ErrorStats): void {
  const { meanErrorNs, rmsErrorNs, ...exact } = actual;
  const { meanErrorNs: m, rmsErrorNs: r, ...expectedExact } = expected;
  expect(exact).toEqual(expectedExact);
  expect(Math.abs(meanErrorNs - m)).toBeLessThanOrEqual(Math.abs(m) * 1e-12);
  expect(Math.abs(rmsErrorNs - r)).toBeLessThanOrEqual(r * 1e-12);
}

const read = (cpu: number, valueNs: bigint, trueNs: bigint): ClockRead => ({
  cpu,
  startFs: 0n,
  endFs: 0n,
  clock: 'monotonic',
  valueNs,
  trueNs,
  epoch: 0,
});

/** Floats compared to 9 significant digits; everything else exactly. */
function expectStats(actual: ErrorStats, expected: ErrorStats): void {
  const { meanErrorNs, rmsErrorNs, ...exact } = actual;
  const { meanErrorNs: m, rmsErrorNs: r, ...expectedExact } = expected;
  expect(exact).toEqual(expectedExact);
  expect(meanErrorNs).toBeCloseTo(m, 9);
  expect(rmsErrorNs).toBeCloseTo(r, 9);
}

describe('AccuracyChecker', () => {
  it('summarises errors over all reads and per CPU', () => {
    const c = new AccuracyChecker();
    c.observe(read(0, 110n, 100n)); // +10
    c.observe(read(1, 95n, 100n)); // −5
    c.observe(read(0, 100n, 100n)); // 0
    const v = c.verdict();
    expect(v.reads).toBe(3);
    expect([v.minErrorNs, v.maxErrorNs, v.maxAbsErrorNs]).toEqual([-5n, 10n, 10n]);
    expect([v.sumErrorNs, v.sumSquaresNs2]).toEqual([5n, 125n]);
    expect(v.rmsErrorNs).toBeCloseTo(Math.sqrt(125 / 3), 12);
    expect(v.p50AbsErrorNs).toBe(5n);
    expect(v.p99AbsErrorNs).toBe(10n);
    expect(v.perCpu.map((s) => [s.cpu, s.reads, s.maxAbsErrorNs])).toEqual([
      [0, 2, 10n],
      [1, 1, 5n],
    ]);
  });

  it('reports the largest negative error as the largest |error|', () => {
    const c = new AccuracyChecker();
    c.observe(read(0, 0n, 1_000_000_000_000n));
    c.observe(read(0, 10n, 0n));
    expect(c.verdict().maxAbsErrorNs).toBe(1_000_000_000_000n);
  });

  it('keeps sums exact beyond 2^53', () => {
    const c = new AccuracyChecker();
    const big = 1n << 60n;
    c.observe(read(0, big + 1n, 0n));
    c.observe(read(0, big, 0n));
    const v = c.verdict();
    expect(v.sumErrorNs).toBe(2n * big + 1n);
    expect(v.sumSquaresNs2).toBe((big + 1n) ** 2n + big * big);
    expect(v.meanErrorNs).toBe(2 ** 60);
  });

  it('is all zeros with no reads', () => {
    const v = new AccuracyChecker().verdict();
    expect(v.reads).toBe(0);
    expect([v.maxAbsErrorNs, v.p99AbsErrorNs, v.rmsErrorNs]).toEqual([0n, 0n, 0]);
    expect(v.perCpu).toEqual([]);
  });

  /** The checker's verdict, overall and per CPU, equals the brute-force model's. */
  const expectModel = (reads: Parameters<typeof bruteAccuracy>[0]): void => {
    const c = new AccuracyChecker();
    for (const r of reads) c.observe(r);
    const { perCpu, ...actual } = c.verdict();
    const { perCpu: expectedPerCpu, ...expected } = bruteAccuracy(reads);
    expectStats(actual, expected);
    expect(perCpu.map((s) => s.cpu)).toEqual(expectedPerCpu.map((s) => s.cpu));
    perCpu.forEach((s, i) => {
      expectStats(s, expectedPerCpu[i]!);
    });
  };

  test.prop([anyHistoryArb], { numRuns: 200 })('equals the brute-force model', (reads) => {
    expectModel(reads);
  });

  test.prop([anyHistoryArb], { numRuns: 100 })(
    'equals the brute-force model for any CPU numbers',
    (history) => {
      expectModel(history.map(withOddCpus));
    },
  );

  test.prop(
    [
      fc.array(
        fc.record({
          cpu: fc.integer({ min: 0, max: 2 }),
          errorNs: errorArb,
          trueNs: fc.bigInt({ min: 0n, max: 1n << 62n }),
        }),
        { maxLength: 80 },
      ),
    ],
    { numRuns: 300 },
  )('equals the brute-force model for errors of any size', (xs) => {
    const reads = xs.map(({ cpu, errorNs, trueNs }) => read(cpu, trueNs + errorNs, trueNs));
    const c = new AccuracyChecker();
    for (const r of reads) c.observe(r);
    const { perCpu, ...actual } = c.verdict();
    const { perCpu: expectedPerCpu, ...expected } = bruteAccuracy(reads);
    expectWide(actual, expected);
    expect(perCpu.map((s) => s.cpu)).toEqual(expectedPerCpu.map((s) => s.cpu));
    perCpu.forEach((s, i) => {
      expectWide(s, expectedPerCpu[i]!);
    });
  });

  it('keeps sums exact when many errors just below 2^26 add up beyond 2^53', () => {
    const c = new AccuracyChecker();
    const e = (1n << 26n) - 1n;
    const n = 5000n;
    for (let i = 0n; i < n; i++) {
      c.observe(read(0, e, 0n));
      c.observe(read(1, 0n, e));
    }
    c.observe(read(0, 1n << 40n, 0n));
    const v = c.verdict();
    expect(v.sumErrorNs).toBe(1n << 40n);
    expect(v.sumSquaresNs2).toBe(2n * n * e * e + (1n << 80n));
    expect([v.minErrorNs, v.maxErrorNs]).toEqual([-e, 1n << 40n]);
    expect(v.perCpu[0]!.sumErrorNs).toBe(n * e + (1n << 40n));
    expect(v.perCpu[1]!.sumSquaresNs2).toBe(n * e * e);
  });
});
