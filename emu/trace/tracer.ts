// SPDX-License-Identifier: GPL-2.0-only
/**
 * The structured event stream of a run, fanned out to sinks. Two sources feed it: the executor
 * (operations, interrupts, CPU states, bus errors, faults: `on`) and the machine's measurements
 * (reads, get_counter calls, skips, tuning, faults: `domain`). Each sink names the record kinds
 * it takes; a source none of the sinks wants stays off, and costs nothing (the executor tests
 * `on`, one boolean, before it builds a record).
 *
 * Executor records arrive in non-decreasing `t` (the instant an operation starts, an interrupt
 * is taken, a fault happens); a record may carry a later `end`. Measurement records are made when
 * what they measure completes (`t`, with `start` for spans), interleaved with the executor's.
 */
import type { SignalTap } from '../base/signal-tap.js';
import {
  DOMAIN_KINDS,
  EXECUTOR_KINDS,
  type TraceKind,
  type TraceRecord,
} from '../base/trace-record.js';

export type {
  BusErrorRecord,
  CpuRecord,
  DomainRecord,
  FaultRecord,
  GetCounterRecord,
  IrqRecord,
  KernelRecord,
  OpRecord,
  ReadRecord,
  RefusedRecord,
  SkipRecord,
  StallRecord,
  TraceKind,
  TraceRecord,
  TuningRecord,
  UpdateRecord,
} from '../base/trace-record.js';

export interface TraceSink {
  /** the record kinds this sink takes; every kind when absent */
  readonly kinds?: ReadonlySet<TraceKind>;
  record(r: TraceRecord): void;
  /** the values written, counters read and call boundaries this sink shows (a waveform) */
  readonly signals?: SignalTap;
  /** end of the run: flush everything buffered */
  end(): void;
}

const wants = (s: TraceSink, kinds: readonly TraceKind[]): boolean =>
  s.kinds === undefined || kinds.some((k) => s.kinds!.has(k));

/** The trace observer of a run (it satisfies emu/engine's `TraceObserver`): fans records out. */
export class Tracer {
  /** true iff a sink takes executor records */
  readonly on: boolean;
  /** true iff a sink takes `op` records (one per operation: the costly kind) */
  readonly ops: boolean;
  /** true iff a sink takes `refused` records */
  readonly refusals: boolean;
  /** true iff a sink takes the machine's measurement records */
  readonly domain: boolean;
  /** the signals of the sink that shows them (one waveform per run), if any */
  readonly signals: SignalTap | undefined;
  private readonly sinks: readonly TraceSink[];

  constructor(sinks: readonly TraceSink[] = []) {
    this.sinks = sinks;
    this.on = sinks.some((s) => wants(s, EXECUTOR_KINDS));
    this.ops = sinks.some((s) => wants(s, ['op']));
    this.refusals = sinks.some((s) => wants(s, ['refused']));
    this.domain = sinks.some((s) => wants(s, DOMAIN_KINDS) || s.signals !== undefined);
    this.signals = sinks.find((s) => s.signals !== undefined)?.signals;
  }

  emit(r: TraceRecord): void {
    for (const s of this.sinks) if (s.kinds === undefined || s.kinds.has(r.type)) s.record(r);
  }

  end(): void {
    for (const s of this.sinks) s.end();
  }
}
