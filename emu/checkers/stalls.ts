// SPDX-License-Identifier: GPL-2.0-only
/**
 * Stalls: the longest run of consecutive reads on one CPU, of one clock (and, for REALTIME, one
 * epoch), that all returned the same value while true time advanced. A run's length is the time
 * between the starts of its first and last reads (with a fixed read latency, the time between
 * the instants the value was sampled). Runs whose reads all started at the same instant are no
 * stall. Memory: one open run per (CPU, clock).
 */
import { CpuTable } from './cpu-table.js';
import type { ClockRead } from './types.js';

export interface Stall {
  readonly cpu: number;
  readonly clock: ClockRead['clock'];
  readonly valueNs: bigint;
  /** start times of the first and last reads of the run */
  readonly fromFs: bigint;
  readonly toFs: bigint;
  readonly reads: number;
}

export interface StallVerdict {
  /** longest stall over all CPUs, 0 when none */
  readonly maxStallFs: bigint;
  /** the first run (in completion order) reaching that length; null when no stall */
  readonly longest: Stall | null;
  /** the longest stall per CPU that read, in CPU order */
  readonly perCpu: readonly { readonly cpu: number; readonly maxStallFs: bigint }[];
}

interface OpenRun {
  valueNs: bigint;
  epoch: number;
  fromFs: bigint;
  toFs: bigint;
  reads: number;
}

/** The open runs of one CPU (at most one per clock) and its longest stall. */
interface CpuRuns {
  realtime: OpenRun | undefined;
  monotonic: OpenRun | undefined;
  maxStallFs: bigint;
}

export class StallChecker {
  private readonly cpus = new CpuTable<CpuRuns>();
  private maxStallFs = 0n;
  private longest: Stall | null = null;

  observe(read: ClockRead): void {
    let runs = this.cpus.get(read.cpu);
    if (runs === undefined) {
      runs = { realtime: undefined, monotonic: undefined, maxStallFs: 0n };
      this.cpus.set(read.cpu, runs);
    }
    const monotonic = read.clock === 'monotonic';
    const run = monotonic ? runs.monotonic : runs.realtime;
    if (run === undefined) {
      const opened = {
        valueNs: read.valueNs,
        epoch: read.epoch,
        fromFs: read.startFs,
        toFs: read.startFs,
        reads: 1,
      };
      if (monotonic) runs.monotonic = opened;
      else runs.realtime = opened;
      return;
    }
    if (run.valueNs !== read.valueNs || (!monotonic && run.epoch !== read.epoch)) {
      run.valueNs = read.valueNs;
      run.epoch = read.epoch;
      run.fromFs = read.startFs;
      run.toFs = read.startFs;
      run.reads = 1;
      return;
    }
    run.toFs = read.startFs;
    run.reads++;
    const stallFs = run.toFs - run.fromFs;
    if (stallFs > runs.maxStallFs) runs.maxStallFs = stallFs;
    if (stallFs > this.maxStallFs) {
      this.maxStallFs = stallFs;
      const { valueNs, fromFs, toFs, reads } = run;
      this.longest = { cpu: read.cpu, clock: read.clock, valueNs, fromFs, toFs, reads };
    }
  }

  verdict(): StallVerdict {
    return {
      maxStallFs: this.maxStallFs,
      longest: this.longest,
      perCpu: this.cpus.sorted().map(([cpu, runs]) => ({ cpu, maxStallFs: runs.maxStallFs })),
    };
  }
}
