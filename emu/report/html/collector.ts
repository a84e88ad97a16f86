// SPDX-License-Identifier: GPL-2.0-only
/**
 * The report's run observer: what the charts plot, gathered as the run goes. Times are kept as
 * simulated ms in JavaScript numbers and errors as ns numbers: these feed the plots only (display,
 * never time arithmetic); the exact figures of the page come from the run's result as integers.
 */
import type { ClockRead, KernelEvent } from '../../checkers/types.js';
import type { RunObserver } from '../../machine/run-observer.js';
import { Log2Histogram } from './histogram.js';

/** fs per ms, to place a simulated time on a plot's x axis */
const FS_PER_MS = 1e12;
/** display only: a bigint fs time as a ms number */
export const msOf = (fs: bigint): number => Number(fs) / FS_PER_MS;

interface XY {
  readonly x: number[];
  readonly y: number[];
}

const xy = (): XY => ({ x: [], y: [] });

/** The run of equal values a CPU's clock is in (for stall lengths). */
interface Run {
  valueNs: bigint;
  firstTrueNs: bigint;
  lastTrueNs: bigint;
  reads: number;
}

export class ReportCollector implements RunObserver {
  /** per CPU: (end of read ms, value − true time ns) */
  readonly errorByCpu: XY[];
  /** every CPU's reads in completion order, for runs with many CPUs */
  readonly errorAll = xy();
  readonly offset = xy();
  readonly nsecPerCyc = xy();
  /** cumulative skips over time */
  readonly skips = xy();
  readonly latency = new Log2Histogram();
  readonly stalls = new Log2Histogram();
  readonly cmpxchgAttempts: number[];
  readonly cmpxchgFailures: number[];
  private readonly runs = new Map<string, Run>();

  constructor(readonly cpus: number) {
    this.errorByCpu = Array.from({ length: cpus }, xy);
    this.cmpxchgAttempts = new Array<number>(cpus).fill(0);
    this.cmpxchgFailures = new Array<number>(cpus).fill(0);
  }

  read(r: ClockRead): void {
    const x = msOf(r.endFs);
    const err = Number(r.valueNs - r.trueNs);
    const mine = this.errorByCpu[r.cpu]!;
    mine.x.push(x);
    mine.y.push(err);
    this.errorAll.x.push(x);
    this.errorAll.y.push(err);
    this.latency.add((r.endFs - r.startFs) / 1_000_000n);
    this.followRun(`${r.cpu}/${r.clock}/${r.epoch}`, r);
  }

  kernel(e: KernelEvent): void {
    if (e.kind !== 'skip') return;
    this.skips.x.push(msOf(e.atFs));
    this.skips.y.push(this.skips.y.length + 1);
  }

  cmpxchg(cpu: number, ok: boolean): void {
    this.cmpxchgAttempts[cpu]!++;
    if (!ok) this.cmpxchgFailures[cpu]!++;
  }

  interpolatorStore(_cpu: number, field: string, value: bigint, atFs: bigint): void {
    const to = field === 'offset' ? this.offset : field === 'nsec_per_cyc' ? this.nsecPerCyc : null;
    if (to === null) return;
    to.x.push(msOf(atFs));
    to.y.push(Number(value));
  }

  /** Ends the open runs of equal values (call once the run is over). */
  finish(): void {
    for (const run of this.runs.values()) this.endRun(run);
    this.runs.clear();
  }

  private followRun(key: string, r: ClockRead): void {
    const run = this.runs.get(key);
    if (run !== undefined && run.valueNs === r.valueNs) {
      run.lastTrueNs = r.trueNs;
      run.reads++;
      return;
    }
    if (run !== undefined) this.endRun(run);
    this.runs.set(key, {
      valueNs: r.valueNs,
      firstTrueNs: r.trueNs,
      lastTrueNs: r.trueNs,
      reads: 1,
    });
  }

  /** A stall: two or more reads returned one value while true time advanced. */
  private endRun(run: Run): void {
    if (run.reads >= 2 && run.lastTrueNs > run.firstTrueNs)
      this.stalls.add(run.lastTrueNs - run.firstTrueNs);
  }
}
