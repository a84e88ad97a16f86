// SPDX-License-Identifier: GPL-2.0-only
/**
 * The HPET interpolator (drivers/char/hpet.c with CONFIG_TIME_INTERPOLATION,
 * 2.6.18 and 2.6.13): one zeroed object per HPET device, registered at device
 * discovery. The mask is all ones whatever the counter width and the counter is read with a 64-bit
 * read, so a 32-bit HPET's wrap is not masked (docs/kernel.md, "The 32-bit HPET through `readq`").
 */

import {
  type InterpolatorKernel,
  type Revision,
  TIME_SOURCE_MMIO64,
  type TimeInterpolator,
  zeroedTimeInterpolator,
} from '../../include/linux/timex.js';
import { register_time_interpolator } from '../../kernel/timer/interpolator.js';
import type { KernelCode } from '../../ops.js';

/** fs per second */
const FS_PER_SEC = 1_000_000_000_000_000n;
/** ppm, `HPET_DRIFT` */
const HPET_DRIFT = 500n;

export interface HpetInterpolatorParams {
  /** physical address of the main counter register (`&hpet->hpet_mc`) */
  readonly counterAddr: bigint;
  /** COUNTER_CLK_PERIOD of this HPET, fs */
  readonly periodFs: bigint;
  readonly revision: Revision;
  /** 2.6.13 only: the period of the first HPET found, whose frequency every HPET got */
  readonly firstPeriodFs?: bigint;
}

/**
 * drivers/char/hpet.c, `hp_tick_freq`: 2.6.15+ rounds per device, (10^15 + period/2) / period;
 * 2.6.13 truncates 10^15 / period of the first HPET.
 */
export function hpetFrequency(p: HpetInterpolatorParams): bigint {
  if (p.revision === '2.6.13') return FS_PER_SEC / (p.firstPeriodFs ?? p.periodFs);
  return (FS_PER_SEC + p.periodFs / 2n) / p.periodFs;
}

/**
 * drivers/char/hpet.c, the object `hpet_register_interpolator` fills: MMIO64, shift 10, mask -1,
 * drift 500 ppm.
 */
export function hpetInterpolator(p: HpetInterpolatorParams): TimeInterpolator {
  const frequency = hpetFrequency(p);
  return {
    ...zeroedTimeInterpolator(),
    source: TIME_SOURCE_MMIO64,
    shift: 10n,
    addr: p.counterAddr,
    mask: 0xffff_ffff_ffff_ffffn,
    frequency,
    // 2.6.13 scaled the drift by the frequency: frequency * HPET_DRIFT / 10^6 (7159 at 14.318 MHz)
    drift: p.revision === '2.6.13' ? (frequency * HPET_DRIFT) / 1_000_000n : HPET_DRIFT,
  };
}

/** drivers/char/hpet.c, `hpet_register_interpolator()`: register one HPET's interpolator. */
export function* hpet_register_interpolator(
  k: InterpolatorKernel,
  ti: TimeInterpolator,
): KernelCode<void> {
  yield* register_time_interpolator(k, ti);
}
