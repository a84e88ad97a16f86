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

/**
 * One completed clock read of the workload (`t` its end, `start` its start): the value the call
 * returned, the true time of the same clock at the read's middle, and their difference, in ns.
 */
export interface ReadRecord {
  readonly type: 'read';
  readonly t: TimeFs;
  readonly start: TimeFs;
  readonly cpu: number;
  /** the workload call (`getnstimeofday`, `gettimeofday`, …) */
  readonly call: string;
  readonly clock: 'realtime' | 'monotonic';
  readonly valueNs: bigint;
  readonly trueNs: bigint;
  /** valueNs − trueNs */
  readonly errorNs: bigint;
}

/** One call of `time_interpolator_get_counter` (the `get_counter` hook), `t` its return. */
export interface GetCounterRecord {
  readonly type: 'get_counter';
  readonly t: TimeFs;
  readonly start: TimeFs;
  readonly cpu: number;
  /** made with the xtime write lock held (the tick's update) */
  readonly writer: boolean;
}

/** The tick's update recorded a forward skip of the interpolator (`skips++`). */
export interface SkipRecord {
  readonly type: 'skip';
  readonly t: TimeFs;
  readonly cpu: number;
  readonly nsSkipped: bigint;
}

/** NTP tuning changed the interpolator's `nsec_per_cyc`. */
export interface TuningRecord {
  readonly type: 'tuning';
  readonly t: TimeFs;
  readonly cpu: number;
  readonly from: bigint;
  readonly to: bigint;
}

/**
 * One call of `time_interpolator_update(delta_nsec)` (kernel/timer.c), `start` its first operation
 * and `t` its last: the branch it took and the values it computed, from its own loads and stores.
 */
export interface UpdateRecord {
  readonly type: 'update';
  readonly t: TimeFs;
  readonly start: TimeFs;
  readonly cpu: number;
  /** `carry` (readers were given more than `delta_nsec`: the excess kept in `offset`) or `skip` */
  readonly outcome: 'carry' | 'skip';
  /** the `offset` it stored (0 after a skip) */
  readonly offsetNs: bigint;
  /** the counter value get_counter returned, stored in `last_counter` */
  readonly counter: bigint;
  /** `(counter - last_counter) & mask`: cycles since the previous update */
  readonly cycles: bigint;
  /** GET_TI_NSECS of those cycles: the ns they make at `nsec_per_cyc` */
  readonly nsecs: bigint;
  /** the argument `delta_nsec`: how far xtime advanced */
  readonly deltaNs: bigint;
}

/**
 * A stall ended: a run of at least two consecutive reads on one CPU, of one clock, that returned
 * the same value while true time advanced (the `stalls` of the run summary), ended by a read of
 * another value (`t` its end) or by the end of the run.
 */
export interface StallRecord {
  readonly type: 'stall';
  readonly t: TimeFs;
  readonly cpu: number;
  readonly clock: 'realtime' | 'monotonic';
  readonly valueNs: bigint;
  /** start times of the run's first and last reads */
  readonly fromFs: TimeFs;
  readonly toFs: TimeFs;
  readonly reads: number;
}

/**
 * Under an arbitrated coherence policy, a memory access that did not take effect: the CPU issues
 * it again at `retry`.
 */
export interface RefusedRecord {
  readonly type: 'refused';
  readonly t: TimeFs;
  readonly cpu: number;
  readonly access: 'load' | 'store' | 'cmpxchg';
  /** `record.field` */
  readonly target: string;
  /** the CPU holding the line Modified (owner-biased), or -1: the bus refused it (round-robin) */
  readonly holder: number;
  readonly retry: TimeFs;
}

/** A kernel fault (BUG, OOPS) as the kernel statistics see it. */
export interface FaultRecord {
  readonly type: 'fault';
  readonly t: TimeFs;
  readonly cpu: number;
  readonly fault: 'BUG' | 'OOPS';
  readonly where: string;
}

/** Records of what the timekeeping code did, made by the machine from its measurements. */
export type DomainRecord =
  | ReadRecord
  | GetCounterRecord
  | UpdateRecord
  | SkipRecord
  | TuningRecord
  | StallRecord
  | FaultRecord;

/** Records of the executor: operations, interrupts, CPU states, bus errors, faults. */
export type ExecutorRecord =
  | OpRecord
  | IrqRecord
  | KernelRecord
  | BusErrorRecord
  | CpuRecord
  | RefusedRecord;

export type TraceRecord = ExecutorRecord | DomainRecord;

export type TraceKind = TraceRecord['type'];

export const DOMAIN_KINDS: readonly TraceKind[] = [
  'read',
  'get_counter',
  'update',
  'skip',
  'tuning',
  'stall',
  'fault',
];
export const EXECUTOR_KINDS: readonly TraceKind[] = [
  'op',
  'irq',
  'cpu',
  'kernel',
  'bus_error',
  'refused',
];
