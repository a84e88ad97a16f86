/**
 * Stalls: the longest run of consecutive reads on one CPU, of one clock (and, for REALTIME, one
 * epoch), that all returned the same value while true time advanced. A run's length is the time
 * between the starts of its first and last reads (with a fixed read latency, the time between
 * the instants the value was sampled). Runs whose reads all started at the same instant are no
 * stall. Memory: one open run per (CPU, clock).
 */
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

export class StallChecker {
  private readonly runs = new Map<string, OpenRun>();
  private readonly maxByCpu = new Map<number, bigint>();
  private maxStallFs = 0n;
  private longest: Stall | null = null;

  observe(read: ClockRead): void {
    const key = `${read.cpu}:${read.clock}`;
    const run = this.runs.get(key);
    const sameRun =
      run !== undefined &&
      run.valueNs === read.valueNs &&
      (read.clock === 'monotonic' || run.epoch === read.epoch);
    if (!sameRun) {
      this.runs.set(key, {
        valueNs: read.valueNs,
        epoch: read.epoch,
        fromFs: read.startFs,
        toFs: read.startFs,
        reads: 1,
      });
      if (!this.maxByCpu.has(read.cpu)) this.maxByCpu.set(read.cpu, 0n);
      return;
    }
    run.toFs = read.startFs;
    run.reads++;
    const stallFs = run.toFs - run.fromFs;
    if (stallFs > this.maxByCpu.get(read.cpu)!) this.maxByCpu.set(read.cpu, stallFs);
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
      perCpu: [...this.maxByCpu.entries()]
        .sort(([a], [b]) => a - b)
        .map(([cpu, maxStallFs]) => ({ cpu, maxStallFs })),
    };
  }
}
