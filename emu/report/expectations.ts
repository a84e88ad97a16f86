// SPDX-License-Identifier: GPL-2.0-only
/**
 * Scenario expectations (the `expect` section, docs/scenario.md) against a run's figures: one line
 * per key present, with the measured figure. Durations compare in femtoseconds (the checkers
 * measure values in ns: an ns figure is exact in fs). A met expectation that asks for a defect
 * (a fault, a backward step, an error of at least some size) is an expected failure, `xfail`; one
 * about the reads' values met only because there were no reads is `no-reads` (docs/reading-a-report.md).
 */

import { FS_PER_NS } from '../base/time.js';
import type { RunResult } from '../machine/machine.js';
import type { Expectations, Range } from '../scenario/types.js';
import { approxDuration } from './format.js';

/** How one expectation came out: `pass`, `xfail` and `no-reads` are all met (`pass` true). */
export type ExpectationStatus = 'pass' | 'xfail' | 'no-reads' | 'fail';

/** What the figures of an expectation count: femtoseconds, a count, or a value of its own kind. */
export type ExpectationUnit = 'fs' | 'count' | 'boolean' | 'faults' | 'interpolator';

export interface ExpectationResult {
  /** the `expect` key, as in the file */
  readonly key: string;
  /** what was expected, for display */
  readonly expected: string;
  /** the measured figure, for display */
  readonly measured: string;
  readonly pass: boolean;
  readonly status: ExpectationStatus;
  readonly unit: ExpectationUnit;
  /** the expected range (ranged keys) or value, exact */
  readonly expectedValue: ExpectedValue;
  /** the measured figure, exact */
  readonly measuredValue: bigint | boolean | string | null | FaultCounts;
}

export type ExpectedValue =
  | { readonly min?: bigint; readonly max?: bigint }
  | boolean
  | string
  | readonly string[];

export interface FaultCounts {
  readonly BUG: number;
  readonly OOPS: number;
}

/** The keys whose figure comes from the reads' values: met without reads says nothing. */
const READ_KEYS: ReadonlySet<string> = new Set(['monotonic', 'max_backward_step', 'max_error']);

/** Ranged keys whose lower bound asks for a wrong clock: met, the defect was observed. */
const DEFECT_MIN_KEYS: ReadonlySet<string> = new Set(['max_backward_step', 'max_error']);

function asksForDefect(key: string, expected: ExpectedValue): boolean {
  if (key === 'monotonic') return expected === false;
  if (key === 'faults') return Array.isArray(expected) && expected.length > 0;
  if (!DEFECT_MIN_KEYS.has(key) || typeof expected !== 'object' || Array.isArray(expected))
    return false;
  const min = (expected as { min?: bigint }).min;
  return min !== undefined && min > 0n;
}

function statusOf(key: string, pass: boolean, expected: ExpectedValue, reads: number) {
  if (!pass) return 'fail';
  if (asksForDefect(key, expected)) return 'xfail';
  return reads === 0 && READ_KEYS.has(key) ? 'no-reads' : 'pass';
}

type Partial = Omit<ExpectationResult, 'status'>;

function withStatus(p: Partial, reads: number): ExpectationResult {
  return { ...p, status: statusOf(p.key, p.pass, p.expectedValue, reads) };
}

type Format = (v: bigint) => string;
const duration: Format = (v) => approxDuration(v);
const count: Format = (v) => v.toString();

function inRange(v: bigint, r: Range<bigint>): boolean {
  return (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);
}

function rangeText(r: Range<bigint>, f: Format): string {
  if (r.min !== undefined && r.max !== undefined) return `${f(r.min)} … ${f(r.max)}`;
  if (r.min !== undefined) return `≥ ${f(r.min)}`;
  return `≤ ${f(r.max!)}`;
}

function ranged(key: string, r: Range<bigint>, v: bigint, f: Format): Partial {
  return {
    key,
    expected: rangeText(r, f),
    measured: f(v),
    pass: inRange(v, r),
    unit: f === duration ? 'fs' : 'count',
    expectedValue: {
      ...(r.min === undefined ? {} : { min: r.min }),
      ...(r.max === undefined ? {} : { max: r.max }),
    },
    measuredValue: v,
  };
}

/** The measured figures of a run, by `expect` key (durations in fs). */
export function figures(r: RunResult) {
  const v = r.verdict;
  return {
    monotonic: v.monotonicity.monotonic,
    maxBackwardStepFs: v.monotonicity.maxBackwardStepNs * FS_PER_NS,
    maxErrorFs: v.accuracy.maxAbsErrorNs * FS_PER_NS,
    maxStallFs: v.stalls.maxStallFs,
    skips: v.kernel.skips,
    nsecPerCycChanges: BigInt(v.kernel.nsecPerCycChanges),
    maxGetCounterTimeFs: v.kernel.maxGetCounterFs,
    maxWriterGetCounterTimeFs: v.kernel.maxWriterGetCounterFs,
    faults: v.kernel.faultCounts,
    interpolator: r.interpolatorAtEnd,
    reads: BigInt(v.reads),
  };
}

type Figures = ReturnType<typeof figures>;

/** The ranged keys: `expect` key, its range in the scenario, its figure, how to show it. */
const RANGED: readonly (readonly [
  string,
  (e: Expectations) => Range<bigint> | undefined,
  (f: Figures) => bigint,
  Format,
])[] = [
  ['max_backward_step', (e) => e.maxBackwardStepFs, (f) => f.maxBackwardStepFs, duration],
  ['max_error', (e) => e.maxErrorFs, (f) => f.maxErrorFs, duration],
  ['max_stall', (e) => e.maxStallFs, (f) => f.maxStallFs, duration],
  ['skips', (e) => e.skips, (f) => f.skips, count],
  ['nsec_per_cyc_changes', (e) => e.nsecPerCycChanges, (f) => f.nsecPerCycChanges, count],
  ['max_get_counter_time', (e) => e.maxGetCounterTimeFs, (f) => f.maxGetCounterTimeFs, duration],
  [
    'max_writer_get_counter_time',
    (e) => e.maxWriterGetCounterTimeFs,
    (f) => f.maxWriterGetCounterTimeFs,
    duration,
  ],
];

function monotonicResult(expected: boolean, f: Figures, r: RunResult): Partial {
  return {
    key: 'monotonic',
    unit: 'boolean',
    expectedValue: expected,
    measuredValue: f.monotonic,
    expected: String(expected),
    measured: f.monotonic ? 'true' : `false (${r.verdict.monotonicity.violations} backward reads)`,
    pass: f.monotonic === expected,
  };
}

function faultsResult(expected: NonNullable<Expectations['faults']>, f: Figures): Partial {
  const pass =
    expected === 'none'
      ? f.faults.BUG + f.faults.OOPS === 0
      : expected.every((kind) => f.faults[kind] > 0);
  return {
    key: 'faults',
    unit: 'faults',
    expectedValue: expected,
    measuredValue: { BUG: f.faults.BUG, OOPS: f.faults.OOPS },
    expected: expected === 'none' ? 'none' : expected.join(', '),
    measured: `BUG ${f.faults.BUG}, OOPS ${f.faults.OOPS}`,
    pass,
  };
}

function interpolatorResult(expected: string, f: Figures): Partial {
  return {
    key: 'interpolator',
    unit: 'interpolator',
    expectedValue: expected,
    measuredValue: f.interpolator,
    expected,
    measured: f.interpolator ?? '(none)',
    pass: f.interpolator === expected,
  };
}

/** One result per key present, in the order: monotonic, the ranges, faults, interpolator, reads. */
export function checkExpectations(e: Expectations, r: RunResult): ExpectationResult[] {
  const f = figures(r);
  const out: Partial[] = [];
  if (e.monotonic !== undefined) out.push(monotonicResult(e.monotonic, f, r));
  for (const [key, range, figure, format] of RANGED) {
    const rg = range(e);
    if (rg) out.push(ranged(key, rg, figure(f), format));
  }
  if (e.faults !== undefined) out.push(faultsResult(e.faults, f));
  if (e.interpolator !== undefined) out.push(interpolatorResult(e.interpolator, f));
  if (e.reads) out.push(ranged('reads', e.reads, f.reads, count));
  return out.map((p) => withStatus(p, r.verdict.reads));
}
