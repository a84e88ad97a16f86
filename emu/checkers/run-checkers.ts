// SPDX-License-Identifier: GPL-2.0-only
/**
 * All the checkers of a run behind one sink: the machine announces each read when it starts
 * (`begin`, for bounded memory), reports it when it completes, and forwards kernel events.
 */
import { AccuracyChecker, type AccuracyVerdict } from './accuracy.js';
import { KernelStats, type KernelStatsSummary } from './kernel-stats.js';
import { MonotonicityChecker, type MonotonicityVerdict } from './monotonicity.js';
import { StallChecker, type StallListener, type StallVerdict } from './stalls.js';
import type { ClockRead, KernelEvent } from './types.js';

export interface RunVerdict {
  readonly reads: number;
  readonly monotonicity: MonotonicityVerdict;
  readonly accuracy: AccuracyVerdict;
  readonly stalls: StallVerdict;
  readonly kernel: KernelStatsSummary;
}

export class RunCheckers {
  private readonly monotonicity = new MonotonicityChecker();
  private readonly accuracy = new AccuracyChecker();
  private readonly stalls: StallChecker;
  private readonly kernel = new KernelStats();

  /** @param stallListener told of each stall as it happens and ends (a trace or a waveform) */
  constructor(stallListener?: StallListener) {
    this.stalls = new StallChecker(stallListener);
  }

  begin(cpu: number, startFs: bigint): void {
    this.monotonicity.begin(cpu, startFs);
  }

  /** The read begun on `cpu` will never complete (a kernel fault killed it). */
  abandon(cpu: number): void {
    this.monotonicity.abandon(cpu);
  }

  observeRead(read: ClockRead): void {
    this.monotonicity.observe(read);
    this.accuracy.observe(read);
    this.stalls.observe(read);
  }

  observeKernel(event: KernelEvent): void {
    this.kernel.observe(event);
  }

  /** A `cmpxchg` kernel event, counted without building it (the machine's hot path). */
  countCmpxchg(ok: boolean): void {
    this.kernel.countCmpxchg(ok);
  }

  /** The run is over: the stall listener is told of the stalls still open. */
  protected closeStalls(): void {
    this.stalls.close();
  }

  verdict(): RunVerdict {
    const monotonicity = this.monotonicity.verdict();
    return {
      reads: monotonicity.reads,
      monotonicity,
      accuracy: this.accuracy.verdict(),
      stalls: this.stalls.verdict(),
      kernel: this.kernel.summary(),
    };
  }
}
