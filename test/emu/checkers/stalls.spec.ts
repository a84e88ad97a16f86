// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { StallChecker } from '../../../emu/checkers/stalls.js';
import type { ClockRead } from '../../../emu/checkers/types.js';
import { test } from '../../property-test.js';
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

describe('StallChecker listener', () => {
  const listen = (reads: readonly ClockRead[]) => {
    const events: string[] = [];
    const c = new StallChecker({
      observed: (r, on) => events.push(`${r.cpu}@${r.startFs} ${on ? 'stalling' : '-'}`),
      ended: (s, r) =>
        events.push(
          `ended ${s.cpu} ${s.valueNs} ${s.fromFs}..${s.toFs} x${s.reads} by ${r?.startFs ?? 'end'}`,
        ),
    });
    for (const r of reads) c.observe(r);
    c.close();
    return events;
  };

  it('tells each read whether it continues a stall, and each stall as it ends', () => {
    expect(
      listen([
        read(0, 0n, 5n),
        read(0, 10n, 5n),
        read(0, 20n, 5n),
        read(0, 30n, 6n),
        read(1, 31n, 6n),
        read(1, 31n, 6n),
      ]),
    ).toEqual([
      '0@0 -',
      '0@10 stalling',
      '0@20 stalling',
      'ended 0 5 0..20 x3 by 30',
      '0@30 -',
      '1@31 -',
      // two reads started at one instant: no stall, and none ends
      '1@31 -',
    ]);
  });

  it('close ends the stalls still open, in CPU order', () => {
    expect(
      listen([read(1, 0n, 4n), read(1, 5n, 4n), read(0, 1n, 3n), read(0, 2n, 3n)]).filter((e) =>
        e.startsWith('ended'),
      ),
    ).toEqual(['ended 0 3 1..2 x2 by end', 'ended 1 4 0..5 x2 by end']);
  });

  test.prop([anyHistoryArb], { numRuns: 200 })('the longest stall told equals the verdict', (h) => {
    let longest = 0n;
    const c = new StallChecker({
      observed: () => {},
      ended: (s) => {
        if (s.toFs - s.fromFs > longest) longest = s.toFs - s.fromFs;
      },
    });
    // one CPU's reads follow each other: their starts never go back (the arbitrary's may)
    const inOrder = [...h].sort((a, b) =>
      a.startFs < b.startFs ? -1 : a.startFs > b.startFs ? 1 : 0,
    );
    for (const r of inOrder) c.observe(r);
    c.close();
    expect(longest).toBe(c.verdict().maxStallFs);
  });
});
