// SPDX-License-Identifier: GPL-2.0-only
/**
 * The JSON document `timer-emu run --json` prints on stdout for invalid input (exit 2):
 * `format: 'timer-emu-error'`, version 1, one entry per finding with its place in the file (null
 * where the finding has none, e.g. a bad option or an unreadable file).
 */
import type { ScenarioIssue } from '../scenario/errors.js';

export const ERROR_FORMAT = 'timer-emu-error';
export const ERROR_FORMAT_VERSION = 1;

export interface ErrorEntry {
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  /** the field path (`devices[0].frequency`), null for the whole document or an option */
  readonly field: string | null;
  readonly message: string;
}

export function issueEntry(i: ScenarioIssue): ErrorEntry {
  return {
    file: i.file,
    line: i.line ?? null,
    column: i.line === undefined ? null : (i.col ?? 1),
    field: i.path === '' ? null : i.path,
    message: i.message,
  };
}

/** The document for located findings, or for one message without a place. */
export function errorJson(issues: readonly ScenarioIssue[], message: string): string {
  const errors: ErrorEntry[] =
    issues.length > 0
      ? issues.map(issueEntry)
      : [{ file: null, line: null, column: null, field: null, message }];
  const doc = { format: ERROR_FORMAT, version: ERROR_FORMAT_VERSION, passed: false, errors };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
