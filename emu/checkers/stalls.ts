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

/** Told of stalls as they happen (a trace or a waveform shows them); optional. */
export interface StallListener {
  /** after each read: whether it continued a stall (its run has ≥ 2 reads over advancing time) */
  observed(read: ClockRead, stalling: boolean): void;
  /** a stall ended: `read` returned another value (or another epoch's); null at the run's end */
  ended(stall: Stall, read: ClockRead | null): void;
}

export class StallChecker {
  private readonly cpus = new CpuTable<CpuRuns>();
  private maxStallFs = 0n;
  private longest: Stall | null = null;

  constructor(private readonly listener?: StallListener) {}

  observe(read: ClockRead): void {
    const stalling = this.extend(read);
    this.listener?.observed(read, stalling);
  }

  /** Adds `read` to its run; whether the run is now a stall. */
  private extend(read: ClockRead): boolean {
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
      return false;
    }
    if (run.valueNs !== read.valueNs || (!monotonic && run.epoch !== read.epoch)) {
      this.restart(run, read);
      return false;
    }
    run.toFs = read.startFs;
    run.reads++;
    const stallFs = run.toFs - run.fromFs;
    if (stallFs > runs.maxStallFs) runs.maxStallFs = stallFs;
    if (stallFs > this.maxStallFs) {
      this.maxStallFs = stallFs;
      this.longest = stallOf(read.cpu, read.clock, run);
    }
    return stallFs > 0n;
  }

  /** `read` ended the open `run`, which restarts with it. */
  private restart(run: OpenRun, read: ClockRead): void {
    if (run.toFs > run.fromFs) this.listener?.ended(stallOf(read.cpu, read.clock, run), read);
    run.valueNs = read.valueNs;
    run.epoch = read.epoch;
    run.fromFs = read.startFs;
    run.toFs = read.startFs;
    run.reads = 1;
  }

  /** The run ends: the listener is told of the stalls still open, in CPU order. */
  close(): void {
    if (this.listener === undefined) return;
    for (const [cpu, runs] of this.cpus.sorted())
      for (const [clock, run] of [
        ['realtime', runs.realtime],
        ['monotonic', runs.monotonic],
      ] as const)
        if (run !== undefined && run.toFs > run.fromFs)
          this.listener.ended(stallOf(cpu, clock, run), null);
  }

  verdict(): StallVerdict {
    return {
      maxStallFs: this.maxStallFs,
      longest: this.longest,
      perCpu: this.cpus.sorted().map(([cpu, runs]) => ({ cpu, maxStallFs: runs.maxStallFs })),
    };
  }
}

function stallOf(cpu: number, clock: ClockRead['clock'], run: OpenRun): Stall {
  const { valueNs, fromFs, toFs, reads } = run;
  return { cpu, clock, valueNs, fromFs, toFs, reads };
}
