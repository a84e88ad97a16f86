// SPDX-License-Identifier: GPL-2.0-only
/**
 * The scenario's timed events. Hardware events (`jump`, `set_drift`, `irq_off`) act on the devices
 * and the executor at their instant; system calls (`settimeofday`, `adjtime`, `leap`, `register`,
 * `unregister`) become jobs of the time keeper CPU (the ITC's `register` runs on every CPU, as its
 * driver does), queued behind the call that CPU is making.
 */
import type { Oscillator } from '../../devices/clock/oscillator.js';
import type { CycleCounter } from '../../devices/cycle-counter/cycle-counter.js';
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
import type { EventAction, ScenarioEvent } from '../scenario/types.js';
import type { CpuThreads } from './cpu-threads.js';
import { type BuiltDevice, oscillatorsOf } from './devices.js';
import type { Interpolators } from './interpolators.js';
import type { TrueClock } from './true-clock.js';

/** A scenario clock event, for a per-CPU counter and for any other device's oscillator. */
interface ClockChange {
  counter(cc: CycleCounter, nowFs: TimeFs): void;
  oscillator(o: Oscillator, nowFs: TimeFs): void;
}

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
      case 'counter':
        scheduler.schedule(e.atFs, Band.DEVICE, () => this.counterOp(a));
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
          this.onDevice(a.device, {
            counter: (cc, now) =>
              a.cpu === undefined ? cc.jumpAll(a.byCycles, now) : cc.jump(a.cpu, a.byCycles, now),
            oscillator: (o, now) => o.jump(a.byCycles, now),
          }),
        );
        return;
      case 'set_drift': {
        const ppm = a.ppm as Rational;
        scheduler.schedule(e.atFs, Band.DEVICE, () =>
          this.onDevice(a.device, {
            counter: (cc, now) =>
              a.cpu === undefined ? cc.setDriftAll(ppm, now) : cc.setDrift(a.cpu, ppm, now),
            oscillator: (o, now) => o.setDrift(ppm, now),
          }),
        );
        return;
      }
    }
  }

  /** A write, TSC_ADJUST write, halt or resume of one CPU's counter (cycle-counter.ts). */
  private counterOp(a: Extract<EventAction, { kind: 'counter' }>): void {
    const d = this.c.devices.get(a.device);
    if (d?.kind !== 'cycle-counter') return;
    const now = this.c.scheduler.nowFs;
    const cc = d.device;
    if (a.op === 'write') cc.writeTsc(a.cpu, a.value, now);
    else if (a.op === 'write_adjust') cc.writeTscAdjust(a.cpu, a.value, now);
    else if (a.op === 'halt') cc.halt(a.cpu, now);
    else cc.resume(a.cpu, now);
  }

  private allCpus(): number[] {
    return Array.from({ length: this.c.cpus }, (_, i) => i);
  }

  /**
   * Applies a clock change: to a per-CPU counter through the device (it knows whether its CPUs
   * share a crystal, and re-arms their ITM matches); to another device's oscillators, then re-arms
   * its timers.
   */
  private onDevice(name: string, change: ClockChange): void {
    const d = this.c.devices.get(name);
    if (d === undefined) return;
    const now = this.c.scheduler.nowFs;
    if (d.kind === 'cycle-counter') {
      change.counter(d.device, now);
      return;
    }
    for (const o of oscillatorsOf(d, this.c.cpus)) change.oscillator(o, now);
    if (d.kind === 'hpet') for (const t of d.device.timers) t.arm(now);
  }
}
