// SPDX-License-Identifier: GPL-2.0-only
/**
 * The sparc64 `%tick`/`%stick` interpolator (`sparc64_cpu_interpolator`, arch/sparc64/kernel/
 * time.c, 2.6.9–2.6.21): the executing CPU's tick register.
 */

import {
  type InterpolatorKernel,
  TIME_SOURCE_CPU,
  type TimeInterpolator,
  zeroedTimeInterpolator,
} from '../../../include/linux/timex.js';
import { register_time_interpolator } from '../../../kernel/timer/interpolator.js';
import type { KernelCode } from '../../../ops.js';

export interface Sparc64InterpolatorParams {
  /** the rate `sparc64_init_timers()` returned, Hz */
  readonly clockHz: bigint;
}

/** arch/sparc64/kernel/time.c, `sparc64_cpu_interpolator`: the static object's fields. */
export function sparc64Interpolator(p: Sparc64InterpolatorParams): TimeInterpolator {
  return {
    ...zeroedTimeInterpolator(),
    source: TIME_SOURCE_CPU,
    shift: 16n,
    mask: 0xffff_ffff_ffff_ffffn,
    drift: 0n,
    jitter: 0n,
    frequency: p.clockHz,
  };
}

/** arch/sparc64/kernel/time.c, the registration in `time_init`, once, before the tick starts. */
export function* sparc64_register_interpolator(
  k: InterpolatorKernel,
  ti: TimeInterpolator,
): KernelCode<void> {
  yield* register_time_interpolator(k, ti);
}
