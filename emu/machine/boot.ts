// SPDX-License-Identifier: GPL-2.0-only
/**
 * Booting the simulated kernel in 2.6.18's order, one step after another (each step a job of its
 * CPU; a fault ends the boot, as a BUG in start_kernel ends the machine):
 * 1. CPU 0, platform setup (`setup_arch` → the machine vector's `platform_setup`): the SN2 RTC
 *    registers here (arch/ia64/sn/kernel/setup.c sn_setup → sn_timer_init), before xtime is set,
 *    so its interpolator counts from then and the clock starts ahead by the gap;
 * 2. CPU 0: `timekeeping_init`, then ia64 `time_init` (init/main.c start_kernel): xtime from the
 *    scenario's boot wall time and `ia64_init_itm`, which registers the ITC (arch/ia64/kernel/
 *    time.c) and, with the ITC as tick source, sets `itm_delta` and the first ITM match;
 * 3. each secondary CPU as `smp_boot_cpus` brings it up: `smp_callin` → `ia64_init_itm` on it
 *    (the ITC registered again, then its own `itm_delta` and first match);
 * 4. the other interpolators in file order, once, on CPU 0 (device discovery and initcalls run
 *    after SMP bring-up: drivers/char/hpet.c, arch/ia64/kernel/cyclone.c).
 * Then every CPU takes its workload.
 */

import { time_init } from '../../interpolator/arch/ia64/kernel/time/init.js';
import {
  type Ia64Cpu,
  ia64_cpu_local_tick,
  itmDelta,
} from '../../interpolator/arch/ia64/kernel/time/timer-interrupt.js';
import { timekeeping_init } from '../../interpolator/kernel/timer/tick.js';
import type { TimekeepingKernel } from '../../interpolator/kernel/timer/timekeeping-state.js';
import { type KernelCode, store } from '../../interpolator/ops.js';
import { NS_PER_S } from '../base/time.js';
import type { CpuThreads } from './cpu-threads.js';
import type { Registrant } from './interpolators.js';

export interface BootPlan {
  readonly k: TimekeepingKernel;
  readonly bootWallTimeNs: bigint;
  readonly registrants: readonly Registrant[];
  readonly threads: readonly CpuThreads[];
  readonly ia64Cpus: readonly Ia64Cpu[];
  /** ITC frequency (Hz) when the ITC raises the tick, else null */
  readonly itcTickHz: bigint | null;
}

interface Step {
  readonly cpu: number;
  readonly code: () => KernelCode<void>;
}

export function startBoot(p: BootPlan): void {
  const { k } = p;
  const cpus = p.threads.length;
  const efi = { tv_sec: p.bootWallTimeNs / NS_PER_S, tv_nsec: p.bootWallTimeNs % NS_PER_S };
  const platform = p.registrants.filter((r) => r.config.driver === 'sn2-rtc');
  const itc = p.registrants.filter((r) => r.config.driver === 'itc');
  const initcalls = p.registrants.filter(
    (r) => r.config.driver !== 'sn2-rtc' && r.config.driver !== 'itc',
  );
  const steps: Step[] = [
    {
      cpu: 0,
      code: function* () {
        for (const r of platform) yield* r.register(k, 0);
        yield* timekeeping_init(k);
        yield* time_init(k, efi, () => initItm(p, itc, 0));
      },
    },
  ];
  for (let cpu = 1; cpu < cpus; cpu++)
    if (p.itcTickHz !== null || itc.length > 0)
      steps.push({ cpu, code: () => initItm(p, itc, cpu) });
  for (const r of initcalls) steps.push({ cpu: 0, code: () => r.register(k, 0) });
  const run = (i: number): void => {
    const step = steps[i];
    if (step === undefined) {
      for (const t of p.threads) t.markBooted();
      return;
    }
    p.threads[step.cpu]!.boot(function* () {
      yield* step.code();
      run(i + 1);
    });
  };
  run(0);
}

/** `ia64_init_itm` on one CPU: the ITC registration, then this CPU's tick. */
function* initItm(p: BootPlan, itc: readonly Registrant[], cpu: number): KernelCode<void> {
  for (const r of itc) yield* r.register(p.k, cpu);
  yield* localTimer(p, cpu);
}

/** This CPU's share of `ia64_init_itm` that arms the tick: itm_delta, then the first match. */
function* localTimer(p: BootPlan, cpu: number): KernelCode<void> {
  if (p.itcTickHz === null) return;
  const ia64 = p.ia64Cpus[cpu]!;
  yield store(ia64.local_cpu_data, 'itm_delta', itmDelta(p.itcTickHz, p.k.hz.HZ));
  yield* ia64_cpu_local_tick(ia64);
}
