// SPDX-License-Identifier: GPL-2.0-only
/**
 * The checkers of a traced run: the same measurements, each also handed to the tracer as a trace
 * record (a completed read, a get_counter call, a skip, a tuning change, a stall, a fault). The
 * records come from the measurements themselves (the workload's reads, the watch's call-boundary
 * hooks and stores, docs/machine.md), so the trace and the verdict cannot disagree. A waveform's
 * signals (`signals`) also learn when each read call begins and whether the CPU is in a stall.
 */
import type { SignalTap } from '../base/signal-tap.js';
import type { TimeFs } from '../base/time.js';
import type { UpdateRecord } from '../base/trace-record.js';
import { RunCheckers } from '../checkers/run-checkers.js';
import type { Stall, StallListener } from '../checkers/stalls.js';
import type { ClockRead, KernelEvent } from '../checkers/types.js';
import type { DomainRecord } from '../trace/tracer.js';

export interface DomainTracer {
  emit(r: DomainRecord): void;
  readonly signals?: SignalTap | undefined;
}

/** The verdict's stall checker told to the trace (each stall as it ends) and the waveform. */
class StallTap implements StallListener {
  /** per CPU: whether `stalled` is on */
  private readonly stalling: boolean[] = [];
  /** the run's end, for the stalls still open then */
  endFs: TimeFs = 0n;

  constructor(private readonly tracer: DomainTracer) {}

  observed(read: ClockRead, on: boolean): void {
    if ((this.stalling[read.cpu] ?? false) === on) return;
    this.stalling[read.cpu] = on;
    this.tracer.signals?.stalled(read.cpu, on, read.endFs);
  }

  ended(s: Stall, read: ClockRead | null): void {
    this.tracer.emit(stallRecord(s, read?.endFs ?? this.endFs));
  }
}

export class TracingCheckers extends RunCheckers {
  private readonly stallTap: StallTap;

  constructor(private readonly tracer: DomainTracer) {
    const stallTap = new StallTap(tracer);
    super(stallTap);
    this.stallTap = stallTap;
  }

  override begin(cpu: number, startFs: bigint): void {
    super.begin(cpu, startFs);
    this.tracer.signals?.callBegin(cpu, startFs);
  }

  /** The read's record first: the stall it continues or ends is told after it (`StallTap`). */
  override observeRead(read: ClockRead): void {
    this.tracer.emit({
      type: 'read',
      t: read.endFs,
      start: read.startFs,
      cpu: read.cpu,
      call: read.call ?? read.clock,
      clock: read.clock,
      valueNs: read.valueNs,
      trueNs: read.trueNs,
      errorNs: read.valueNs - read.trueNs,
    });
    super.observeRead(read);
  }

  override observeKernel(e: KernelEvent): void {
    super.observeKernel(e);
    const r = domainRecord(e);
    if (r !== null) this.tracer.emit(r);
  }

  /** A call of time_interpolator_update (the watch's `update` hook). */
  observeUpdate(r: UpdateRecord): void {
    this.tracer.emit(r);
  }

  /** The run ended at `endFs`: the stalls still open end with it. */
  finish(endFs: TimeFs): void {
    this.stallTap.endFs = endFs;
    this.closeStalls();
  }
}

function stallRecord(s: Stall, t: TimeFs): DomainRecord {
  const { cpu, clock, valueNs, fromFs, toFs, reads } = s;
  return { type: 'stall', t, cpu, clock, valueNs, fromFs, toFs, reads };
}

function domainRecord(e: KernelEvent): DomainRecord | null {
  switch (e.kind) {
    case 'get_counter':
      return { type: 'get_counter', t: e.endFs, start: e.startFs, cpu: e.cpu, writer: e.writer };
    case 'skip':
      return { type: 'skip', t: e.atFs, cpu: e.cpu, nsSkipped: e.nsSkipped };
    case 'nsec_per_cyc':
      return { type: 'tuning', t: e.atFs, cpu: e.cpu, from: e.from, to: e.to };
    case 'fault':
      return { type: 'fault', t: e.atFs, cpu: e.cpu, fault: e.fault, where: e.where };
    default:
      return null;
  }
}
