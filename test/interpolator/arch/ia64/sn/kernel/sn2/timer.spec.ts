// SPDX-License-Identifier: GPL-2.0-only
/** arch/ia64/sn/kernel/sn2/timer.c: the SN2 RTC interpolator. */
import { describe, expect, it } from 'vitest';
import {
  sn_rtc_cycles_per_second,
  sn_timer_init,
  sn2Interpolator,
} from '../../../../../../../interpolator/arch/ia64/sn/kernel/sn2/timer.js';
import { registered } from '../../../../../registered-harness.js';

describe('sn2_interpolator', () => {
  it('SN2 RTC: 55-bit mask, drift unknown, 33 333 333 Hz when SAL fails or reports < 100 kHz', () => {
    expect(sn_rtc_cycles_per_second(null)).toBe(33_333_333n);
    expect(sn_rtc_cycles_per_second(99_999n)).toBe(33_333_333n);
    expect(sn_rtc_cycles_per_second(25_000_000n)).toBe(25_000_000n);
    const ti = sn2Interpolator({ rtcAddr: 0x1000n, salRtcHz: null });
    registered(ti, sn_timer_init);
    expect(ti).toMatchObject({
      source: 1n,
      shift: 10n,
      mask: (1n << 55n) - 1n,
      drift: -1n,
      jitter: 0n,
      frequency: 33_333_333n,
      nsec_per_cyc: 30_720n,
    });
  });
});
