// SPDX-License-Identifier: GPL-2.0-only
/**
 * Results of replaying conformance vectors (docs/conformance.md): one `CaseResult` per case,
 * with one `Mismatch` per expected field the port got wrong. Values are rendered as text by
 * `renderValue` (integers in decimal) so a report can print them unchanged.
 */

/** Where a case came from: the vector file and its 1-based line. */
export interface CaseLocation {
  readonly file: string;
  readonly line: number;
}

/** One expected field that differs from what the port produced. */
export interface Mismatch {
  readonly caseId: string;
  /** 0-based index of the step in the case's `steps` */
  readonly stepIndex: number;
  /** the step's `op` (`register`, `update`, `tick`, …) */
  readonly op: string;
  /** the expect field, dotted for nested ones (`state.0.offset`, `clock.error`, `reads`) */
  readonly field: string;
  /** the expected value as text (`renderValue`) */
  readonly expected: string;
  /** the value produced as text (`renderValue`; `absent` when there is none) */
  readonly actual: string;
}

/** The outcome of one case: it passes when `mismatches` is empty. */
export interface CaseResult {
  readonly caseId: string;
  readonly where: CaseLocation;
  /** steps replayed (the steps of a case that stopped early count up to the stop) */
  readonly steps: number;
  readonly mismatches: readonly Mismatch[];
}

/**
 * A value as text for a mismatch record: strings unquoted, bigints in decimal, `absent` for
 * undefined, anything else as JSON (nested bigints as decimal strings, like the vectors).
 */
export function renderValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
