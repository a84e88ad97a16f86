// SPDX-License-Identifier: GPL-2.0-only
/**
 * The trace filters of `run` (`--trace-ops`, `--trace-kinds`, `--trace-window`, `--trace-cpus`,
 * docs/outputs.md), parsed and checked before any scenario runs.
 */
import { parseDurationFs, UnitError } from '../../base/units.js';
import { ALL_KINDS, defaultKinds, type TraceFilter } from '../../trace/filter.js';
import type { TraceKind } from '../../trace/tracer.js';
import { UsageError } from '../errors.js';

export interface TraceFilterOptions {
  readonly traceOps?: boolean;
  /** comma-separated kinds */
  readonly traceKinds?: string;
  /** `FROM..TO`, either side may be empty: `10ms..20ms`, `..5ms`, `1s..` */
  readonly traceWindow?: string;
  /** comma-separated CPUs and ranges: `0,2-3` */
  readonly traceCpus?: string;
}

function parseKinds(text: string): ReadonlySet<TraceKind> {
  const kinds = new Set<TraceKind>();
  for (const part of text.split(',')) {
    const k = part.trim();
    if (!(ALL_KINDS as readonly string[]).includes(k))
      throw new UsageError(`--trace-kinds: '${k}' is not a record kind (${ALL_KINDS.join(', ')})`);
    kinds.add(k as TraceKind);
  }
  return kinds;
}

function bound(text: string, side: string): bigint | undefined {
  if (text.trim() === '') return undefined;
  try {
    return parseDurationFs(text);
  } catch (err) {
    if (err instanceof UnitError) throw new UsageError(`--trace-window: ${side}: ${err.message}`);
    throw err;
  }
}

function parseWindow(text: string): { fromFs?: bigint; toFs?: bigint } {
  const parts = text.split('..');
  if (parts.length !== 2)
    throw new UsageError(`--trace-window: ${text} is not FROM..TO (e.g. 10ms..20ms)`);
  const fromFs = bound(parts[0]!, 'FROM');
  const toFs = bound(parts[1]!, 'TO');
  if (fromFs !== undefined && toFs !== undefined && fromFs >= toFs)
    throw new UsageError(`--trace-window: ${text} is empty (FROM must come before TO)`);
  return { ...(fromFs === undefined ? {} : { fromFs }), ...(toFs === undefined ? {} : { toFs }) };
}

function parseCpus(text: string): ReadonlySet<number> {
  const cpus = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*([0-9]{1,6})(?:-([0-9]{1,6}))?\s*$/.exec(part);
    if (m === null)
      throw new UsageError(`--trace-cpus: '${part}' is not a CPU or a range such as 2-3`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) throw new UsageError(`--trace-cpus: ${part} is an empty range`);
    for (let c = lo; c <= hi; c++) cpus.add(c);
  }
  return cpus;
}

/** The filter of the `--trace` file. */
export function parseTraceFilter(o: TraceFilterOptions): TraceFilter {
  const kinds =
    o.traceKinds === undefined ? defaultKinds(o.traceOps === true) : parseKinds(o.traceKinds);
  return {
    kinds,
    ...(o.traceWindow === undefined ? {} : parseWindow(o.traceWindow)),
    ...(o.traceCpus === undefined ? {} : { cpus: parseCpus(o.traceCpus) }),
  };
}

/** Whether any trace filter option was given (they need `--trace`). */
export const anyTraceFilter = (o: TraceFilterOptions): boolean =>
  o.traceOps !== undefined ||
  o.traceKinds !== undefined ||
  o.traceWindow !== undefined ||
  o.traceCpus !== undefined;
