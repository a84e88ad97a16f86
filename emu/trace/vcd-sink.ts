// SPDX-License-Identifier: GPL-2.0-only
/**
 * A trace sink that turns trace records into VCD signals: one module per CPU (`value`: the last
 * result of a read; `in_irq`; `running`; `faulted`) and one per MMIO device (`read_value`).
 * A read's value appears at the operation's end; records arrive in start order, so each record's
 * start is a watermark below which the buffered changes are final.
 */
import { EXECUTOR_KINDS } from '../base/trace-record.js';
import type { TraceKind, TraceRecord, TraceSink } from './tracer.js';
import { type VcdHeader, VcdWriter } from './vcd.js';

interface CpuIds {
  readonly value: string;
  readonly inIrq: string;
  readonly running: string;
  readonly faulted: string;
}

const READS = new Set(['load', 'cmpxchg', 'mmio_read', 'cycles', 'call_source']);

export class VcdTraceSink implements TraceSink {
  /** the executor's records only: the VCD is built from operations, interrupts and CPU states */
  readonly kinds: ReadonlySet<TraceKind> = new Set(EXECUTOR_KINDS);
  private readonly vcd: VcdWriter;
  private readonly cpus: CpuIds[] = [];
  private readonly devices = new Map<string, string>();

  constructor(
    write: (chunk: string) => void,
    machine: { readonly cpuCount: number; readonly devices?: readonly string[] },
    header: VcdHeader = {},
  ) {
    this.vcd = new VcdWriter(write, header);
    for (let c = 0; c < machine.cpuCount; c++) {
      const m = `cpu${c}`;
      this.cpus.push({
        value: this.vcd.declare(m, 'value', 'wire', 64),
        inIrq: this.vcd.declare(m, 'in_irq', 'wire', 1),
        running: this.vcd.declare(m, 'running', 'wire', 1),
        faulted: this.vcd.declare(m, 'faulted', 'wire', 1),
      });
    }
    for (const d of machine.devices ?? [])
      this.devices.set(d, this.vcd.declare(d, 'read_value', 'wire', 64));
  }

  record(r: TraceRecord): void {
    this.vcd.flushBefore(r.t);
    const ids = this.cpus[r.cpu];
    if (ids === undefined) return;
    switch (r.type) {
      case 'op': {
        if (!READS.has(r.op) || !/^[0-9]+$/.test(r.value)) return;
        const v = BigInt(r.value);
        this.vcd.change(r.end, ids.value, v);
        if (r.op === 'mmio_read') {
          const id = this.devices.get(r.target.split('+')[0]!);
          if (id !== undefined) this.vcd.change(r.end, id, v);
        }
        return;
      }
      case 'irq':
        this.vcd.change(r.t, ids.inIrq, r.edge === 'enter');
        return;
      case 'cpu':
        this.vcd.change(r.t, ids.running, r.state === 'run');
        return;
      case 'kernel':
        this.vcd.change(r.t, ids.faulted, true);
        return;
      case 'bus_error':
        return;
    }
  }

  end(): void {
    this.vcd.end();
  }
}
