// SPDX-License-Identifier: GPL-2.0-only
/**
 * A scenario's outcome in one word, after kselftest's result words (tools/testing/selftests/
 * kselftest.h: PASS, FAIL, XFAIL): every expectation met is PASS, or XFAIL when one of them asked
 * for a defect (the scenario demonstrates a bug, and the bug was seen), or NO READS when one of them
 * held only because no clock was read. The verdict (`passed`) is the same for all three.
 */
import type { ExpectationResult } from './expectations.js';

export type Outcome = 'pass' | 'xfail' | 'no-reads' | 'fail' | 'incomplete';

/** What an outcome is decided from: a scenario report's verdict and expectations. */
export interface Judged {
  readonly passed: boolean;
  readonly complete?: boolean;
  readonly expectations: readonly ExpectationResult[];
}

export function outcomeOf(r: Judged): Outcome {
  if (r.complete === false) return 'incomplete';
  if (!r.passed) return 'fail';
  if (r.expectations.some((e) => e.status === 'xfail')) return 'xfail';
  return r.expectations.some((e) => e.status === 'no-reads') ? 'no-reads' : 'pass';
}

/** The outcome as the human report writes it. */
export const OUTCOME_WORD: Readonly<Record<Outcome, string>> = {
  pass: 'PASS',
  xfail: 'XFAIL',
  'no-reads': 'NO READS',
  fail: 'FAIL',
  incomplete: 'INCOMPLETE',
};
