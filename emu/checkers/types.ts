// SPDX-License-Identifier: GPL-2.0-only
/**
 * What the checkers consume (docs/architecture.md, "Data flow"): completed clock reads, in
 * completion order, and kernel events. Checkers keep no history: their memory is bounded by the
 * number of CPUs and the reads in flight, never by the length of the run.
 */

/** One completed clock read by a workload call. */
export interface ClockRead {
  readonly cpu: number;
  /** when the call started and completed, simulated fs (startFs <= endFs) */
  readonly startFs: bigint;
  readonly endFs: bigint;
  readonly clock: 'realtime' | 'monotonic';
  /** the workload call that read (for the trace; the checkers do not use it) */
  readonly call?: string;
  /** the kernel's time as the call returned it, ns */
  readonly valueNs: bigint;
  /** true time of the same clock at the read, ns, for accuracy */
  readonly trueNs: bigint;
  /** bumps at each settimeofday: REALTIME reads are only compared within one epoch */
  readonly epoch: number;
}

/** A read as a counterexample shows it. */
export interface ReadRef {
  readonly cpu: number;
  readonly startFs: bigint;
  readonly endFs: bigint;
  readonly valueNs: bigint;
}

export const readRef = (r: ClockRead): ReadRef => ({
  cpu: r.cpu,
  startFs: r.startFs,
  endFs: r.endFs,
  valueNs: r.valueNs,
});

/**
 * Kernel statistics events, emitted by the machine as kernel code runs. `atFs` is simulated time.
 * - `skip`: the interpolator recorded a forward skip (`skips++`, `ns_skipped += nsSkipped`).
 * - `nsec_per_cyc`: the tuning code changed `nsec_per_cyc` (u32) from `from` to `to`.
 * - `seqlock_retry`: a reader went round the xtime seqlock loop again.
 * - `cmpxchg`: one cmpxchg on the interpolator's `last_cycle`; `ok` when it exchanged.
 * - `get_counter`: one call of the interpolator's get_counter, from start to return; `writer`
 *   when made with the xtime write lock held (the tick).
 * - `fault`: a kernel fault (`BUG_ON`, NULL dereference) killed the context.
 */
export type KernelEvent =
  | {
      readonly kind: 'skip';
      readonly cpu: number;
      readonly atFs: bigint;
      readonly nsSkipped: bigint;
    }
  | {
      readonly kind: 'nsec_per_cyc';
      readonly cpu: number;
      readonly atFs: bigint;
      readonly from: bigint;
      readonly to: bigint;
    }
  | { readonly kind: 'seqlock_retry'; readonly cpu: number; readonly atFs: bigint }
  | { readonly kind: 'cmpxchg'; readonly cpu: number; readonly atFs: bigint; readonly ok: boolean }
  | {
      readonly kind: 'get_counter';
      readonly cpu: number;
      readonly startFs: bigint;
      readonly endFs: bigint;
      readonly writer: boolean;
    }
  | {
      readonly kind: 'fault';
      readonly cpu: number;
      readonly atFs: bigint;
      readonly fault: 'BUG' | 'OOPS';
      readonly where: string;
    };
