// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { type KernelCode, load } from '../../../interpolator/ops.js';
import { fc, test } from '../../property-test.js';
import { machine } from './executor-fixture.js';
import { GRID, program, runProgram, thread } from './executor-programs.js';

/**
 * Slice ends: ascending times over the programs' span, some on the grid their starts and raises
 * use (an end equal to an operation's start: that operation belongs to the slice).
 */
const slices = fc
  .uniqueArray(
    fc.oneof(
      fc.bigInt({ min: 1n, max: 10n ** 9n }),
      fc.nat(300).map((k) => BigInt(k) * GRID),
    ),
    { maxLength: 6 },
  )
  .map((ts) => [...ts].sort((a, b) => (a < b ? -1 : 1)));

describe('runUntil(t) runs no operation that starts after t', () => {
  test.prop([program, slices, fc.boolean()], { numRuns: 150 })(
    'a run cut into slices is the same run, and no slice starts an operation past its end',
    (p, ends, strict) => {
      const whole = runProgram(p, { strict, thread }) as { beyond: number };
      const sliced = runProgram(p, { strict, thread, slices: ends });
      expect(whole.beyond).toBe(0);
      expect(sliced).toEqual(whole);
    },
  );

  it('stops a CPU that spins alone, with nothing else pending, at the end of each slice', () => {
    const m = machine({ cpus: 1 });
    const rec = { v: 0n };
    m.executor.start(
      0,
      (function* (): KernelCode<void> {
        for (;;) yield load(rec, 'v');
      })(),
      0n,
    );
    for (const endFs of [10n ** 6n, 5n * 10n ** 6n, 10n ** 9n]) {
      m.scheduler.runUntil(endFs);
      expect(m.scheduler.nowFs).toBe(endFs);
      const last = m.log[m.log.length - 1]!;
      expect(last.startFs <= endFs).toBe(true);
      // the next load is the CPU's pending event, just past the end
      expect(last.endFs > endFs).toBe(true);
      expect(m.scheduler.nextTimeFs()).toBe(last.endFs);
    }
  });
});
