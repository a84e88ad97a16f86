// SPDX-License-Identifier: GPL-2.0-only
/** kernel/hrtimer.c: ktime_get_ts (CLOCK_MONOTONIC) and clock_was_set. */
import { describe, expect, it } from 'vitest';
import { clock_was_set } from '../../../../interpolator/kernel/hrtimer/clock-was-set.js';
import { ktime_get_ts } from '../../../../interpolator/kernel/hrtimer/ktime-get-ts.js';
import { newTimekeepingKernel } from '../../../../interpolator/kernel/timer/timekeeping-state.js';
import type { Op } from '../../../../interpolator/ops.js';
import { recorded } from '../timer/interpolator-harness.js';
import { run } from '../timer/timekeeping-harness.js';

describe('ktime_get_ts', () => {
  it('adds wall_to_monotonic to xtime and normalises a negative nsec sum', () => {
    const k = newTimekeepingKernel({ hz: 250, revision: '2.6.18' });
    k.xtime.tv_sec = 5000n;
    k.xtime.tv_nsec = 100n;
    k.wall_to_monotonic.tv_sec = -4990n;
    k.wall_to_monotonic.tv_nsec = -250n;
    // no interpolator: the offset is 0 and no hardware is read
    expect(run(ktime_get_ts(k))).toEqual({ tv_sec: 9n, tv_nsec: 999_999_850n });
  });

  it('reads the sequence around getnstimeofday and wall_to_monotonic (nested read loops)', () => {
    const k = newTimekeepingKernel({ hz: 250, revision: '2.6.18' });
    const log: Op[] = [];
    run(recorded(ktime_get_ts(k), log));
    const loads = log.flatMap((op) => (op.op === 'load' ? [op.field] : []));
    // outer read_seqbegin, getnstimeofday's own loop, wall_to_monotonic, outer read_seqretry
    expect(loads).toEqual([
      'sequence',
      'sequence',
      'tv_sec',
      'tv_nsec',
      'time_interpolator',
      'sequence',
      'tv_sec',
      'tv_nsec',
      'sequence',
    ]);
  });
});

describe('clock_was_set', () => {
  it('counts the notifications', () => {
    const k = newTimekeepingKernel({ hz: 100, revision: '2.6.18' });
    run(clock_was_set(k));
    run(clock_was_set(k));
    expect(k.notify.clock_was_set).toBe(2n);
  });
});
