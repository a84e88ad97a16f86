// SPDX-License-Identifier: GPL-2.0-only
/**
 * Monotonicity in real-time order across CPUs (docs/machine.md, "How each figure is measured").
 *
 * Read A precedes read B when A completed strictly before B started: `A.endFs < B.startFs`. Reads
 * that overlap, or touch (`A.endFs === B.startFs`: the value of each may have been taken at that
 * same instant), are not ordered. B violates monotonicity when its value is below the largest value
 * of the reads of the same clock that precede it; REALTIME reads are compared only within one
 * epoch (between settimeofday calls), MONOTONIC reads always.
 *
 * Streaming: reads arrive in completion order (`endFs` non-decreasing), so the reads preceding B
 * are a prefix of the arrivals. Each clock keeps a staircase of (endFs, running maximum) entries,
 * one per new maximum; B's reference is the last entry with endFs < B.startFs (binary search).
 * Entries can be pruned once no read still to come can start before them: given a bound L on
 * every future startFs, all entries with endFs < L collapse into the last of them. L comes from
 * `begin` (every read announced when it starts: L = earliest start in flight, or the last
 * completion if none is in flight) or from `retireBefore(L)`. Memory is then bounded by the reads
 * that end within the in-flight window, not by the run length.
 */
import { CpuTable } from './cpu-table.js';
import { type ClockRead, type ReadRef, readRef } from './types.js';

export interface MonotonicityVerdict {
  readonly monotonic: boolean;
  readonly reads: number;
  /** reads whose value is below the maximum of the reads that completed before they started */
  readonly violations: number;
  /** largest (maximum of preceding values − value) over all reads; 0 when monotonic */
  readonly maxBackwardStepNs: bigint;
  /**
   * The first violating read (in completion order) and the read it steps back from: the earliest
   * completed of the preceding reads with the largest value.
   */
  readonly firstCounterexample: {
    readonly clock: ClockRead['clock'];
    readonly earlier: ReadRef;
    readonly later: ReadRef;
  } | null;
}

/** Running maxima of one clock (and epoch), by completion time. */
class Staircase {
  private endsFs: bigint[] = [];
  private maxesNs: bigint[] = [];
  private reads: ClockRead[] = [];
  private head = 0;

  get size(): number {
    return this.endsFs.length - this.head;
  }

  /** The index of the entry for the reads that ended before `startFs`, or -1 if none did. */
  reference(startFs: bigint): number {
    const endsFs = this.endsFs;
    let lo = this.head;
    let hi = endsFs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (endsFs[mid]! < startFs) lo = mid + 1;
      else hi = mid;
    }
    return lo === this.head ? -1 : lo - 1;
  }

  maxNs(entry: number): bigint {
    return this.maxesNs[entry]!;
  }

  read(entry: number): ClockRead {
    return this.reads[entry]!;
  }

  add(read: ClockRead): void {
    const n = this.endsFs.length;
    if (n > this.head && this.maxesNs[n - 1]! >= read.valueNs) return;
    this.endsFs.push(read.endFs);
    this.maxesNs.push(read.valueNs);
    this.reads.push(read);
  }

  /** Collapse the entries that end before `boundFs` into the last of them. */
  retireBefore(boundFs: bigint): void {
    const n = this.endsFs.length;
    while (this.head + 1 < n && this.endsFs[this.head + 1]! < boundFs) this.head++;
    if (this.head > 64 && this.head * 2 > n) {
      this.endsFs = this.endsFs.slice(this.head);
      this.maxesNs = this.maxesNs.slice(this.head);
      this.reads = this.reads.slice(this.head);
      this.head = 0;
    }
  }
}

export class MonotonicityChecker {
  private readonly staircases = new Map<string, Staircase>();
  /** the values of `staircases` */
  private readonly stairsList: Staircase[] = [];
  /** per CPU: the start of its read in flight */
  private readonly inFlight = new CpuTable<bigint>();
  /** announced starts (CPU and time) in start order; stale entries are skipped lazily */
  private queueCpus: number[] = [];
  private queueStartsFs: bigint[] = [];
  private queueHead = 0;
  private tracked = false;
  private lastEndFs = 0n;
  private lastBeginFs = 0n;
  private boundFs = 0n;
  private reads = 0;
  private violations = 0;
  private maxBackwardStepNs = 0n;
  private first: MonotonicityVerdict['firstCounterexample'] = null;
  private lastClock: ClockRead['clock'] | undefined = undefined;
  private lastEpoch = 0;
  private lastStairs: Staircase | undefined = undefined;

  /**
   * A read starts on `cpu`. Once used, every read must be announced, in start order, before it
   * is observed; the checker then prunes by itself.
   */
  begin(cpu: number, startFs: bigint): void {
    if (this.reads > 0 && !this.tracked) {
      throw new Error('MonotonicityChecker.begin: reads were observed without begin');
    }
    if (this.inFlight.get(cpu) !== undefined) {
      throw new Error(`MonotonicityChecker.begin: cpu ${cpu} already has a read in flight`);
    }
    if (startFs < this.lastBeginFs || startFs < this.boundFs) {
      throw new Error(`MonotonicityChecker.begin: start ${startFs} fs is out of order`);
    }
    this.tracked = true;
    this.lastBeginFs = startFs;
    this.inFlight.set(cpu, startFs);
    this.queueCpus.push(cpu);
    this.queueStartsFs.push(startFs);
  }

  /**
   * The read in flight on `cpu` will never complete (its context died in a kernel fault); without
   * this, its start would hold back pruning for the rest of the run.
   */
  abandon(cpu: number): void {
    this.inFlight.delete(cpu);
    if (this.tracked) this.retireBefore(this.earliestPossibleStartFs());
  }

  /** A promise that no read observed from now on started before `boundFs`. */
  retireBefore(boundFs: bigint): void {
    if (boundFs <= this.boundFs) return;
    this.boundFs = boundFs;
    for (const s of this.stairsList) s.retireBefore(boundFs);
  }

  observe(read: ClockRead): void {
    if (read.startFs > read.endFs) {
      throw new Error(`MonotonicityChecker: read ends (${read.endFs}) before it starts`);
    }
    if (read.endFs < this.lastEndFs) {
      throw new Error('MonotonicityChecker: reads must be observed in completion order');
    }
    if (read.startFs < this.boundFs) {
      throw new Error(`MonotonicityChecker: read started before the retired bound ${this.boundFs}`);
    }
    if (this.tracked) this.complete(read);
    this.lastEndFs = read.endFs;
    this.reads++;

    const stairs = this.staircaseOf(read);
    const ref = stairs.reference(read.startFs);
    if (ref >= 0 && stairs.maxNs(ref) > read.valueNs) {
      this.violations++;
      const step = stairs.maxNs(ref) - read.valueNs;
      if (step > this.maxBackwardStepNs) this.maxBackwardStepNs = step;
      this.first ??= {
        clock: read.clock,
        earlier: readRef(stairs.read(ref)),
        later: readRef(read),
      };
    }
    stairs.add(read);
    if (this.tracked) this.retireBefore(this.earliestPossibleStartFs());
  }

  /** The read's clock (REALTIME per epoch); the last one is kept, as reads mostly repeat it. */
  private staircaseOf(read: ClockRead): Staircase {
    const monotonic = read.clock === 'monotonic';
    const last = this.lastStairs;
    if (
      last !== undefined &&
      read.clock === this.lastClock &&
      (monotonic || read.epoch === this.lastEpoch)
    )
      return last;
    const key = monotonic ? 'monotonic' : `realtime:${read.epoch}`;
    let stairs = this.staircases.get(key);
    if (stairs === undefined) {
      stairs = new Staircase();
      this.staircases.set(key, stairs);
      this.stairsList.push(stairs);
    }
    this.lastClock = read.clock;
    this.lastEpoch = read.epoch;
    this.lastStairs = stairs;
    return stairs;
  }

  verdict(): MonotonicityVerdict {
    return {
      monotonic: this.violations === 0,
      reads: this.reads,
      violations: this.violations,
      maxBackwardStepNs: this.maxBackwardStepNs,
      firstCounterexample: this.first,
    };
  }

  /** Entries held across all clocks (for memory tests). */
  get retainedEntries(): number {
    let n = 0;
    for (const s of this.stairsList) n += s.size;
    return n;
  }

  private complete(read: ClockRead): void {
    if (this.inFlight.get(read.cpu) !== read.startFs) {
      throw new Error(
        `MonotonicityChecker: read on cpu ${read.cpu} at ${read.startFs} fs was not begun`,
      );
    }
    this.inFlight.delete(read.cpu);
  }

  /** Future reads start at or after the earliest read in flight, or else after the last end. */
  private earliestPossibleStartFs(): bigint {
    let head = this.queueHead;
    const cpus = this.queueCpus;
    const startsFs = this.queueStartsFs;
    while (head < cpus.length && this.inFlight.get(cpus[head]!) !== startsFs[head]) head++;
    if (head > 64 && head * 2 > cpus.length) {
      this.queueCpus = cpus.slice(head);
      this.queueStartsFs = startsFs.slice(head);
      head = 0;
    }
    this.queueHead = head;
    const oldestFs = this.queueStartsFs[head];
    return oldestFs !== undefined && oldestFs < this.lastEndFs ? oldestFs : this.lastEndFs;
  }
}
