// SPDX-License-Identifier: GPL-2.0-only
/** arch/ia64/kernel/time.c: the ITC interpolator. */
import { describe, expect, it } from 'vitest';
import {
  ia64_init_itm_interpolator,
  itcFirmwareValues,
  itcInterpolator,
} from '../../../../../../interpolator/arch/ia64/kernel/time/itc-interpolator.js';
import { newInterpolatorKernel } from '../../../../../../interpolator/include/linux/timex.js';
import { run } from '../../../../kernel/timer/timekeeping-harness.js';
import { ALL_ONES, itcReg, registered } from '../../../../registered-harness.js';

describe('itc_interpolator', () => {
  it.each([
    [1_500_000_000n, 43_690n],
    [1_600_000_000n, 40_960n],
    [1_300_000_000n, 50_412n],
    [900_000_000n, 72_817n],
  ])(
    'ITC %i Hz: CPU source, shift 16, all-ones mask, jitter on SMP, nsec_per_cyc %i',
    (hz, npc) => {
      const itc = itcInterpolator();
      registered(itc, (k, ti) => ia64_init_itm_interpolator(k, ti, { ...itcReg, itcFreq: hz }));
      expect(itc).toMatchObject({
        source: 0n,
        shift: 16n,
        mask: ALL_ONES,
        addr: 0n,
        jitter: 1n,
        frequency: hz,
        drift: -1n,
        nsec_per_cyc: npc,
      });
    },
  );

  it('ITC: no jitter with nojitter or on a UP kernel; not registered when SAL sets ITC_DRIFT', () => {
    for (const opts of [{ nojitter: true }, { smp: false }]) {
      const itc = itcInterpolator();
      registered(itc, (k, ti) =>
        ia64_init_itm_interpolator(k, ti, { ...itcReg, ...opts, itcFreq: 1_500_000_000n }),
      );
      expect(itc.jitter).toBe(0n);
    }
    const k = newInterpolatorKernel('2.6.18');
    const itc = itcInterpolator();
    run(ia64_init_itm_interpolator(k, itc, { ...itcReg, itcFreq: 1n, itcDriftFeature: true }));
    expect(k.globals.time_interpolator).toBeNull();
    expect(itc.frequency).toBe(0n);
  });

  it('ITC firmware values: ratio of the platform base, invented or bogus-base fallbacks', () => {
    const base = { freqHz: 200_000_000n, driftPpm: 10n };
    expect(itcFirmwareValues({ platformBase: base, itcRatio: { num: 15n, den: 2n } })).toEqual({
      itcFreq: 1_500_000_000n,
      itcDrift: 75n,
    });
    expect(itcFirmwareValues({ platformBase: null, itcRatio: { num: 15n, den: 2n } })).toEqual({
      itcFreq: 300_000_000n,
      itcDrift: -1n,
    });
    expect(
      itcFirmwareValues({
        platformBase: { freqHz: 1_000n, driftPpm: 3n },
        itcRatio: { num: 2n, den: 0n },
      }),
    ).toEqual({ itcFreq: 150_000_000n, itcDrift: -1n });
  });
});
