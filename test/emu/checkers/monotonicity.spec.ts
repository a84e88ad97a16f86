// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { minFs } from '../../../emu/base/time.js';
import { MonotonicityChecker } from '../../../emu/checkers/monotonicity.js';
import type { ClockRead } from '../../../emu/checkers/types.js';
import { test } from '../../property-test.js';
import {
  anyHistoryArb,
  bruteMonotonicity,
  sequentialHistoryArb,
  withOddCpus,
} from './histories.js';

const read = (
  cpu: number,
  startFs: bigint,
  endFs: bigint,
  valueNs: bigint,
  more: Partial<ClockRead> = {},
): ClockRead => ({
  cpu,
  startFs,
  endFs,
  valueNs,
  trueNs: 0n,
  clock: 'monotonic',
  epoch: 0,
  ...more,
});

const check = (reads: readonly ClockRead[]) => {
  const c = new MonotonicityChecker();
  for (const r of reads) c.observe(r);
  return c.verdict();
};

describe('MonotonicityChecker', () => {
  it('finds a backward step across CPUs and reports both reads', () => {
    const v = check([read(0, 0n, 10n, 100n), read(1, 11n, 20n, 90n)]);
    expect(v).toEqual({
      monotonic: false,
      reads: 2,
      violations: 1,
      maxBackwardStepNs: 10n,
      firstCounterexample: {
        clock: 'monotonic',
        earlier: { cpu: 0, startFs: 0n, endFs: 10n, valueNs: 100n },
        later: { cpu: 1, startFs: 11n, endFs: 20n, valueNs: 90n },
      },
    });
  });

  it('does not order overlapping or touching reads', () => {
    expect(check([read(0, 0n, 10n, 100n), read(1, 5n, 12n, 90n)]).monotonic).toBe(true);
    expect(check([read(0, 0n, 10n, 100n), read(1, 10n, 12n, 90n)]).monotonic).toBe(true);
    expect(check([read(0, 10n, 10n, 100n), read(1, 10n, 10n, 90n)]).monotonic).toBe(true);
  });

  it('compares against the maximum of all earlier reads, not the last one', () => {
    // cpu0's read ends before cpu2 starts; cpu1's later, smaller read does not hide it
    const v = check([read(0, 0n, 5n, 50n), read(1, 0n, 6n, 40n), read(2, 8n, 9n, 45n)]);
    expect(v.violations).toBe(1);
    expect(v.maxBackwardStepNs).toBe(5n);
    expect(v.firstCounterexample?.earlier.cpu).toBe(0);
  });

  it('finds a read that started before earlier reads ended', () => {
    // cpu1 starts at 3 (before cpu0's second read ends at 9) but after cpu0's first ended at 2
    const v = check([read(0, 0n, 2n, 10n), read(0, 4n, 9n, 20n), read(1, 3n, 12n, 5n)]);
    expect(v.violations).toBe(1);
    expect(v.maxBackwardStepNs).toBe(5n);
  });

  it('compares REALTIME only within an epoch and never across clocks', () => {
    const rt = { clock: 'realtime' as const };
    expect(
      check([read(0, 0n, 1n, 100n, { ...rt, epoch: 0 }), read(0, 2n, 3n, 5n, { ...rt, epoch: 1 })])
        .monotonic,
    ).toBe(true);
    expect(
      check([read(0, 0n, 1n, 100n, { ...rt, epoch: 1 }), read(0, 2n, 3n, 5n, { ...rt, epoch: 1 })])
        .monotonic,
    ).toBe(false);
    expect(
      check([read(0, 0n, 1n, 100n, rt), read(0, 2n, 3n, 5n, { clock: 'monotonic', epoch: 7 })])
        .monotonic,
    ).toBe(true);
    expect(
      check([read(0, 0n, 1n, 100n, { epoch: 0 }), read(0, 2n, 3n, 5n, { epoch: 3 })]).monotonic,
    ).toBe(false);
  });

  test.prop([anyHistoryArb], { numRuns: 300 })(
    'equals the brute-force model on any history (with retireBefore pruning)',
    (reads) => {
      const c = new MonotonicityChecker();
      reads.forEach((r, i) => {
        const bound = reads.slice(i).reduce((m, x) => minFs(m, x.startFs), r.startFs);
        c.retireBefore(bound);
        c.observe(r);
      });
      expect(c.verdict()).toEqual(bruteMonotonicity(reads));
    },
  );

  test.prop([sequentialHistoryArb], { numRuns: 300 })(
    'equals the brute-force model on per-CPU sequential histories announced with begin',
    (steps) => {
      const c = new MonotonicityChecker();
      const observed: ClockRead[] = [];
      for (const s of steps) {
        if (s.kind === 'begin') c.begin(s.read.cpu, s.read.startFs);
        else {
          c.observe(s.read);
          observed.push(s.read);
        }
      }
      expect(c.verdict()).toEqual(bruteMonotonicity(observed));
    },
  );

  test.prop([sequentialHistoryArb], { numRuns: 100 })(
    'equals the brute-force model on sequential histories for any CPU numbers',
    (steps) => {
      const c = new MonotonicityChecker();
      const observed: ClockRead[] = [];
      for (const s of steps) {
        const r = withOddCpus(s.read);
        if (s.kind === 'begin') c.begin(r.cpu, r.startFs);
        else {
          c.observe(r);
          observed.push(r);
        }
      }
      expect(c.verdict()).toEqual(bruteMonotonicity(observed));
    },
  );

  it('keeps memory bounded by the reads in flight when reads are announced', () => {
    const c = new MonotonicityChecker();
    const cpus = 8;
    // cpu k reads [t + k, t + k + 20] then its next read starts 1 fs later: heavy overlap
    let maxRetained = 0;
    for (let t = 0n; t < 20_000n; t += 8n) {
      for (let k = 0; k < cpus; k++) {
        const startFs = t + BigInt(k);
        if (t > 0n) c.observe(read(k, startFs - 8n, startFs - 1n, startFs - 1n));
        c.begin(k, startFs);
      }
      maxRetained = Math.max(maxRetained, c.retainedEntries);
    }
    expect(c.verdict().violations).toBe(0);
    expect(c.verdict().reads).toBeGreaterThan(19_000);
    expect(maxRetained).toBeLessThanOrEqual(2 * cpus);
  });

  it('prunes past a read that was abandoned', () => {
    const c = new MonotonicityChecker();
    c.begin(9, 0n); // dies in a fault
    for (let t = 1n; t < 2_000n; t += 2n) {
      c.begin(0, t);
      c.observe(read(0, t, t + 1n, t));
    }
    expect(c.retainedEntries).toBeGreaterThan(900);
    c.abandon(9);
    expect(c.retainedEntries).toBeLessThanOrEqual(2);
    expect(() => c.observe(read(9, 0n, 3_000n, 0n))).toThrow(/retired bound/);
  });

  it('rejects misuse', () => {
    const c = new MonotonicityChecker();
    c.observe(read(0, 0n, 10n, 1n));
    expect(() => c.observe(read(0, 0n, 9n, 1n))).toThrow(/completion order/);
    expect(() => c.observe(read(0, 12n, 11n, 1n))).toThrow(/before it starts/);
    expect(() => c.begin(0, 12n)).toThrow(/without begin/);
    c.retireBefore(10n);
    expect(() => c.observe(read(1, 9n, 20n, 1n))).toThrow(/retired bound/);

    const t = new MonotonicityChecker();
    t.begin(0, 5n);
    expect(() => t.begin(0, 6n)).toThrow(/in flight/);
    expect(() => t.begin(1, 4n)).toThrow(/out of order/);
    expect(() => t.observe(read(1, 5n, 7n, 1n))).toThrow(/not begun/);
  });
});
