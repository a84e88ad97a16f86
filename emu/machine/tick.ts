// SPDX-License-Identifier: GPL-2.0-only
/**
 * What raises the timer interrupt (docs/scenario.md, `tick`), and the handler each CPU runs:
 * - `itc`: every CPU's ITM match (devices/cycle-counter.ts) raises that CPU's timer interrupt and
 *   ia64 `timer_interrupt` runs there; the time keeper catches up every elapsed tick (arch/ia64/kernel/time.c, timer_interrupt);
 * - an HPET comparator, programmed periodic at 1/HZ (rounded to whole HPET ticks) and routed to
 *   the time keeper, which runs `tick_from_source`;
 * - `ideal`: the time keeper is interrupted at exactly k/HZ s and runs `tick_from_source`.
 * Each delivery is delayed by a draw of the `latency` distribution.
 *
 * The HPET comparator is programmed through the device's own API (`Hpet.startPeriodic`, the
 * register writes of the kernel's legacy-timer set-up), at the start of the run and taking no
 * simulated time. Running that set-up as kernel code on a CPU instead would change every output:
 * its writes would cost simulated time, and its read of the main counter would draw a read
 * latency from the HPET's random stream.
 */
import type { IrqLine } from '../../devices/device.js';
import {
  type Ia64Cpu,
  type Ia64TimeGlobals,
  tick_from_source,
  timer_interrupt,
} from '../../interpolator/arch/ia64/kernel/time/timer-interrupt.js';
import type { TimekeepingKernel } from '../../interpolator/kernel/timer/timekeeping-state.js';
import type { KernelCode } from '../../interpolator/ops.js';
import { fromSpec } from '../base/distribution.js';
import type { Rng } from '../base/rng.js';
import { FS_PER_S } from '../base/time.js';
import type { Executor } from '../engine/executor.js';
import { Band, type Scheduler } from '../engine/scheduler.js';
import type { TickConfig } from '../scenario/types.js';
import type { MachineDevices } from './devices.js';

/** The I/O APIC input the tick comparator is routed to (the legacy timer pin). */
const TICK_PIN = 2;

export interface TickContext {
  readonly k: TimekeepingKernel;
  readonly scheduler: Scheduler;
  readonly devices: MachineDevices;
  readonly timekeeper: number;
  readonly ia64Globals: Ia64TimeGlobals;
  readonly ia64Cpus: readonly Ia64Cpu[];
  readonly rng: Rng;
}

export class Tick {
  private exec: Executor | undefined;
  private readonly latency;

  constructor(
    private readonly config: TickConfig,
    private readonly c: TickContext,
  ) {
    this.latency = fromSpec(config.latencyFs, 'fs');
  }

  get usesItc(): boolean {
    return this.config.source.kind === 'itc';
  }

  attach(exec: Executor): void {
    this.exec = exec;
  }

  /** The interrupt handler of `cpu`. */
  handler(cpu: number): KernelCode<void> {
    if (this.usesItc) return timer_interrupt(this.c.k, this.c.ia64Globals, this.c.ia64Cpus[cpu]!);
    return tick_from_source(this.c.k);
  }

  /** A device raised `line` (the sink of every device's host). */
  onIrq(device: string, line: IrqLine, level: boolean): void {
    if (!level) return;
    const s = this.config.source;
    if (line.kind === 'cpu-timer') {
      if (s.kind === 'itc' && s.device === device) this.deliver(line.cpu);
    } else if (s.kind === 'hpet-timer' && s.device === device) this.deliver(this.c.timekeeper);
  }

  /** Arms the tick's hardware (the ITC's ITMs are armed by the kernel's boot code). */
  start(): void {
    const s = this.config.source;
    const hz = this.c.k.hz.HZ;
    if (s.kind === 'ideal') {
      const periodFs = FS_PER_S / hz;
      let n = 1n;
      const ev = this.c.scheduler.event(Band.IRQ, () => {
        this.deliver(this.c.timekeeper);
        n++;
        this.c.scheduler.arm(ev, n * periodFs);
      });
      this.c.scheduler.arm(ev, periodFs);
    } else if (s.kind === 'hpet-timer') {
      const d = this.c.devices.byName.get(s.device);
      if (d?.kind !== 'hpet') throw new Error(`tick: ${s.device} is not an HPET`);
      const hpet = d.device;
      const jiffyFs = FS_PER_S / hz;
      const ticks = (jiffyFs + hpet.periodFs / 2n) / hpet.periodFs;
      hpet.startPeriodic(s.timer, ticks, TICK_PIN, this.c.scheduler.nowFs, this.c.timekeeper);
    }
  }

  private deliver(cpu: number): void {
    const exec = this.exec!;
    const lat = this.latency.sample(this.c.rng);
    if (lat === 0n) exec.raise(cpu);
    else this.c.scheduler.schedule(this.c.scheduler.nowFs + lat, Band.IRQ, () => exec.raise(cpu));
  }
}
