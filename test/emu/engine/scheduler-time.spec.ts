// SPDX-License-Identifier: GPL-2.0-only
/** The scheduler's one-check fast-path advance and the exact bigint join of split times. */
import { describe, expect, it } from 'vitest';
import { Band, Scheduler } from '../../../emu/engine/scheduler.js';
import { joinTime, SPLIT, splitTime } from '../../../emu/engine/split-time.js';
import { fc, test } from '../../property-test.js';

describe('Scheduler.advanceIfFirst', () => {
  it('advances only when the event would run first, and changes nothing otherwise', () => {
    const s = new Scheduler();
    s.schedule(100n, Band.CPU, () => {});
    expect(s.advanceIfFirst(0, 100, Band.CPU)).toBe(false);
    expect(s.nowFs).toBe(0n);
    expect(s.advanceIfFirst(0, 99, Band.CPU)).toBe(true);
    expect(s.nowFs).toBe(99n);
    expect(s.advanceIfFirst(0, 100, Band.IRQ)).toBe(true);
    expect(s.nowFs).toBe(100n);
    expect(() => s.advanceIfFirst(0, 98, Band.CPU)).toThrow(RangeError);
    expect(s.runUntil(100n)).toBe(1);
  });

  it('inside runUntil(t), refuses a time after t, its end included', () => {
    const s = new Scheduler();
    const seen: boolean[] = [];
    s.schedule(100n, Band.CPU, () => {});
    s.schedule(10n, Band.CPU, () => {
      seen.push(s.advanceIfFirst(0, 51, Band.CPU), s.advanceIfFirst(0, 50, Band.CPU));
    });
    expect(s.runUntil(50n)).toBe(1);
    expect(seen).toEqual([false, true]);
    // outside any runUntil there is no end: only the pending event at 100 limits
    expect(s.advanceIfFirst(0, 99, Band.CPU)).toBe(true);
    expect(s.advanceIfFirst(0, 100, Band.CPU)).toBe(false);
  });
});

describe('joinTime', () => {
  // the Number shortcut below 2^53 fs and the bigint path above must both be exact
  test.prop([fc.bigInt({ min: 0n, max: 2n ** 84n })], { numRuns: 300 })(
    'joinTime(splitTime(t)) = t',
    (t) => {
      const [hi, lo] = splitTime(t);
      expect(joinTime(hi, lo)).toBe(t);
    },
  );

  it('is exact at the edges of the Number shortcut', () => {
    for (const t of [2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 53n + BigInt(SPLIT) - 1n]) {
      const [hi, lo] = splitTime(t);
      expect(joinTime(hi, lo)).toBe(t);
    }
  });
});
