// SPDX-License-Identifier: GPL-2.0-only
/**
 * ia64 boot-time timer set-up (arch/ia64/kernel/time.c, 2.6.18):
 * `ia64_init_itm` on every CPU (tick period, ITC registration, first deadline) and
 * `time_init` on the boot CPU (xtime from the EFI clock, wall_to_monotonic = -xtime).
 */

import type { TimeInterpolator } from '../../../../include/linux/timex.js';
import { set_normalized_timespec } from '../../../../kernel/time/timeofday.js';
import type { TimekeepingKernel, Timespec } from '../../../../kernel/timer/timekeeping-state.js';
import { type KernelCode, store } from '../../../../ops.js';
import { type ItcRegistration, ia64_init_itm_interpolator } from './itc-interpolator.js';
import { type Ia64Cpu, ia64_cpu_local_tick, itmDelta } from './timer-interrupt.js';

/**
 * arch/ia64/kernel/time.c, `ia64_init_itm()` on `cpu`: itm_delta from this CPU's ITC, register the
 * ITC, arm the tick.
 */
export function* ia64_init_itm(
  k: TimekeepingKernel,
  cpu: Ia64Cpu,
  itc: TimeInterpolator,
  reg: ItcRegistration,
): KernelCode<void> {
  yield store(cpu.local_cpu_data, 'itm_delta', itmDelta(reg.itcFreq, k.hz.HZ));
  yield* ia64_init_itm_interpolator(k, itc, reg);
  yield* ia64_cpu_local_tick(cpu);
}

/**
 * arch/ia64/kernel/time.c, `time_init()` on the boot CPU: `xtime` from the EFI clock, then
 * `init_itm` (normally `ia64_init_itm`; absent when the interpolator is registered separately),
 * then wall_to_monotonic = -xtime, normalised.
 */
export function* time_init(
  k: TimekeepingKernel,
  efiTime: Timespec,
  init_itm?: () => KernelCode<void>,
): KernelCode<void> {
  yield store(k.xtime, 'tv_sec', efiTime.tv_sec);
  yield store(k.xtime, 'tv_nsec', efiTime.tv_nsec);
  if (init_itm) yield* init_itm();
  yield* set_normalized_timespec(
    k.wall_to_monotonic,
    BigInt.asIntN(64, -efiTime.tv_sec),
    -efiTime.tv_nsec,
  );
}
