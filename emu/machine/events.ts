// SPDX-License-Identifier: GPL-2.0-only
/**
 * The scenario's timed events. Hardware events (`jump`, `set_drift`, `irq_off`) act on the devices
 * and the executor at their instant; system calls (`settimeofday`, `adjtime`, `leap`, `register`,
 * `unregister`) become jobs of the time keeper CPU (the ITC's `register` runs on every CPU, as its
 * driver does), queued behind the call that CPU is making.
 */
import type { Oscillator } from '../../devices/clock/oscillator.js';
import { STA_DEL, STA_INS } from '../../interpolator/include/linux/constants.js';
import {
  write_seqlock_irq,
  write_sequnlock_irq,
} from '../../interpolator/include/linux/seqlock.js';
import { zeroedTimeInterpolator } from '../../interpolator/include/linux/timex.js';
import { do_adjtimex_singleshot } from '../../interpolator/kernel/time/adjtimex.js';
import { do_settimeofday } from '../../interpolator/kernel/time/timeofday.js';
import { unregister_time_interpolator } from '../../interpolator/kernel/timer/interpolator.js';
import type { TimekeepingKernel } from '../../interpolator/kernel/timer/timekeeping-state.js';
import { type KernelCode, load, store } from '../../interpolator/ops.js';
import type { Rational } from '../base/rational.js';
import { NS_PER_S, type TimeFs } from '../base/time.js';
import type { Executor } from '../engine/executor.js';
import { Band, type Scheduler } from '../engine/scheduler.js';
import type { ScenarioEvent } from '../scenario/types.js';
import type { CpuThreads } from './cpu-threads.js';
import { type BuiltDevice, oscillatorsOf } from './devices.js';
import type { Interpolators } from './interpolators.js';
import type { TrueClock } from './true-clock.js';

/** `do_adjtimex` with ADJ_STATUS setting STA_INS or STA_DEL (what ntpd does before a leap). */
export function* adjtimex_set_status(k: TimekeepingKernel, bits: bigint): KernelCode<void> {
  yield* write_seqlock_irq(k.xtime_lock);
  const status: bigint = yield load(k.ntp, 'time_status');
  yield store(k.ntp, 'time_status', status | bits);
  yield* write_sequnlock_irq(k.xtime_lock);
}

export interface EventContext {
  readonly k: TimekeepingKernel;
  readonly scheduler: Scheduler;
  readonly exec: Executor;
  readonly threads: readonly CpuThreads[];
  readonly devices: ReadonlyMap<string, BuiltDevice>;
  readonly interpolators: Interpolators;
  readonly trueClock: TrueClock;
  readonly timekeeper: number;
  readonly cpus: number;
}

export class ScenarioEvents {
  /** CPUs in a settimeofday call → the wall time it sets, ns */
  private readonly settingWall = new Map<number, bigint>();

  constructor(private readonly c: EventContext) {}

  /** The xtime write section on `cpu` ended: a settimeofday there took effect now. */
  writeUnlocked(cpu: number): void {
    const wallNs = this.settingWall.get(cpu);
    if (wallNs === undefined) return;
    this.settingWall.delete(cpu);
    this.c.trueClock.setWall(this.c.scheduler.nowFs, wallNs);
  }

  schedule(events: readonly ScenarioEvent[]): void {
    for (const e of events) this.scheduleOne(e);
  }

  private scheduleOne(e: ScenarioEvent): void {
    const { k, scheduler, threads, timekeeper } = this.c;
    const a = e.action;
    const syscall = (cpu: number, job: () => KernelCode<void>): void =>
      threads[cpu]!.submit(e.atFs, job);
    switch (a.kind) {
      case 'settimeofday': {
        const tv = { tv_sec: a.wallTimeNs / NS_PER_S, tv_nsec: a.wallTimeNs % NS_PER_S };
        const settingWall = this.settingWall;
        syscall(timekeeper, function* () {
          settingWall.set(timekeeper, a.wallTimeNs);
          yield* do_settimeofday(k, tv);
          settingWall.delete(timekeeper);
        });
        return;
      }
      case 'adjtime':
        syscall(timekeeper, function* () {
          yield* do_adjtimex_singleshot(k, a.deltaNs / 1000n);
        });
        return;
      case 'leap': {
        const trueClock = this.c.trueClock;
        syscall(timekeeper, function* () {
          yield* adjtimex_set_status(k, a.direction === 'insert' ? STA_INS : STA_DEL);
        });
        scheduler.schedule(e.atFs, Band.DEVICE, () => trueClock.leap(e.atFs, a.direction));
        return;
      }
      case 'irq_off':
        this.c.exec.irqOff(a.cpu, e.atFs, a.forFs);
        return;
      case 'register': {
        const r = this.c.interpolators.registrant(a.interpolator);
        const cpus = a.interpolator.driver === 'itc' ? this.allCpus() : [timekeeper];
        for (const cpu of cpus) syscall(cpu, () => r.register(k, cpu));
        return;
      }
      case 'unregister': {
        const ti = this.c.interpolators.byDevice.get(a.device) ?? zeroedTimeInterpolator();
        syscall(timekeeper, () => unregister_time_interpolator(k, ti));
        return;
      }
      case 'jump':
        scheduler.schedule(e.atFs, Band.DEVICE, () =>
          this.onOscillators(a.device, a.cpu, (o, now) => o.jump(a.byCycles, now)),
        );
        return;
      case 'set_drift':
        scheduler.schedule(e.atFs, Band.DEVICE, () =>
          this.onOscillators(a.device, a.cpu, (o, now) => o.setDrift(a.ppm as Rational, now)),
        );
        return;
    }
  }

  private allCpus(): number[] {
    return Array.from({ length: this.c.cpus }, (_, i) => i);
  }

  /** Applies a change to a device's oscillators, then re-arms what was scheduled from them. */
  private onOscillators(
    name: string,
    cpu: number | undefined,
    change: (o: Oscillator, nowFs: TimeFs) => void,
  ): void {
    const d = this.c.devices.get(name);
    if (d === undefined) return;
    const now = this.c.scheduler.nowFs;
    const all = oscillatorsOf(d, this.c.cpus);
    const chosen = cpu === undefined ? all.map((_, i) => i) : [cpu];
    for (const i of chosen) change(all[i]!, now);
    if (d.kind === 'cycle-counter') {
      const snap = d.device.snapshot();
      for (const i of chosen) {
        const match = snap.cpus[i]!.match;
        if (match !== null) d.device.setMatch(i, match, now);
      }
    } else if (d.kind === 'hpet') for (const t of d.device.timers) t.arm(now);
  }
}
