// SPDX-License-Identifier: GPL-2.0-only
/**
 * The checkers of a traced run: the same measurements, each also handed to the tracer as a trace
 * record (a completed read, a get_counter call, a skip, a tuning change, a fault). The records
 * come from the measurements themselves (the workload's reads, the watch's call-boundary hooks
 * and stores, docs/machine.md), so the trace and the verdict cannot disagree.
 */
import { RunCheckers } from '../checkers/run-checkers.js';
import type { ClockRead, KernelEvent } from '../checkers/types.js';
import type { DomainRecord } from '../trace/tracer.js';

export interface DomainTracer {
  emit(r: DomainRecord): void;
}

export class TracingCheckers extends RunCheckers {
  constructor(private readonly tracer: DomainTracer) {
    super();
  }

  override observeRead(read: ClockRead): void {
    super.observeRead(read);
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
  }

  override observeKernel(e: KernelEvent): void {
    super.observeKernel(e);
    const r = domainRecord(e);
    if (r !== null) this.tracer.emit(r);
  }
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
