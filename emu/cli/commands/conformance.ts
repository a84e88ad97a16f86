// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu conformance <file..>`: replay vector files and report, per file and in total, the
 * cases that passed and failed, then the first mismatches. Exit 0 when everything matches, 1 on a
 * mismatch; invalid input is a `UsageError` (exit 2) and nothing is replayed.
 */
import type { ChalkInstance } from 'chalk';
import { type LoadedCase, loadVectorFile, VectorInputError } from '../../conformance/load.js';
import { type FileResult, replayLoaded } from '../../conformance/replay-file.js';
import { UsageError } from '../errors.js';
import { type CliIo, colorsFor } from '../io.js';

/** Mismatches printed at most. */
export const MISMATCHES_SHOWN = 20;

/** A file to replay: where to read it and how to name it in the report. */
export interface VectorFile {
  readonly path: string;
  readonly label: string;
}

export function conformanceCommand(files: readonly VectorFile[], io: CliIo): number {
  const loaded: { file: VectorFile; cases: LoadedCase[] }[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      loaded.push({ file, cases: loadVectorFile(file.path, file.label) });
    } catch (err) {
      if (!(err instanceof VectorInputError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  const results = loaded.map(({ file, cases }) => replayLoaded(file.label, cases));
  const { lines, failed } = conformanceReport(results, colorsFor(io.stdout, io));
  io.stdout.write(`${lines.join('\n')}\n`);
  return failed === 0 ? 0 : 1;
}

function counts(passed: number, failed: number, c: ChalkInstance): string {
  const failedText = `${failed} failed`;
  return `${c.green(`${passed} passed`)}, ${failed === 0 ? failedText : c.red(failedText)}`;
}

/** The report's lines: one per file, the first mismatches, then the totals last. */
export function conformanceReport(
  results: readonly FileResult[],
  c: ChalkInstance,
): { lines: string[]; failed: number } {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  const mismatches = [];
  for (const result of results) {
    const failing = result.cases.filter((r) => r.mismatches.length > 0);
    lines.push(
      `${result.file}: ${counts(result.cases.length - failing.length, failing.length, c)}`,
    );
    passed += result.cases.length - failing.length;
    failed += failing.length;
    for (const r of failing) for (const m of r.mismatches) mismatches.push({ where: r.where, m });
  }
  if (mismatches.length > 0) {
    const shown = Math.min(mismatches.length, MISMATCHES_SHOWN);
    lines.push(c.bold(`mismatches (first ${shown} of ${mismatches.length}):`));
    for (const { where, m } of mismatches.slice(0, shown))
      lines.push(
        `  ${m.caseId} (${where.file}:${where.line}) step ${m.stepIndex} ${m.op} ${m.field}: ` +
          `expected ${m.expected}, actual ${m.actual}`,
      );
  }
  lines.push(counts(passed, failed, c));
  return { lines, failed };
}
