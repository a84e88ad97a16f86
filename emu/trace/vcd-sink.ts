// SPDX-License-Identifier: GPL-2.0-only
/**
 * A trace sink that turns a run into VCD signals grouped in modules (docs/outputs.md lists every
 * signal, emu/trace/vcd-signals.ts declares them). It takes few trace records (reads, skips,
 * tuning, interrupt edges, CPU states, faults) and, through its `SignalTap`, only the operations
 * it shows (writes to the interpolator's and the kernel's variables, counter reads): the machine
 * builds no record for the others.
 *
 * Executor records and signal calls arrive in non-decreasing start time, so each one's start is a
 * watermark below which the buffered changes are final; a counter read's value is placed at its
 * end. Measurement records (read, skip, tuning) arrive at the instant they complete and are
 * placed there.
 */
import type { SignalTap, SignalVariable } from '../base/signal-tap.js';
import type { TimeFs } from '../base/time.js';
import type { TraceKind, TraceRecord, TraceSink } from './tracer.js';
import { type VcdHeader, VcdWriter } from './vcd.js';
import { declareSignals, type VcdMachine, type VcdSignals } from './vcd-signals.js';

export type { VcdMachine } from './vcd-signals.js';

/** A signed value as the 64 bits of its two's complement (a VCD vector has no sign). */
const bits64 = (v: bigint): bigint => BigInt.asUintN(64, v);

export class VcdTraceSink implements TraceSink, SignalTap {
  readonly kinds: ReadonlySet<TraceKind> = new Set<TraceKind>([
    'irq',
    'cpu',
    'kernel',
    'read',
    'skip',
    'tuning',
  ]);
  readonly signals: SignalTap = this;
  private readonly vcd: VcdWriter;
  private readonly ids: VcdSignals;
  private skips = 0n;

  constructor(write: (chunk: string) => void, machine: VcdMachine, header: VcdHeader = {}) {
    this.vcd = new VcdWriter(write, header);
    this.ids = declareSignals(this.vcd, machine);
  }

  /** A measurement (read, skip, tuning), placed at its `t`; false for an executor record. */
  private measurement(r: TraceRecord): boolean {
    switch (r.type) {
      case 'read': {
        const ids = this.ids.cpus[r.cpu]!;
        this.vcd.change(r.t, ids.readNs, bits64(r.valueNs));
        this.vcd.change(r.t, ids.readErrorNs, bits64(r.errorNs));
        this.vcd.change(r.t, ids.inSyscall, false);
        return true;
      }
      case 'skip':
        this.skips++;
        this.vcd.change(r.t, this.ids.skips, this.skips);
        return true;
      case 'tuning':
        this.vcd.change(r.t, this.ids.variables.get('nsec_per_cyc')!, r.to);
        return true;
      default:
        return false;
    }
  }

  record(r: TraceRecord): void {
    const ids = this.ids.cpus[r.cpu];
    if (ids === undefined || this.measurement(r)) return;
    this.vcd.flushBefore(r.t);
    switch (r.type) {
      case 'irq':
        this.vcd.change(r.t, ids.inIrq, r.edge === 'enter');
        return;
      case 'cpu':
        this.vcd.change(r.t, ids.running, r.state === 'run');
        return;
      case 'kernel':
        // the fault ends the call in flight: a thread is killed, an interrupt halts the CPU
        this.vcd.change(r.t, ids.faulted, true);
        this.vcd.change(r.t, ids.inSyscall, false);
        return;
      default:
        return;
    }
  }

  callBegin(cpu: number, tFs: TimeFs): void {
    const ids = this.ids.cpus[cpu];
    if (ids === undefined) return;
    this.vcd.flushBefore(tFs);
    this.vcd.change(tFs, ids.inSyscall, true);
  }

  /** A write takes effect at the operation's start (the executor writes memory then). */
  written(_cpu: number, variable: SignalVariable, value: bigint, tFs: TimeFs): void {
    this.vcd.flushBefore(tFs);
    this.vcd.change(tFs, this.ids.variables.get(variable)!, value);
  }

  cmpxchg(cpu: number, ok: boolean, tFs: TimeFs): void {
    const ids = this.ids.cpus[cpu];
    if (ids === undefined) return;
    this.vcd.flushBefore(tFs);
    this.vcd.change(tFs, ids.cmpxchgOk, ok);
  }

  /** The value the kernel saw, at the end of the access. */
  counterRead(cpu: number, device: string, value: bigint, startFs: TimeFs, endFs: TimeFs): void {
    const d = this.ids.devices.get(device);
    const id = typeof d === 'string' ? d : d?.[cpu];
    if (id === undefined) return;
    this.vcd.flushBefore(startFs);
    this.vcd.change(endFs, id, value);
  }

  stalled(cpu: number, on: boolean, tFs: TimeFs): void {
    const ids = this.ids.cpus[cpu];
    if (ids !== undefined) this.vcd.change(tFs, ids.stalled, on);
  }

  end(): void {
    this.vcd.end();
  }
}
