// SPDX-License-Identifier: GPL-2.0-only
/**
 * The kernel threads of one CPU: a FIFO of jobs (a workload call, a scheduled system call, the
 * CPU's boot) run one after another by a single executor thread. A job becomes ready at its time;
 * while the thread runs, ready jobs follow at once (back-to-back calls never leave the thread);
 * when none is ready the thread ends and the CPU idles until the next job's time.
 *
 * The executor starts a thread only on an idle CPU with no interrupt about to be taken; when a
 * job becomes ready in that window (an interrupt handler runs on the idle CPU), the start waits
 * until the executor reports the CPU idle again (`cpuIdle`, after the handler's `irq_exit`).
 */

import { asFrame, type KernelCode } from '../../interpolator/ops.js';
import type { TimeFs } from '../base/time.js';
import type { Executor } from '../engine/executor.js';
import { Band, type Scheduler } from '../engine/scheduler.js';

export type Job = () => KernelCode<void>;

export class CpuThreads {
  private readonly ready: Job[] = [];
  /** jobs that became ready before the CPU booted */
  private readonly held: Job[] = [];
  private running = false;
  private waitingForIdle = false;
  private booted = false;

  constructor(
    private readonly exec: Executor,
    private readonly scheduler: Scheduler,
    readonly cpu: number,
  ) {}

  /** A boot step: runs now, ahead of held jobs; `markBooted` releases them. */
  boot(job: Job): void {
    if (this.running) {
      this.ready.unshift(job);
      return;
    }
    this.scheduler.schedule(this.scheduler.nowFs, Band.CPU, () => {
      this.ready.unshift(job);
      this.kick();
    });
  }

  markBooted(): void {
    this.booted = true;
    this.ready.push(...this.held);
    this.held.length = 0;
    if (!this.running && this.ready.length > 0)
      this.scheduler.schedule(this.scheduler.nowFs, Band.CPU, () => this.kick());
  }

  /** Runs `job` on this CPU at `atFs` (or as soon as the CPU's current job ends). */
  submit(atFs: TimeFs, job: Job): void {
    if (this.running && this.booted && atFs <= this.scheduler.nowFs) {
      this.ready.push(job);
      return;
    }
    this.scheduler.schedule(atFs, Band.CPU, () => {
      (this.booted ? this.ready : this.held).push(job);
      this.kick();
    });
  }

  /** The current job died in a kernel fault: the thread is gone; later jobs still run. */
  threadKilled(): void {
    this.running = false;
    if (this.ready.length > 0)
      this.scheduler.schedule(this.scheduler.nowFs, Band.CPU, () => this.kick());
  }

  /** The executor left this CPU idle (a thread or a handler taken while idle ended). */
  cpuIdle(): void {
    if (!this.waitingForIdle) return;
    this.waitingForIdle = false;
    this.scheduler.schedule(this.scheduler.nowFs, Band.CPU, () => this.kick());
  }

  private kick(): void {
    if (this.running || this.ready.length === 0) return;
    const state = this.exec.stats(this.cpu).state;
    if (state === 'halt') return;
    if (state !== 'idle') {
      this.waitingForIdle = true;
      return;
    }
    try {
      this.exec.start(this.cpu, this.thread());
    } catch {
      // idle with an interrupt about to be taken: start after its handler
      this.waitingForIdle = true;
      return;
    }
    this.running = true;
  }

  private *thread(): KernelCode<void> {
    for (let job = this.ready.shift(); job !== undefined; job = this.ready.shift())
      yield* asFrame(job());
    this.running = false;
  }
}
