// SPDX-License-Identifier: GPL-2.0-only
/**
 * The ia64 ITC interpolator (`itc_interpolator`, arch/ia64/kernel/time.c, 2.6.18). One static
 * object, registered by `ia64_init_itm` on the boot CPU and again on every secondary CPU: each
 * registration overwrites `frequency`/`drift` with that CPU's firmware values and pushes the object
 * on the list again (`itc.next == itc`; see docs/kernel.md, "The unregister loops").
 */

import {
  type InterpolatorKernel,
  TIME_SOURCE_CPU,
  type TimeInterpolator,
  zeroedTimeInterpolator,
} from '../../../../include/linux/timex.js';
import { register_time_interpolator } from '../../../../kernel/timer/interpolator.js';
import { type KernelCode, store } from '../../../../ops.js';

/**
 * arch/ia64/kernel/time.c, `itc_interpolator`'s static initialiser: shift 16, all-ones mask, the
 * executing CPU's ITC, no jitter yet.
 */
export function itcInterpolator(): TimeInterpolator {
  return {
    ...zeroedTimeInterpolator(),
    source: TIME_SOURCE_CPU,
    shift: 16n,
    mask: 0xffff_ffff_ffff_ffffn,
    addr: 0n,
    jitter: 0n,
  };
}

/**
 * `pal_freq_ratio` (include/asm-ia64/pal.h): a frequency as a ratio of the platform base frequency.
 */
export interface FreqRatio {
  readonly num: bigint;
  readonly den: bigint;
}

/** What SAL and PAL report for one CPU (`null` = the firmware call failed). */
export interface ItcFirmware {
  /** SAL_FREQ_BASE_PLATFORM: Hz and drift (ppm, -1 unknown), or null on failure */
  readonly platformBase: { readonly freqHz: bigint; readonly driftPpm: bigint } | null;
  /** PAL_FREQ_RATIOS: the ITC ratio, or null on failure */
  readonly itcRatio: FreqRatio | null;
}

/**
 * `itc_freq` and `itc_drift` as `ia64_init_itm` derives them: invented values (100 MHz × 3/1, drift
 * unknown) if a firmware call failed, 75 MHz if the base is below 40 MHz.
 */
export function itcFirmwareValues(fw: ItcFirmware): { itcFreq: bigint; itcDrift: bigint } {
  let baseFreq: bigint;
  let baseDrift: bigint;
  let ratio: FreqRatio;
  if (fw.platformBase === null || fw.itcRatio === null) {
    baseFreq = 100_000_000n;
    baseDrift = -1n;
    ratio = { num: 3n, den: 1n };
  } else {
    baseFreq = fw.platformBase.freqHz;
    baseDrift = fw.platformBase.driftPpm;
    ratio = fw.itcRatio;
  }
  if (baseFreq < 40_000_000n) {
    baseFreq = 75_000_000n;
    baseDrift = -1n;
  }
  const den = ratio.den === 0n ? 1n : ratio.den;
  const itcFreq = BigInt.asUintN(64, baseFreq * ratio.num) / den;
  const itcDrift = baseDrift === -1n ? -1n : BigInt.asIntN(64, (baseDrift * ratio.num) / den);
  return { itcFreq, itcDrift };
}

/** The per-CPU inputs of the ITC registration in `ia64_init_itm`. */
export interface ItcRegistration {
  /** this CPU's `itc_freq`, Hz */
  readonly itcFreq: bigint;
  /** `itc_drift`, ppm (-1 unknown) */
  readonly itcDrift: bigint;
  /** CONFIG_SMP kernel */
  readonly smp: boolean;
  /** the `nojitter` boot option */
  readonly nojitter: boolean;
  /** SAL platform feature ITC_DRIFT: the ITC is then not registered at all */
  readonly itcDriftFeature: boolean;
}

/** arch/ia64/kernel/time.c, the interpolator part of `ia64_init_itm` on one CPU. */
export function* ia64_init_itm_interpolator(
  k: InterpolatorKernel,
  itc: TimeInterpolator,
  reg: ItcRegistration,
): KernelCode<void> {
  if (reg.itcDriftFeature) return;
  yield store(itc, 'frequency', reg.itcFreq);
  yield store(itc, 'drift', reg.itcDrift);
  if (reg.smp && !reg.nojitter) yield store(itc, 'jitter', 1n);
  yield* register_time_interpolator(k, itc);
}
