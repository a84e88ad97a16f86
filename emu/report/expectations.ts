// SPDX-License-Identifier: GPL-2.0-only
/**
 * Scenario expectations (SCENARIO-FORMAT.md `expect`) against a run's figures: one PASS/FAIL line
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

export function checkExpectations(e: Expectations, r: RunResult): ExpectationResult[] {
  const f = figures(r);
  const out: ExpectationResult[] = [];
  if (e.monotonic !== undefined)
    out.push({
      key: 'monotonic',
      expected: String(e.monotonic),
      measured: f.monotonic
        ? 'true'
        : `false (${r.verdict.monotonicity.violations} backward reads)`,
      pass: f.monotonic === e.monotonic,
    });
  if (e.maxBackwardStepFs)
    out.push(ranged('max_backward_step', e.maxBackwardStepFs, f.maxBackwardStepFs, duration));
  if (e.maxErrorFs) out.push(ranged('max_error', e.maxErrorFs, f.maxErrorFs, duration));
  if (e.maxStallFs) out.push(ranged('max_stall', e.maxStallFs, f.maxStallFs, duration));
  if (e.skips) out.push(ranged('skips', e.skips, f.skips, count));
  if (e.nsecPerCycChanges)
    out.push(ranged('nsec_per_cyc_changes', e.nsecPerCycChanges, f.nsecPerCycChanges, count));
  if (e.maxGetCounterTimeFs)
    out.push(
      ranged('max_get_counter_time', e.maxGetCounterTimeFs, f.maxGetCounterTimeFs, duration),
    );
  if (e.maxWriterGetCounterTimeFs)
    out.push(
      ranged(
        'max_writer_get_counter_time',
        e.maxWriterGetCounterTimeFs,
        f.maxWriterGetCounterTimeFs,
        duration,
      ),
    );
  if (e.faults !== undefined) {
    const measured = `BUG ${f.faults.BUG}, OOPS ${f.faults.OOPS}`;
    const pass =
      e.faults === 'none'
        ? f.faults.BUG + f.faults.OOPS === 0
        : e.faults.every((kind) => f.faults[kind] > 0);
    out.push({
      key: 'faults',
      expected: e.faults === 'none' ? 'none' : e.faults.join(', '),
      measured,
      pass,
    });
  }
  if (e.interpolator !== undefined)
    out.push({
      key: 'interpolator',
      expected: e.interpolator,
      measured: f.interpolator ?? '(none)',
      pass: f.interpolator === e.interpolator,
    });
  if (e.reads) out.push(ranged('reads', e.reads, f.reads, count));
  return out;
}
