// SPDX-License-Identifier: GPL-2.0-only
/**
 * The report's run observer: what the charts plot, gathered as the run goes. Times are kept as
 * simulated ms in JavaScript numbers and errors as ns numbers: these feed the plots only (display,
 * never time arithmetic); the exact figures of the page come from the run's result as integers.
 */
import type { Op, Shared } from '../../../interpolator/ops.js';
import type { ClockRead } from '../../checkers/types.js';
import type { OpTimes } from '../../engine/executor-types.js';
import type { RunObserver } from '../../machine/run-observer.js';
import { Log2Histogram } from './histogram.js';

/** fs per ms, to place a simulated time on a plot's x axis */
const FS_PER_MS = 1e12;
/** display only: a bigint fs time as a ms number */
export const msOf = (fs: bigint): number => Number(fs) / FS_PER_MS;

/** Above this many CPUs the error chart shows all CPUs as one series (and only that is kept). */
export const MAX_CPU_SERIES = 8;

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
  /** per CPU: (end of read ms, value − true time ns); empty above MAX_CPU_SERIES CPUs */
  readonly errorByCpu: XY[];
  /** every CPU's reads in completion order; kept only above MAX_CPU_SERIES CPUs */
  readonly errorAll = xy();
  private readonly perCpu: boolean;
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
    this.perCpu = cpus <= MAX_CPU_SERIES;
    this.errorByCpu = Array.from({ length: this.perCpu ? cpus : 0 }, xy);
    this.cmpxchgAttempts = new Array<number>(cpus).fill(0);
    this.cmpxchgFailures = new Array<number>(cpus).fill(0);
  }

  readEnd(r: ClockRead): void {
    const x = msOf(r.endFs);
    const err = Number(r.valueNs - r.trueNs);
    const to = this.perCpu ? this.errorByCpu[r.cpu]! : this.errorAll;
    to.x.push(x);
    to.y.push(err);
    this.latency.add((r.endFs - r.startFs) / 1_000_000n);
    this.followRun(`${r.cpu}/${r.clock}/${r.epoch}`, r);
  }

  /** `last_cycle` is the field get_counter's cmpxchg contends for (kernel/time/interpolator.c) */
  cmpxchg(cpu: number, _obj: Shared, field: string, ok: boolean): void {
    if (field !== 'last_cycle') return;
    this.cmpxchgAttempts[cpu]!++;
    if (!ok) this.cmpxchgFailures[cpu]!++;
  }

  /**
   * Stores to a `struct time_interpolator` (the object with `nsec_per_cyc` and `skips`): `offset`
   * at each tick, `nsec_per_cyc` at registration and tuning, a non-zero `skips` at each skip
   * (time_interpolator_update increments it; tuning resets it to 0).
   */
  opTimed(_cpu: number, op: Op, _result: unknown, times: OpTimes): void {
    if (op.op !== 'store' || !isInterpolator(op.obj)) return;
    const v = op.value as bigint;
    if (op.field === 'offset') this.point(this.offset, times.startFs, Number(v));
    else if (op.field === 'nsec_per_cyc') this.point(this.nsecPerCyc, times.startFs, Number(v));
    else if (op.field === 'skips' && v !== 0n)
      this.point(this.skips, times.startFs, this.skips.y.length + 1);
  }

  private point(to: XY, atFs: bigint, y: number): void {
    to.x.push(msOf(atFs));
    to.y.push(y);
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

const isInterpolator = (obj: object): boolean => 'nsec_per_cyc' in obj && 'skips' in obj;
