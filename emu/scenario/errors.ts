// SPDX-License-Identifier: GPL-2.0-only
/**
 * Scenario errors in plain words: zod issues flattened into one message per offending field (a
 * union reports the alternative the input was meant for; unknown keys one line each), each to be
 * located in the YAML source by load.ts.
 */
import type { z } from 'zod';
import { MAX_ERRORS_SHOWN } from '../base/limits.js';
import { ALLOWED_KEYS_PREFIX, describeValue, QUOTE_SOURCE } from '../base/values.js';

/** One located finding: `file:line:col path: message`. */
export interface ScenarioIssue {
  readonly file: string;
  /** 1-based; absent when the finding concerns the whole file (unreadable) */
  readonly line?: number;
  readonly col?: number;
  /** the field path (`devices[0].period_fs`), '' for the document or a YAML syntax error */
  readonly path: string;
  readonly message: string;
}

export function formatIssue(issue: ScenarioIssue): string {
  const where =
    issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.col ?? 1}`;
  return issue.path === ''
    ? `${where}: ${issue.message}`
    : `${where} ${issue.path}: ${issue.message}`;
}

/**
 * An invalid scenario file; `message` is one line per issue, in file order: the first
 * MAX_ERRORS_SHOWN, then "… and N more issues" (a file that is no YAML at all would otherwise
 * give one line per token). `issues` holds the shown ones; `omitted` counts the rest.
 */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  readonly issues: readonly ScenarioIssue[];
  readonly omitted: number;
  /** `total`: the number of issues found, when `issues` is already cut short */
  constructor(issues: readonly ScenarioIssue[], total = issues.length) {
    const shown = issues.slice(0, MAX_ERRORS_SHOWN);
    const omitted = Math.max(total, issues.length) - shown.length;
    const lines = shown.map(formatIssue);
    if (omitted > 0) lines.push(`… and ${omitted} more ${omitted === 1 ? 'issue' : 'issues'}`);
    super(lines.join('\n'));
    this.issues = shown;
    this.omitted = omitted;
  }
}

export type PathKey = string | number;

/** `devices[0].period_fs`; keys that are not identifiers are quoted (`costs["a b"]`). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(String(key)))
      out += out === '' ? String(key) : `.${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** An issue ready to be located: `atKey` points at the key rather than its value. */
export interface FlatIssue {
  readonly path: PathKey[];
  readonly message: string;
  readonly atKey?: boolean;
  readonly quoteSource?: boolean;
}

type Issue = z.core.$ZodIssue & {
  input?: unknown;
  params?: Record<string, unknown> | undefined;
};

const EXPECTED: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  tuple: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** zod issues → one plain-words message per offending field, paths absolute. */
export function flattenIssues(issues: readonly Issue[], prefix: PathKey[] = []): FlatIssue[] {
  return issues.flatMap((issue) => flattenIssue(issue, prefix));
}

function flattenIssue(issue: Issue, prefix: PathKey[]): FlatIssue[] {
  const path = [...prefix, ...(issue.path as PathKey[])];
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownKeys(issue, path);
    case 'invalid_union':
      return unionIssues(issue, path);
    case 'invalid_type':
      // a schema's own message (e.g. "a frequency needs a unit") beats the generic one
      return [
        {
          path,
          message: issue.message.startsWith('Invalid input') ? typeMessage(issue) : issue.message,
        },
      ];
    case 'invalid_value': {
      const values = issue.values.map((v) => (typeof v === 'string' ? v : String(v)));
      const expected = values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
      return [{ path, message: `expected ${expected}, got ${describeValue(issue.input)}` }];
    }
    case 'too_small':
    case 'too_big':
      return [{ path, message: sizeMessage(issue) }];
    default:
      return [{ path, message: issue.message, quoteSource: issue.params?.[QUOTE_SOURCE] === true }];
  }
}

function unknownKeys(issue: Issue & { code: 'unrecognized_keys' }, path: PathKey[]): FlatIssue[] {
  const allowed = issue.message.startsWith(ALLOWED_KEYS_PREFIX)
    ? issue.message.slice(ALLOWED_KEYS_PREFIX.length).split(', ')
    : [];
  return issue.keys.map((key) => ({
    path: [...path, key],
    atKey: true,
    message: unknownKeyMessage(key, allowed),
  }));
}

type UnionIssue = Issue & { code: 'invalid_union' };

/** A union no alternative fits: name the discriminator, list literals, or follow the likeliest branch. */
function unionIssues(issue: UnionIssue, path: PathKey[]): FlatIssue[] {
  if ('discriminator' in issue && issue.discriminator !== undefined) {
    return [{ path, message: discriminatorMessage(issue, issue.discriminator) }];
  }
  if (issue.input === undefined) return [{ path, message: 'required key is missing' }];
  const branches = issue.errors as Issue[][];
  if (issue.message.startsWith('Invalid input') && allLiterals(branches)) {
    const values = branches.flatMap((b) => (b[0] as { values: unknown[] }).values.map(String));
    return [
      { path, message: `expected one of ${values.join(', ')}, got ${describeValue(issue.input)}` },
    ];
  }
  const branch = chosenBranch(branches);
  if (branch !== undefined) return flattenIssues(branch, path);
  const generic = issue.message.startsWith('Invalid input')
    ? 'does not fit any accepted form'
    : issue.message;
  return [{ path, message: generic }];
}

function discriminatorMessage(issue: UnionIssue, discriminator: string): string {
  const options = ((issue as { options?: unknown[] }).options ?? []).map(String).join(', ');
  const value = (issue.input as Record<string, unknown> | undefined)?.[discriminator];
  return value === undefined
    ? `required key is missing (one of: ${options})`
    : `unknown ${discriminator} ${describeValue(value)} (expected one of: ${options})`;
}

/** Every alternative is a literal that failed as a whole (an enum written as a union). */
const allLiterals = (branches: Issue[][]): boolean =>
  branches.every(
    (b) => b.length === 1 && b[0]!.code === 'invalid_value' && b[0]!.path.length === 0,
  );

function typeMessage(issue: Issue & { expected: string }): string {
  if (issue.input === undefined) return 'required key is missing';
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  if (issue.expected === 'int' && typeof issue.input === 'number') {
    return `expected a whole number, got ${issue.input}`;
  }
  return `expected ${expected}, got ${describeValue(issue.input)}`;
}

function sizeMessage(issue: Issue & { origin?: string; inclusive?: boolean }): string {
  const small = issue.code === 'too_small';
  const bound = String(
    small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum,
  );
  if (issue.origin === 'array') {
    return small ? `needs at least ${bound} entries` : `takes at most ${bound} entries`;
  }
  if (issue.origin === 'string')
    return small ? 'must not be empty' : `must be at most ${bound} characters`;
  const op = small
    ? issue.inclusive
      ? 'at least'
      : 'more than'
    : issue.inclusive
      ? 'at most'
      : 'less than';
  return `must be ${op} ${bound}, got ${describeValue(issue.input)}`;
}

function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const near = allowed.filter((k) => editDistance(k, key) <= Math.max(1, Math.floor(k.length / 4)));
  const hint = near.length > 0 ? `did you mean ${near.join(' or ')}? ` : '';
  return allowed.length > 0 ? `unknown key (${hint}allowed: ${allowed.join(', ')})` : 'unknown key';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Which alternative of a union the input was meant for: the only one whose failures all lie below
 * its top level; else the only one that at least has the right type and all its required keys.
 * Undefined when the input fits no alternative's shape (the union's own message is better then).
 */
function chosenBranch(branches: Issue[][]): Issue[] | undefined {
  const shaped = branches.filter((b) => b.every((iss) => !wrongShape(iss)));
  const exact = shaped.filter((b) =>
    b.every((iss) => iss.path.length > 0 || iss.code !== 'unrecognized_keys'),
  );
  if (exact.length === 1) return exact[0];
  return shaped.length === 1 ? shaped[0] : undefined;
}

function wrongShape(iss: Issue): boolean {
  if (iss.path.length === 0) {
    if (iss.code === 'invalid_type' || iss.code === 'invalid_value') return true;
    if (iss.code === 'invalid_union' && !('discriminator' in iss && iss.discriminator)) {
      return chosenBranch(iss.errors as Issue[][]) === undefined;
    }
  }
  // a required key of this alternative is missing
  return (
    iss.path.length === 1 &&
    (iss.code === 'invalid_type' || iss.code === 'invalid_union') &&
    iss.input === undefined
  );
}
