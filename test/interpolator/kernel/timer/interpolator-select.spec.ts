// SPDX-License-Identifier: GPL-2.0-only
/** kernel/timer.c, is_better_time_interpolator: the order of registration decides. */
import { describe, expect, it } from 'vitest';
import {
  ia64_init_itm_interpolator,
  itcInterpolator,
} from '../../../../interpolator/arch/ia64/kernel/time/itc-interpolator.js';
import {
  hpet_register_interpolator,
  hpetInterpolator,
} from '../../../../interpolator/drivers/char/hpet.js';
import {
  type InterpolatorKernel,
  newInterpolatorKernel,
  type TimeInterpolator,
} from '../../../../interpolator/include/linux/timex.js';
import { HPET_PERIOD_FS, itcReg } from '../../registered-harness.js';
import { run } from './timekeeping-harness.js';

describe('selection order', () => {
  const hpet = () =>
    hpetInterpolator({ counterAddr: 0n, periodFs: HPET_PERIOD_FS, revision: '2.6.18' });
  const itc = (k: InterpolatorKernel, ti: TimeInterpolator) =>
    ia64_init_itm_interpolator(k, ti, { ...itcReg, itcFreq: 1_500_000_000n });

  it('ITC then HPET: the HPET wins on drift (500 < 2^64 − 1)', () => {
    const k = newInterpolatorKernel('2.6.18');
    const a = itcInterpolator();
    const b = hpet();
    run(itc(k, a), [1n]);
    run(hpet_register_interpolator(k, b), [2n]);
    expect(k.globals.time_interpolator).toBe(b);
  });

  it('HPET then ITC: the ITC wins on frequency (> 2 × 14.3 MHz)', () => {
    const k = newInterpolatorKernel('2.6.18');
    const a = hpet();
    const b = itcInterpolator();
    run(hpet_register_interpolator(k, a), [1n]);
    run(itc(k, b), [2n]);
    expect(k.globals.time_interpolator).toBe(b);
  });
});
