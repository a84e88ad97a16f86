// SPDX-License-Identifier: GPL-2.0-only
/**
 * The records of a run's structured event stream: what the executor (emu/engine) produces for
 * a trace observer and what the sinks of emu/trace consume. They live here, below both, so that
 * neither layer imports the other (docs/architecture.md).
 *
 * Records arrive in non-decreasing `t` (the instant an operation starts, an interrupt is taken, a
 * fault happens). A record may carry a later `end` (when the operation completed).
 */
import type { TimeFs } from './time.js';

/** One performed operation of kernel code. */
export interface OpRecord {
  readonly type: 'op';
  readonly t: TimeFs;
  readonly end: TimeFs;
  readonly cpu: number;
  /** the operation kind (`load`, `cmpxchg`, `mmio_read`, …) */
  readonly op: string;
  /** `record.field` for memory, `device+offset` for MMIO, the source address, or '' */
  readonly target: string;
  /** the result (or the value written): a 64-bit value, a record name, `null`, or '' */
  readonly value: string;
  /** false only for a cmpxchg that found another value than expected */
  readonly ok: boolean;
  /** whether the access paid a cache-line transfer */
  readonly transfer: boolean;
}

export interface IrqRecord {
  readonly type: 'irq';
  readonly t: TimeFs;
  readonly cpu: number;
  readonly edge: 'enter' | 'exit';
}

export interface KernelRecord {
  readonly type: 'kernel';
  readonly t: TimeFs;
  readonly cpu: number;
  readonly kind: 'BUG' | 'OOPS';
  readonly where: string;
  readonly context: 'thread' | 'irq';
}

export interface BusErrorRecord {
  readonly type: 'bus_error';
  readonly t: TimeFs;
  readonly cpu: number;
  readonly access: 'read' | 'write';
  readonly addr: bigint;
  readonly width: number;
  readonly message: string;
}

/** A CPU starts running a thread, goes idle (thread done or dead), or halts (fault in an irq). */
export interface CpuRecord {
  readonly type: 'cpu';
  readonly t: TimeFs;
  readonly cpu: number;
  readonly state: 'run' | 'idle' | 'halt';
}

export type TraceRecord = OpRecord | IrqRecord | KernelRecord | BusErrorRecord | CpuRecord;
