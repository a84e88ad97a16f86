// SPDX-License-Identifier: GPL-2.0-only
/**
 * The figures a sweep tabulates per point, by name. Exact figures are integers (written as decimal
 * strings, times in ns with the femtoseconds as decimals); ratios are statistics, rounded for the
 * table (a ratio is never used in time arithmetic).
 */
import type { ScenarioReport } from '../../report/json.js';

export type FigureValue = string | number | boolean;

interface Figure {
  readonly describe: string;
  readonly of: (r: ScenarioReport) => FigureValue;
}

const FS_PER_NS = 1_000_000n;

/** Femtoseconds as exact nanoseconds: `2152570522` → `"2152.570522"`, `3000000` → `"3"`. */
export function fsAsNs(fs: bigint): string {
  const sign = fs < 0n ? '-' : '';
  const abs = fs < 0n ? -fs : fs;
  const whole = abs / FS_PER_NS;
  const frac = (abs % FS_PER_NS).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac === '' ? '' : `.${frac}`}`;
}

const ratio = (num: number, den: number): number =>
  den === 0 ? 0 : Math.round((num / den) * 1000) / 1000;

export const FIGURES: Readonly<Record<string, Figure>> = {
  passed: { describe: 'every expectation met', of: (r) => r.passed },
  reads: { describe: 'completed clock reads', of: (r) => r.result.verdict.reads },
  backward_steps: {
    describe: 'reads that returned less than an earlier read',
    of: (r) => r.result.verdict.monotonicity.violations,
  },
  max_backward_ns: {
    describe: 'largest backward step, ns',
    of: (r) => r.result.verdict.monotonicity.maxBackwardStepNs.toString(),
  },
  max_abs_error_ns: {
    describe: 'largest |returned − true time|, ns',
    of: (r) => r.result.verdict.accuracy.maxAbsErrorNs.toString(),
  },
  max_stall_ns: {
    describe: 'longest time a clock stood still, ns',
    of: (r) => fsAsNs(r.result.verdict.stalls.maxStallFs),
  },
  skips: { describe: 'ticks that skipped', of: (r) => r.result.verdict.kernel.skips.toString() },
  cmpxchg_per_read: {
    describe: 'cmpxchg attempts on last_cycle per read',
    of: (r) => ratio(r.result.verdict.kernel.cmpxchgAttempts, r.result.verdict.reads),
  },
  cmpxchg_retries_per_read: {
    describe: 'failed cmpxchg on last_cycle per read',
    of: (r) => ratio(r.result.verdict.kernel.cmpxchgFailures, r.result.verdict.reads),
  },
  max_writer_get_counter_ns: {
    describe: 'longest get_counter under the xtime write lock, ns',
    of: (r) => fsAsNs(r.result.verdict.kernel.maxWriterGetCounterFs),
  },
  faults: {
    describe: 'kernel faults (BUG, OOPS)',
    of: (r) => r.result.verdict.kernel.faultCounts.BUG + r.result.verdict.kernel.faultCounts.OOPS,
  },
};

export const DEFAULT_FIGURES = [
  'passed',
  'reads',
  'backward_steps',
  'max_abs_error_ns',
  'max_stall_ns',
  'cmpxchg_retries_per_read',
];

/** The figures' descriptions by name (the charts' titles of `--html`). */
export const figureDescriptions = (names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.map((n) => [n, Object.hasOwn(FIGURES, n) ? FIGURES[n]!.describe : n]));
