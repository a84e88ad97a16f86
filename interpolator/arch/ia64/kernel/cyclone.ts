// SPDX-License-Identifier: GPL-2.0-only
/**
 * The IBM Summit cyclone interpolator (`cyclone_interpolator`, arch/ia64/kernel/cyclone.c,
 * 2.6.18): the chipset's 40-bit, 100 MHz MPMC counter, read as MMIO64.
 */

import {
  type InterpolatorKernel,
  TIME_SOURCE_MMIO64,
  type TimeInterpolator,
  zeroedTimeInterpolator,
} from '../../../include/linux/timex.js';
import { register_time_interpolator } from '../../../kernel/timer/interpolator.js';
import type { KernelCode } from '../../../ops.js';

export interface CycloneInterpolatorParams {
  /** physical address of the mapped MPMC counter register */
  readonly counterAddr: bigint;
}

/** arch/ia64/kernel/cyclone.c, `cyclone_interpolator`: the static object's fields. */
export function cycloneInterpolator(p: CycloneInterpolatorParams): TimeInterpolator {
  return {
    ...zeroedTimeInterpolator(),
    source: TIME_SOURCE_MMIO64,
    shift: 16n,
    frequency: 100_000_000n,
    drift: -100n,
    mask: (1n << 40n) - 1n,
    addr: p.counterAddr,
  };
}

/**
 * arch/ia64/kernel/cyclone.c, `init_cyclone_clock()`: the initcall registers it once the counter is
 * seen ticking.
 */
export function* init_cyclone_clock(k: InterpolatorKernel, ti: TimeInterpolator): KernelCode<void> {
  yield* register_time_interpolator(k, ti);
}
