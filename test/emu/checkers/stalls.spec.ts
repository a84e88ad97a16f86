// SPDX-License-Identifier: GPL-2.0-only
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { StallChecker } from '../../../emu/checkers/stalls.js';
import type { ClockRead } from '../../../emu/checkers/types.js';
import { anyHistoryArb, bruteStalls, withOddCpus } from './histories.js';

const read = (
  cpu: number,
  startFs: bigint,
  valueNs: bigint,
  more: Partial<ClockRead> = {},
): ClockRead => ({
  cpu,
  startFs,
  endFs: startFs + 1n,
  clock: 'monotonic',
  valueNs,
  trueNs: 0n,
  epoch: 0,
  ...more,
});

const check = (reads: readonly ClockRead[]) => {
  const c = new StallChecker();
  for (const r of reads) c.observe(r);
  return c.verdict();
};

describe('StallChecker', () => {
  it('measures the longest run of equal values from first to last start', () => {
    const v = check([
      read(0, 0n, 5n),
      read(0, 10n, 7n),
      read(1, 12n, 9n),
      read(0, 20n, 7n),
      read(0, 35n, 7n),
      read(0, 40n, 8n),
    ]);
    expect(v.maxStallFs).toBe(25n);
    expect(v.longest).toEqual({
      cpu: 0,
      clock: 'monotonic',
      valueNs: 7n,
      fromFs: 10n,
      toFs: 35n,
      reads: 3,
    });
    expect(v.perCpu).toEqual([
      { cpu: 0, maxStallFs: 25n },
      { cpu: 1, maxStallFs: 0n },
    ]);
  });

  it('keeps runs per CPU and clock apart, and breaks REALTIME runs at a new epoch', () => {
    expect(check([read(0, 0n, 1n), read(1, 50n, 1n)]).maxStallFs).toBe(0n);
    expect(check([read(0, 0n, 1n), read(0, 5n, 1n, { clock: 'realtime' })]).maxStallFs).toBe(0n);
    const rt = { clock: 'realtime' as const };
    expect(check([read(0, 0n, 1n, rt), read(0, 9n, 1n, { ...rt, epoch: 1 })]).maxStallFs).toBe(0n);
    expect(check([read(0, 0n, 1n, rt), read(0, 9n, 1n, rt)]).maxStallFs).toBe(9n);
  });

  it('does not count same-instant reads as a stall', () => {
    const v = check([read(0, 3n, 1n), read(0, 3n, 1n)]);
    expect(v.maxStallFs).toBe(0n);
    expect(v.longest).toBeNull();
  });

  test.prop([anyHistoryArb], { numRuns: 300 })('equals the brute-force model', (reads) => {
    expect(check(reads)).toEqual(bruteStalls(reads));
  });

  test.prop([anyHistoryArb], { numRuns: 100 })(
    'equals the brute-force model for any CPU numbers',
    (history) => {
      const reads = history.map(withOddCpus);
      expect(check(reads)).toEqual(bruteStalls(reads));
    },
  );
});
