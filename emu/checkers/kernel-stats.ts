// SPDX-License-Identifier: GPL-2.0-only
/**
 * Kernel statistics: totals of the `KernelEvent`s of a run. Fixed memory: the nsec_per_cyc
 * changes and the faults keep their first `KEPT` entries besides their counts.
 */
import type { KernelEvent } from './types.js';

const KEPT = 16;

export interface NsecPerCycChange {
  readonly cpu: number;
  readonly atFs: bigint;
  readonly from: bigint;
  readonly to: bigint;
}

export interface Fault {
  readonly cpu: number;
  readonly atFs: bigint;
  readonly fault: 'BUG' | 'OOPS';
  readonly where: string;
}

export interface LongestGetCounter {
  readonly cpu: number;
  readonly startFs: bigint;
  readonly durationFs: bigint;
}

export interface KernelStatsSummary {
  readonly skips: bigint;
  readonly nsSkipped: bigint;
  readonly nsecPerCycChanges: number;
  /** the first changes, in order (at most 16) */
  readonly nsecPerCycFirstChanges: readonly NsecPerCycChange[];
  /** value after the last change, null when it never changed */
  readonly nsecPerCycLast: bigint | null;
  readonly seqlockRetries: number;
  readonly cmpxchgAttempts: number;
  readonly cmpxchgFailures: number;
  readonly getCounterCalls: number;
  /** longest get_counter call by a reader, and with the xtime write lock held (the tick) */
  readonly maxGetCounterFs: bigint;
  readonly maxWriterGetCounterFs: bigint;
  readonly longestGetCounter: LongestGetCounter | null;
  readonly longestWriterGetCounter: LongestGetCounter | null;
  readonly faultCounts: { readonly BUG: number; readonly OOPS: number };
  /** the first faults, in order (at most 16) */
  readonly faults: readonly Fault[];
}

export class KernelStats {
  private skips = 0n;
  private nsSkipped = 0n;
  private nsecPerCycChanges = 0;
  private readonly nsecPerCycFirstChanges: NsecPerCycChange[] = [];
  private nsecPerCycLast: bigint | null = null;
  private seqlockRetries = 0;
  private cmpxchgAttempts = 0;
  private cmpxchgFailures = 0;
  private getCounterCalls = 0;
  private longestReader: LongestGetCounter | null = null;
  private longestWriter: LongestGetCounter | null = null;
  private readonly faultCounts = { BUG: 0, OOPS: 0 };
  private readonly faults: Fault[] = [];

  /** A `cmpxchg` event without the event: what the machine reports for each attempt. */
  countCmpxchg(ok: boolean): void {
    this.cmpxchgAttempts++;
    if (!ok) this.cmpxchgFailures++;
  }

  /** Cases by frequency: a jitter-protected read makes dozens of cmpxchg attempts. */
  observe(event: KernelEvent): void {
    switch (event.kind) {
      case 'cmpxchg':
        this.countCmpxchg(event.ok);
        return;
      case 'get_counter': {
        this.getCounterCalls++;
        const durationFs = event.endFs - event.startFs;
        if (event.writer) {
          if (this.longestWriter === null || durationFs > this.longestWriter.durationFs)
            this.longestWriter = { cpu: event.cpu, startFs: event.startFs, durationFs };
        } else if (this.longestReader === null || durationFs > this.longestReader.durationFs)
          this.longestReader = { cpu: event.cpu, startFs: event.startFs, durationFs };
        return;
      }
      case 'skip':
        this.skips++;
        this.nsSkipped += event.nsSkipped;
        return;
      case 'nsec_per_cyc': {
        this.nsecPerCycChanges++;
        this.nsecPerCycLast = event.to;
        const { cpu, atFs, from, to } = event;
        if (this.nsecPerCycFirstChanges.length < KEPT) {
          this.nsecPerCycFirstChanges.push({ cpu, atFs, from, to });
        }
        return;
      }
      case 'seqlock_retry':
        this.seqlockRetries++;
        return;
      case 'fault': {
        this.faultCounts[event.fault]++;
        const { cpu, atFs, fault, where } = event;
        if (this.faults.length < KEPT) this.faults.push({ cpu, atFs, fault, where });
        return;
      }
      default: {
        const unreachable: never = event;
        throw new Error(`KernelStats: unknown event ${(unreachable as { kind: string }).kind}`);
      }
    }
  }

  summary(): KernelStatsSummary {
    return {
      skips: this.skips,
      nsSkipped: this.nsSkipped,
      nsecPerCycChanges: this.nsecPerCycChanges,
      nsecPerCycFirstChanges: [...this.nsecPerCycFirstChanges],
      nsecPerCycLast: this.nsecPerCycLast,
      seqlockRetries: this.seqlockRetries,
      cmpxchgAttempts: this.cmpxchgAttempts,
      cmpxchgFailures: this.cmpxchgFailures,
      getCounterCalls: this.getCounterCalls,
      maxGetCounterFs: this.longestReader?.durationFs ?? 0n,
      maxWriterGetCounterFs: this.longestWriter?.durationFs ?? 0n,
      longestGetCounter: this.longestReader,
      longestWriterGetCounter: this.longestWriter,
      faultCounts: { ...this.faultCounts },
      faults: [...this.faults],
    };
  }
}
