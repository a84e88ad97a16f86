// SPDX-License-Identifier: GPL-2.0-only
/**
 * Reading a vector file (JSON Lines): one case per non-blank line. A line that is not valid JSON
 * or not a valid case makes the whole file invalid, reported with `file:line` and the field.
 */
import { readFileSync } from 'node:fs';
import { timekeepingCase } from './replay-timekeeping.js';
import type { CaseLocation } from './types.js';
import { type InterpolatorCase, interpolatorCase, renderPath } from './vectors.js';

/** Invalid input: the file cannot be read, or a line is not a valid case. */
export class VectorInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(line === undefined ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
    this.name = 'VectorInputError';
  }
}

/** A case ready to replay, validated against its kind's schema (timekeeping cases have `hz`). */
export type LoadedCase =
  | { readonly kind: 'interpolator'; readonly where: CaseLocation; readonly case: InterpolatorCase }
  | { readonly kind: 'timekeeping'; readonly where: CaseLocation; readonly raw: unknown };

/** Reads `path`; `file` names it in results and errors (default: the path itself). */
export function loadVectorFile(path: string, file: string = path): LoadedCase[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new VectorInputError(file, undefined, `cannot read the file (${code ?? String(err)})`);
  }
  return parseVectorText(text, file);
}

export function parseVectorText(text: string, file: string): LoadedCase[] {
  const cases: LoadedCase[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const source = lines[i]!;
    if (source.trim() !== '') cases.push(parseCaseLine(source, { file, line: i + 1 }));
  }
  // a replay of nothing would pass: most likely the wrong file
  if (cases.length === 0)
    throw new VectorInputError(file, undefined, 'no vectors (the file is empty)');
  return cases;
}

/** One non-blank line of a vector file: a timekeeping case if it has `hz`, else an interpolator case. */
function parseCaseLine(source: string, where: CaseLocation): LoadedCase {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (err) {
    throw new VectorInputError(where.file, where.line, `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new VectorInputError(where.file, where.line, 'a case must be a JSON object');
  const timekeeping = 'hz' in raw;
  const parsed = (timekeeping ? timekeepingCase : interpolatorCase).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = renderPath(issue.path);
    throw new VectorInputError(
      where.file,
      where.line,
      `${at === '' ? 'case' : at}: ${issue.message}`,
    );
  }
  return timekeeping
    ? { kind: 'timekeeping', where, raw }
    : { kind: 'interpolator', where, case: parsed.data as InterpolatorCase };
}
