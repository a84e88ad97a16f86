// SPDX-License-Identifier: GPL-2.0-only
/**
 * The structured event stream of a run. Call sites test `tracer.on` (one boolean) before building a
 * record, so tracing costs nothing when no sink is attached.
 *
 * Records arrive in non-decreasing `t` (the instant an operation starts, an interrupt is taken, a
 * fault happens): the executor emits from the scheduler's globally ordered event loop. A record
 * may carry a later `end` (when the operation completed); sinks that place values at `end` (VCD)
 * buffer and merge.
 */
import type { TraceRecord } from '../base/trace-record.js';

export type {
  BusErrorRecord,
  CpuRecord,
  IrqRecord,
  KernelRecord,
  OpRecord,
  TraceRecord,
} from '../base/trace-record.js';

export interface TraceSink {
  record(r: TraceRecord): void;
  /** end of the run: flush everything buffered */
  end(): void;
}

/** The trace observer of a run (it satisfies emu/engine's `TraceObserver`): fans records out. */
export class Tracer {
  /** true iff a sink is attached */
  readonly on: boolean;
  private readonly sinks: readonly TraceSink[];

  constructor(sinks: readonly TraceSink[] = []) {
    this.sinks = sinks;
    this.on = sinks.length > 0;
  }

  emit(r: TraceRecord): void {
    for (const s of this.sinks) s.record(r);
  }

  end(): void {
    for (const s of this.sinks) s.end();
  }
}
