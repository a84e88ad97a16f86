// SPDX-License-Identifier: GPL-2.0-only
/** kernel/time.c, do_adjtimex: the adjtime(2) path. */
import { describe, expect, it } from 'vitest';
import {
  STA_UNSYNC,
  TIME_ERROR,
  TIME_OK,
} from '../../../../interpolator/include/linux/constants.js';
import { do_adjtimex_singleshot } from '../../../../interpolator/kernel/time/adjtimex.js';
import { newTimekeepingKernel } from '../../../../interpolator/kernel/timer/timekeeping-state.js';
import { run } from '../timer/timekeeping-harness.js';

const kernel = () => newTimekeepingKernel({ hz: 250, revision: '2.6.18' });

describe('do_adjtimex (ADJ_OFFSET_SINGLESHOT)', () => {
  it('makes the offset pending and returns TIME_ERROR while the clock is unsynchronised', () => {
    const k = kernel();
    expect(run(do_adjtimex_singleshot(k, 1000n))).toEqual({ result: TIME_ERROR, offset: 0n });
    expect(k.ntp.time_next_adjust).toBe(1000n);
    expect(k.ntp.time_adjust).toBe(0n);
    expect(k.xtime_lock).toEqual({ sequence: 2n, lock: 0n });
  });

  it('returns time_state when synchronised, and the pending offset before the running slew', () => {
    const k = kernel();
    k.ntp.time_status &= ~STA_UNSYNC;
    k.ntp.time_adjust = 300n;
    k.ntp.time_next_adjust = 40n;
    expect(run(do_adjtimex_singleshot(k, 7n))).toEqual({ result: TIME_OK, offset: 40n });
    k.ntp.time_next_adjust = 0n;
    expect(run(do_adjtimex_singleshot(k, 7n))).toEqual({ result: TIME_OK, offset: 300n });
  });

  it('an offset of 0 also cancels the running slew', () => {
    const k = kernel();
    k.ntp.time_adjust = 300n;
    run(do_adjtimex_singleshot(k, 0n));
    expect(k.ntp.time_adjust).toBe(0n);
    expect(k.ntp.time_next_adjust).toBe(0n);
  });
});
