// SPDX-License-Identifier: GPL-2.0-only
/**
 * Reading a vector file (JSON Lines): one case per non-blank line. A line that is not valid JSON
 * or not a valid case makes the whole file invalid, reported with `file:line:column` and the field.
 * `streamVectorFile` reads a file chunk by chunk and hands over each case as its line arrives, so
 * a file of any length is replayed in the memory of its longest line (docs/conformance.md).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { MAX_VECTOR_LINE_CHARS } from '../base/limits.js';
import { locateCaseIssue } from './locate.js';
import { timekeepingCase } from './replay-timekeeping.js';
import type { CaseLocation } from './types.js';
import { type InterpolatorCase, interpolatorCase, renderPath } from './vectors.js';

/** Invalid input: the file cannot be read, or a line is not a valid case. */
export class VectorInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
    readonly column?: number,
  ) {
    super(`${file}${locationText(line, column)}: ${problem}`);
    this.name = 'VectorInputError';
  }
}

function locationText(line: number | undefined, column: number | undefined): string {
  if (line === undefined) return '';
  return column === undefined ? `:${line}` : `:${line}:${column}`;
}

/** A case ready to replay, validated against its kind's schema (timekeeping cases have `hz`). */
export type LoadedCase =
  | { readonly kind: 'interpolator'; readonly where: CaseLocation; readonly case: InterpolatorCase }
  | { readonly kind: 'timekeeping'; readonly where: CaseLocation; readonly raw: unknown };

const cannotRead = (file: string, err: unknown): VectorInputError =>
  new VectorInputError(
    file,
    undefined,
    `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
  );

// a replay of nothing would pass: most likely the wrong file
const noVectors = (file: string): VectorInputError =>
  new VectorInputError(file, undefined, 'no vectors (the file is empty)');

/** Reads all of `path` at once (small files: tests, benches); `file` names it in errors. */
export function loadVectorFile(path: string, file: string = path): LoadedCase[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw cannotRead(file, err);
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
  if (cases.length === 0) throw noVectors(file);
  return cases;
}

/**
 * The cases of `path` in file order, each parsed and validated when its line has been read; the
 * first invalid line throws `VectorInputError`. Holds one line at a time, of at most
 * `MAX_VECTOR_LINE_CHARS` characters.
 */
export async function* streamVectorFile(
  path: string,
  file: string = path,
): AsyncGenerator<LoadedCase> {
  let cases = 0;
  for await (const { text, line } of fileLines(path, file)) {
    if (text.trim() === '') continue;
    cases++;
    yield parseCaseLine(text, { file, line });
  }
  if (cases === 0) throw noVectors(file);
}

/** The lines of `path` (1-based numbers), decoded as UTF-8 across chunk boundaries. */
async function* fileLines(
  path: string,
  file: string,
): AsyncGenerator<{ text: string; line: number }> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  // The unfinished line's pieces: each chunk is scanned once, so a long line costs its length,
  // not its length times its number of chunks.
  let pieces: string[] = [];
  let piecesChars = 0;
  let line = 1;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let start = 0;
      for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
        pieces.push(chunk.slice(start, end));
        yield { text: pieces.join(''), line: line++ };
        pieces = [];
        piecesChars = 0;
        start = end + 1;
      }
      if (start < chunk.length) {
        pieces.push(chunk.slice(start));
        piecesChars += chunk.length - start;
      }
      if (piecesChars > MAX_VECTOR_LINE_CHARS) throw lineTooLong(file, line);
    }
  } catch (err) {
    throw err instanceof VectorInputError ? err : cannotRead(file, err);
  } finally {
    stream.destroy();
  }
  if (pieces.length > 0) yield { text: pieces.join(''), line };
}

const lineTooLong = (file: string, line: number): VectorInputError =>
  new VectorInputError(
    file,
    line,
    `line longer than ${MAX_VECTOR_LINE_CHARS} characters (docs/conformance.md, "Limits")`,
  );

/** One non-blank line of a vector file: a timekeeping case if it has `hz`, else an interpolator case. */
export function parseCaseLine(source: string, where: CaseLocation): LoadedCase {
  if (source.length > MAX_VECTOR_LINE_CHARS) throw lineTooLong(where.file, where.line);
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (err) {
    throw new VectorInputError(where.file, where.line, `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new VectorInputError(where.file, where.line, 'a case must be a JSON object', 1);
  const timekeeping = 'hz' in raw;
  const parsed = (timekeeping ? timekeepingCase : interpolatorCase).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = renderPath(issue.path);
    throw new VectorInputError(
      where.file,
      where.line,
      `${at === '' ? 'case' : at}: ${issue.message}`,
      // an unknown key is shown where it is written
      locateCaseIssue(
        source,
        issue.path,
        issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined,
      ),
    );
  }
  return timekeeping
    ? { kind: 'timekeeping', where, raw }
    : { kind: 'interpolator', where, case: parsed.data as InterpolatorCase };
}
