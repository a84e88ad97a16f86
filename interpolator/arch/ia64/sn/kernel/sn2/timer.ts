// SPDX-License-Identifier: GPL-2.0-only
/**
 * The SGI SN2 RTC interpolator (`sn2_interpolator`, arch/ia64/sn/kernel/sn2/timer.c,
 * 2.6.18): the SHub's system-wide, synchronised 55-bit RTC, read as MMIO64.
 * Registered by `sn_timer_init` from platform setup, before `time_init`.
 */

import {
  type InterpolatorKernel,
  TIME_SOURCE_MMIO64,
  type TimeInterpolator,
  zeroedTimeInterpolator,
} from '../../../../../include/linux/timex.js';
import { register_time_interpolator } from '../../../../../kernel/timer/interpolator.js';
import type { KernelCode } from '../../../../../ops.js';

export interface Sn2InterpolatorParams {
  /** physical address of the node-local RTC MMR */
  readonly rtcAddr: bigint;
  /** SAL_FREQ_BASE_REALTIME_CLOCK, Hz; null if the SAL call failed */
  readonly salRtcHz: bigint | null;
}

/**
 * `sn_rtc_cycles_per_second` (arch/ia64/sn/kernel/setup.c): the SAL value, or the guess 10^12 / 30
 * 000 = 33 333 333 Hz if SAL failed or reported less than 100 000 Hz.
 */
export function sn_rtc_cycles_per_second(salRtcHz: bigint | null): bigint {
  if (salRtcHz === null || salRtcHz < 100_000n) return 1_000_000_000_000n / 30_000n;
  return salRtcHz;
}

/** arch/ia64/sn/kernel/sn2/timer.c, `sn2_interpolator`: the static object's fields. */
export function sn2Interpolator(p: Sn2InterpolatorParams): TimeInterpolator {
  return {
    ...zeroedTimeInterpolator(),
    drift: -1n,
    shift: 10n,
    mask: (1n << 55n) - 1n,
    source: TIME_SOURCE_MMIO64,
    frequency: sn_rtc_cycles_per_second(p.salRtcHz),
    addr: p.rtcAddr,
  };
}

/** arch/ia64/sn/kernel/sn2/timer.c, `sn_timer_init()`: register the RTC interpolator. */
export function* sn_timer_init(k: InterpolatorKernel, ti: TimeInterpolator): KernelCode<void> {
  yield* register_time_interpolator(k, ti);
}
