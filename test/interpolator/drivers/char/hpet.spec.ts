// SPDX-License-Identifier: GPL-2.0-only
/** drivers/char/hpet.c: the HPET interpolator. */
import { describe, expect, it } from 'vitest';
import {
  hpet_register_interpolator,
  hpetFrequency,
  hpetInterpolator,
} from '../../../../interpolator/drivers/char/hpet.js';
import { newInterpolatorKernel } from '../../../../interpolator/include/linux/timex.js';
import { time_interpolator_get_offset } from '../../../../interpolator/kernel/timer/interpolator.js';
import { run } from '../../kernel/timer/timekeeping-harness.js';
import { ALL_ONES, HPET_PERIOD_FS, registered } from '../../registered-harness.js';

describe('hpet_register_interpolator', () => {
  it('HPET 2.6.18: MMIO64, shift 10, all-ones mask, drift 500, rounded frequency', () => {
    const ti = hpetInterpolator({
      counterAddr: 0xfed000f0n,
      periodFs: HPET_PERIOD_FS,
      revision: '2.6.18',
    });
    registered(ti, hpet_register_interpolator);
    expect(ti).toMatchObject({
      source: 1n,
      shift: 10n,
      mask: ALL_ONES,
      addr: 0xfed000f0n,
      jitter: 0n,
      drift: 500n,
      frequency: 14_318_180n,
      nsec_per_cyc: 71_517n,
    });
  });

  it('HPET 2.6.13: truncated frequency of the first HPET, drift scaled by it', () => {
    const p = { counterAddr: 0n, periodFs: HPET_PERIOD_FS, revision: '2.6.13' as const };
    const ti = hpetInterpolator(p);
    registered(ti, hpet_register_interpolator, '2.6.13');
    expect(ti).toMatchObject({ frequency: 14_318_179n, drift: 7_159n, nsec_per_cyc: 71_517n });
    expect(hpetFrequency({ ...p, periodFs: 100_000_000n, firstPeriodFs: HPET_PERIOD_FS })).toBe(
      14_318_179n,
    );
    expect(hpetFrequency({ ...p, revision: '2.6.18', periodFs: 100_000_000n })).toBe(10_000_000n);
  });
});

describe('a 32-bit HPET behind the all-ones mask', () => {
  it('its wrap is not masked: the offset jumps by about 208.5 days', () => {
    const ti = hpetInterpolator({
      counterAddr: 0xf0n,
      periodFs: HPET_PERIOD_FS,
      revision: '2.6.18',
    });
    const k = newInterpolatorKernel('2.6.18');
    run(hpet_register_interpolator(k, ti), [4_294_900_000n]);
    // the 64-bit read of a 32-bit main counter after its wrap: upper half 0
    expect(run(time_interpolator_get_offset(k), [1_294n])).toBe(18_014_098_550_233_197n);
  });
});
