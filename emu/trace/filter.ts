// SPDX-License-Identifier: GPL-2.0-only
/**
 * Trace filters (`--trace-kinds`, `--trace-window`, `--trace-cpus`, docs/outputs.md): a sink that
 * passes on the records of the chosen kinds whose `t` falls in a window of simulated time and
 * whose CPU is chosen. The kinds also tell the tracer which sources to turn on, so a trace of
 * reads only costs no operation records.
 */
import {
  DOMAIN_KINDS,
  EXECUTOR_KINDS,
  type TraceKind,
  type TraceRecord,
} from '../base/trace-record.js';
import type { TraceSink } from './tracer.js';

export const ALL_KINDS: readonly TraceKind[] = [...DOMAIN_KINDS, ...EXECUTOR_KINDS];

/** The kinds of a trace without `--trace-kinds`: the measurements, plus the executor's records with `--trace-ops`. */
export const defaultKinds = (ops: boolean): ReadonlySet<TraceKind> =>
  new Set(ops ? ALL_KINDS : DOMAIN_KINDS);

export interface TraceFilter {
  readonly kinds: ReadonlySet<TraceKind>;
  /** records with `fromFs <= t < toFs`; unbounded where absent */
  readonly fromFs?: bigint;
  readonly toFs?: bigint;
  /** the CPUs kept; every CPU when absent */
  readonly cpus?: ReadonlySet<number>;
}

export class FilteredSink implements TraceSink {
  readonly kinds: ReadonlySet<TraceKind>;

  constructor(
    private readonly inner: TraceSink,
    private readonly filter: TraceFilter,
  ) {
    this.kinds = filter.kinds;
  }

  record(r: TraceRecord): void {
    const f = this.filter;
    if (f.fromFs !== undefined && r.t < f.fromFs) return;
    if (f.toFs !== undefined && r.t >= f.toFs) return;
    if (f.cpus !== undefined && !f.cpus.has(r.cpu)) return;
    this.inner.record(r);
  }

  end(): void {
    this.inner.end();
  }
}
