// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import {
  cycloneInterpolator,
  init_cyclone_clock,
} from '../../interpolator/arch/ia64/kernel/cyclone.js';
import {
  ia64_init_itm_interpolator,
  itcFirmwareValues,
  itcInterpolator,
} from '../../interpolator/arch/ia64/kernel/time/itc-interpolator.js';
import {
  sn_rtc_cycles_per_second,
  sn_timer_init,
  sn2Interpolator,
} from '../../interpolator/arch/ia64/sn/kernel/sn2/timer.js';
import {
  sparc64_register_interpolator,
  sparc64Interpolator,
} from '../../interpolator/arch/sparc64/kernel/time.js';
import {
  customInterpolator,
  register_custom_interpolator,
} from '../../interpolator/Documentation/time_interpolators.js';
import {
  hpet_register_interpolator,
  hpetFrequency,
  hpetInterpolator,
} from '../../interpolator/drivers/char/hpet.js';
import {
  type InterpolatorKernel,
  newInterpolatorKernel,
  type Revision,
  type TimeInterpolator,
} from '../../interpolator/include/linux/timex.js';
import { time_interpolator_get_offset } from '../../interpolator/kernel/timer/interpolator.js';
import type { KernelCode } from '../../interpolator/ops.js';
import { run } from './kernel/timer/timekeeping-harness.js';

const ALL_ONES = (1n << 64n) - 1n;
const HPET_PERIOD_FS = 69_841_279n;

/** Registers `ti` as the first interpolator of a fresh kernel (one counter read by the reset). */
function registered(
  ti: TimeInterpolator,
  register: (k: InterpolatorKernel, ti: TimeInterpolator) => KernelCode<void>,
  revision: Revision = '2.6.18',
): InterpolatorKernel {
  const k = newInterpolatorKernel(revision);
  run(register(k, ti), [123n]);
  expect(k.globals.time_interpolator).toBe(ti);
  expect(ti.last_counter).toBe(123n);
  return k;
}

const itcReg = { itcDrift: -1n, smp: true, nojitter: false, itcDriftFeature: false };

describe('registered fields', () => {
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

  it('cyclone: MMIO64, 40-bit mask, 100 MHz, drift -100, nsec_per_cyc 655 360', () => {
    const ti = cycloneInterpolator({ counterAddr: 0xfeb00000n });
    registered(ti, init_cyclone_clock);
    expect(ti).toMatchObject({
      source: 1n,
      shift: 16n,
      mask: (1n << 40n) - 1n,
      frequency: 100_000_000n,
      drift: -100n,
      jitter: 0n,
      nsec_per_cyc: 655_360n,
    });
  });

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

  it('sparc64 %tick 1.2 GHz: CPU source, shift 16, all-ones mask, drift 0', () => {
    const ti = sparc64Interpolator({ clockHz: 1_200_000_000n });
    registered(ti, sparc64_register_interpolator);
    expect(ti).toMatchObject({
      source: 0n,
      shift: 16n,
      mask: ALL_ONES,
      drift: 0n,
      jitter: 0n,
      nsec_per_cyc: 54_613n,
    });
  });

  it('custom: fields reduced to their C widths', () => {
    const ti = customInterpolator({
      source: 0x1_0003n,
      shift: 0x110n,
      jitter: 0x100n,
      mask: -1n,
      frequency: 1_000_000n,
      drift: (1n << 64n) - 5n,
      addr: 0x1234n,
    });
    expect(ti).toMatchObject({
      source: 3n,
      shift: 16n,
      jitter: 0n,
      mask: ALL_ONES,
      drift: -5n,
      addr: 0x1234n,
    });
    registered(ti, register_custom_interpolator);
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
