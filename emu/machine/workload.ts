// SPDX-License-Identifier: GPL-2.0-only
/**
 * The workload: per CPU, a loop of system calls reading a clock, each entered through a `syscall`
 * work operation, separated by the group's think time. gettimeofday reads are checked for
 * monotonicity among themselves (µs values), the ns-resolution REALTIME reads among themselves. Every completed call becomes a ClockRead
 * for the checkers; the seqlock retries of the call come from the sequence loads it made (one
 * retry per extra pair of loads beyond the minimum: 2 for REALTIME, 4 for CLOCK_MONOTONIC, whose
 * ktime_get_ts loop wraps getnstimeofday's).
 */

import {
  do_gettimeofday,
  getnstimeofday,
  ktime_get_ts,
} from '../../interpolator/fast/read-path-inlined.js';
import type { TimekeepingKernel } from '../../interpolator/kernel/timer/timekeeping-state.js';
import { type KernelCode, work } from '../../interpolator/ops.js';
import { fromSpec } from '../base/distribution.js';
import type { Rng } from '../base/rng.js';
import { NS_PER_S, type TimeFs } from '../base/time.js';
import type { RunCheckers } from '../checkers/run-checkers.js';
import type { ClockRead } from '../checkers/types.js';
import type { Executor } from '../engine/executor.js';
import type { ReadCall, ReaderGroup } from '../scenario/types.js';
import type { CpuThreads } from './cpu-threads.js';
import type { RunObserver } from './run-observer.js';
import type { TrueClock } from './true-clock.js';
import type { KernelWatch } from './watch.js';

/** ops are immutable: one for every system call entry */
const SYSCALL = work('syscall');

interface Reading {
  readonly clock: ClockRead['clock'];
  readonly valueNs: bigint;
}

export interface WorkloadContext {
  readonly k: TimekeepingKernel;
  readonly exec: Executor;
  readonly threads: readonly CpuThreads[];
  readonly checkers: RunCheckers;
  readonly watch: KernelWatch;
  readonly trueClock: TrueClock;
  readonly root: Rng;
  /** completed reads per CPU */
  readonly readsPerCpu: number[];
  /** told of each read as it begins and completes */
  readonly observer?: RunObserver;
}

/** Per CPU: how to go on with its reader loop after the call in flight died in a fault. */
export type Resume = (() => void) | null;

export class Workload {
  /** per CPU, set while a call is in flight */
  readonly resume: Resume[];

  constructor(private readonly c: WorkloadContext) {
    this.resume = new Array<Resume>(c.exec.cpuCount).fill(null);
  }

  start(groups: readonly ReaderGroup[]): void {
    for (const g of groups) {
      const interval = fromSpec(g.intervalFs, 'fs');
      for (const cpu of g.cpus) {
        const rng = this.c.root.fork(`workload:cpu${cpu}`);
        let done = 0;
        const next = (atFs: TimeFs): void => {
          if (g.count !== undefined && done >= g.count) return;
          done++;
          this.c.threads[cpu]!.submit(atFs, job);
        };
        const after = (endFs: TimeFs): void => next(endFs + interval.sample(rng));
        const resume = (): void => after(this.c.exec.cpuTimeFs(cpu));
        const job = (): KernelCode<void> => this.call(cpu, g.call, after, resume);
        next(g.startFs);
      }
    }
  }

  /** The call in flight on `cpu` was killed by a fault. */
  killed(cpu: number): void {
    const probe = this.c.watch.probes[cpu]!;
    if (!probe.active) return;
    probe.active = false;
    this.c.checkers.abandon(cpu);
    const resume = this.resume[cpu];
    this.resume[cpu] = null;
    resume?.();
  }

  private *call(
    cpu: number,
    call: ReadCall,
    after: (endFs: TimeFs) => void,
    resume: () => void,
  ): KernelCode<void> {
    const { exec, checkers, watch, trueClock, k } = this.c;
    const startFs = exec.cpuTimeFs(cpu);
    checkers.begin(cpu, startFs);
    this.c.observer?.readBegin?.(cpu, startFs);
    const probe = watch.probes[cpu]!;
    probe.active = true;
    probe.sequenceLoads = 0;
    probe.epoch = trueClock.epoch;
    this.resume[cpu] = resume;
    yield SYSCALL;
    let r: Reading;
    switch (call) {
      case 'getnstimeofday':
      case 'clock_gettime_realtime': {
        const ts = yield* getnstimeofday(k);
        r = { clock: 'realtime', valueNs: ts.tv_sec * NS_PER_S + ts.tv_nsec };
        break;
      }
      case 'gettimeofday': {
        const tv = yield* do_gettimeofday(k);
        r = { clock: 'realtime', valueNs: tv.tv_sec * NS_PER_S + tv.tv_usec * 1000n };
        break;
      }
      case 'clock_gettime_monotonic': {
        const ts = yield* ktime_get_ts(k);
        r = { clock: 'monotonic', valueNs: ts.tv_sec * NS_PER_S + ts.tv_nsec };
        break;
      }
    }
    const endFs = exec.cpuTimeFs(cpu);
    probe.active = false;
    this.resume[cpu] = null;
    const minimum = r.clock === 'monotonic' ? 4 : 2;
    for (let n = (probe.sequenceLoads - minimum) >> 1; n > 0; n--)
      checkers.observeKernel({ kind: 'seqlock_retry', cpu, atFs: endFs });
    const midFs = (startFs + endFs) / 2n;
    const realtime = r.clock === 'realtime';
    const read: ClockRead = {
      cpu,
      call,
      startFs,
      endFs,
      clock: r.clock,
      valueNs: r.valueNs,
      trueNs: realtime ? trueClock.realtimeNs(midFs, probe.epoch) : trueClock.monotonicNs(midFs),
      // µs-resolution reads (gettimeofday) form their own REALTIME class: compared with ns reads,
      // truncation alone would look like backward steps of up to 999 ns
      epoch: realtime ? probe.epoch * 2 + (call === 'gettimeofday' ? 1 : 0) : 0,
    };
    checkers.observeRead(read);
    this.c.observer?.readEnd?.(read);
    this.c.readsPerCpu[cpu]!++;
    after(endFs);
  }
}
