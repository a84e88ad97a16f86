// SPDX-License-Identifier: GPL-2.0-only
/**
 * A `custom` interpolator: every field given, as a driver following
 * Documentation/time_interpolators.txt would fill a zeroed object (and as the conformance vectors
 * do). Values are reduced to their C field widths.
 */

import {
  type InterpolatorKernel,
  TIME_SOURCE_CPU,
  TIME_SOURCE_FUNCTION,
  TIME_SOURCE_MMIO32,
  TIME_SOURCE_MMIO64,
  type TimeInterpolator,
  zeroedTimeInterpolator,
} from '../include/linux/timex.js';
import { register_time_interpolator } from '../kernel/timer/interpolator.js';
import type { KernelCode } from '../ops.js';

export type SourceName = 'cpu' | 'mmio64' | 'mmio32' | 'function';

const SOURCES: Record<SourceName, bigint> = {
  cpu: TIME_SOURCE_CPU,
  mmio64: TIME_SOURCE_MMIO64,
  mmio32: TIME_SOURCE_MMIO32,
  function: TIME_SOURCE_FUNCTION,
};

export interface CustomInterpolatorParams {
  /** a TIME_SOURCE_* name, or any u16 (values above 3 behave as `cpu`) */
  readonly source: SourceName | bigint;
  readonly shift: bigint;
  readonly jitter: bigint;
  readonly mask: bigint;
  /** Hz */
  readonly frequency: bigint;
  /** ppm, signed; -1 = unknown */
  readonly drift: bigint;
  /** MMIO address or source function address */
  readonly addr?: bigint | undefined;
}

/** The driver's zeroed object with every field given, each reduced to its C width. */
export function customInterpolator(p: CustomInterpolatorParams): TimeInterpolator {
  const source = typeof p.source === 'bigint' ? p.source : SOURCES[p.source];
  return {
    ...zeroedTimeInterpolator(),
    source: BigInt.asUintN(16, source),
    shift: BigInt.asUintN(8, p.shift),
    jitter: BigInt.asUintN(8, p.jitter),
    mask: BigInt.asUintN(64, p.mask),
    frequency: BigInt.asUintN(64, p.frequency),
    drift: BigInt.asIntN(64, p.drift),
    addr: BigInt.asUintN(64, p.addr ?? 0n),
  };
}

/** The driver's registration: kernel/timer.c, `register_time_interpolator`. */
export function* register_custom_interpolator(
  k: InterpolatorKernel,
  ti: TimeInterpolator,
): KernelCode<void> {
  yield* register_time_interpolator(k, ti);
}
