// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { RunCheckers } from '../../../emu/checkers/run-checkers.js';
import type { ClockRead } from '../../../emu/checkers/types.js';

const read = (cpu: number, startFs: bigint, endFs: bigint, valueNs: bigint): ClockRead => ({
  cpu,
  startFs,
  endFs,
  clock: 'monotonic',
  valueNs,
  trueNs: valueNs - 2n,
  epoch: 0,
});

describe('RunCheckers', () => {
  it('feeds every checker and gathers their verdicts', () => {
    const c = new RunCheckers();
    c.begin(0, 0n);
    c.begin(1, 1n);
    c.observeRead(read(0, 0n, 5n, 100n));
    c.begin(0, 6n);
    c.observeRead(read(1, 1n, 7n, 100n));
    c.observeRead(read(0, 6n, 9n, 99n));
    c.observeKernel({ kind: 'skip', cpu: 0, atFs: 3n, nsSkipped: 7n });
    const v = c.verdict();
    expect(v.reads).toBe(3);
    expect(v.monotonicity.violations).toBe(1);
    expect(v.monotonicity.maxBackwardStepNs).toBe(1n);
    expect(v.accuracy.maxAbsErrorNs).toBe(2n);
    expect(v.stalls.maxStallFs).toBe(0n);
    expect(v.kernel.nsSkipped).toBe(7n);
  });
});
