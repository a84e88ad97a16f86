// SPDX-License-Identifier: GPL-2.0-only
/**
 * Booting the simulated kernel, one step after another (each step a job of its CPU; a fault ends
 * the boot, as a BUG in start_kernel ends the machine):
 * 1. CPU 0: `timekeeping_init`, then ia64 `time_init` (xtime from the scenario's boot wall time;
 *    with the ITC as tick source, `itm_delta` and the first ITM match of CPU 0);
 * 2. the secondary CPUs, one after another as `smp_boot_cpus` brings them up: their own
 *    `itm_delta` and first match (`ia64_cpu_local_tick`, staggered);
 * 3. the scenario's interpolators in file order through their drivers: the ITC driver registers
 *    on every CPU in turn, as `ia64_init_itm` does on each (arch/ia64/kernel/time.c, from time_init
 *    and smp_callin);
 *    the others once, on CPU 0 (device discovery and initcalls run after SMP bring-up).
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
  const steps: Step[] = [
    {
      cpu: 0,
      code: function* () {
        yield* timekeeping_init(k);
        yield* time_init(k, efi, () => localTimer(p, 0));
      },
    },
  ];
  if (p.itcTickHz !== null)
    for (let cpu = 1; cpu < cpus; cpu++) steps.push({ cpu, code: () => localTimer(p, cpu) });
  for (const r of p.registrants) {
    const on = r.config.driver === 'itc' ? Array.from({ length: cpus }, (_, i) => i) : [0];
    for (const cpu of on) steps.push({ cpu, code: () => r.register(k, cpu) });
  }
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

/** This CPU's share of `ia64_init_itm` that arms the tick: itm_delta, then the first match. */
function* localTimer(p: BootPlan, cpu: number): KernelCode<void> {
  if (p.itcTickHz === null) return;
  const ia64 = p.ia64Cpus[cpu]!;
  yield store(ia64.local_cpu_data, 'itm_delta', itmDelta(p.itcTickHz, p.k.hz.HZ));
  yield* ia64_cpu_local_tick(ia64);
}
