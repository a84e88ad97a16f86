// SPDX-License-Identifier: GPL-2.0-only
/**
 * Scenario expectations (the `expect` section, docs/scenario.md) against a run's figures: one PASS/FAIL line
 * per key present, with the measured figure. Durations compare in femtoseconds (the checkers
 * measure values in ns: an ns figure is exact in fs).
 */

import { FS_PER_NS } from '../base/time.js';
import type { RunResult } from '../machine/machine.js';
import type { Expectations, Range } from '../scenario/types.js';
import { approxDuration } from './format.js';

export interface ExpectationResult {
  /** the `expect` key, as in the file */
  readonly key: string;
  /** what was expected, for display */
  readonly expected: string;
  /** the measured figure, for display */
  readonly measured: string;
  readonly pass: boolean;
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

function ranged(key: string, r: Range<bigint>, v: bigint, f: Format): ExpectationResult {
  return { key, expected: rangeText(r, f), measured: f(v), pass: inRange(v, r) };
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

function monotonicResult(expected: boolean, f: Figures, r: RunResult): ExpectationResult {
  return {
    key: 'monotonic',
    expected: String(expected),
    measured: f.monotonic ? 'true' : `false (${r.verdict.monotonicity.violations} backward reads)`,
    pass: f.monotonic === expected,
  };
}

function faultsResult(
  expected: NonNullable<Expectations['faults']>,
  f: Figures,
): ExpectationResult {
  const pass =
    expected === 'none'
      ? f.faults.BUG + f.faults.OOPS === 0
      : expected.every((kind) => f.faults[kind] > 0);
  return {
    key: 'faults',
    expected: expected === 'none' ? 'none' : expected.join(', '),
    measured: `BUG ${f.faults.BUG}, OOPS ${f.faults.OOPS}`,
    pass,
  };
}

function interpolatorResult(expected: string, f: Figures): ExpectationResult {
  return {
    key: 'interpolator',
    expected,
    measured: f.interpolator ?? '(none)',
    pass: f.interpolator === expected,
  };
}

/** One result per key present, in the order: monotonic, the ranges, faults, interpolator, reads. */
export function checkExpectations(e: Expectations, r: RunResult): ExpectationResult[] {
  const f = figures(r);
  const out: ExpectationResult[] = [];
  if (e.monotonic !== undefined) out.push(monotonicResult(e.monotonic, f, r));
  for (const [key, range, figure, format] of RANGED) {
    const rg = range(e);
    if (rg) out.push(ranged(key, rg, figure(f), format));
  }
  if (e.faults !== undefined) out.push(faultsResult(e.faults, f));
  if (e.interpolator !== undefined) out.push(interpolatorResult(e.interpolator, f));
  if (e.reads) out.push(ranged('reads', e.reads, f.reads, count));
  return out;
}
