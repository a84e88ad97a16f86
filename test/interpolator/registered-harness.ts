// SPDX-License-Identifier: GPL-2.0-only
/** Registering a driver's interpolator in a fresh kernel, for the driver specs. */
import { expect } from 'vitest';
import {
  type InterpolatorKernel,
  newInterpolatorKernel,
  type Revision,
  type TimeInterpolator,
} from '../../interpolator/include/linux/timex.js';
import type { KernelCode } from '../../interpolator/ops.js';
import { run } from './kernel/timer/timekeeping-harness.js';

export const ALL_ONES = (1n << 64n) - 1n;
/** fs: a 14.318 MHz HPET */
export const HPET_PERIOD_FS = 69_841_279n;

/** Registers `ti` as the first interpolator of a fresh kernel (one counter read by the reset). */
export function registered(
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

/** The ITC registration inputs of an SMP kernel without `nojitter` (add `itcFreq`). */
export const itcReg = { itcDrift: -1n, smp: true, nojitter: false, itcDriftFeature: false };
