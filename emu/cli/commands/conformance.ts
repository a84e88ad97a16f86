// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu conformance <file..>`: replay vector files and report, per file and in total, the
 * cases that passed and failed, then the first mismatches. Exit 0 when everything matches, 1 on a
 * mismatch; invalid input is a `UsageError` (exit 2) and nothing is printed but the errors. Each
 * file is streamed: a case is replayed as soon as its line is read, and only counts and the first
 * mismatches are kept.
 */
import type { ChalkInstance } from 'chalk';
import { streamVectorFile, VectorInputError } from '../../conformance/load.js';
import { replayCase } from '../../conformance/replay-file.js';
import { ConformanceTally } from '../../conformance/tally.js';
import { UsageError } from '../errors.js';
import { type CliIo, colorsFor } from '../io.js';

/** Mismatches printed at most. */
export const MISMATCHES_SHOWN = 20;

/** A file to replay: where to read it and how to name it in the report. */
export interface VectorFile {
  readonly path: string;
  readonly label: string;
}

/**
 * Replays `file` into `tally`; without a tally (an earlier file was invalid, so there will be no
 * report) the file is only checked.
 */
async function replayFile(file: VectorFile, tally: ConformanceTally | undefined): Promise<void> {
  tally?.startFile(file.label);
  for await (const loaded of streamVectorFile(file.path, file.label))
    tally?.add(replayCase(loaded));
}

export async function conformanceCommand(files: readonly VectorFile[], io: CliIo): Promise<number> {
  const tally = new ConformanceTally(MISMATCHES_SHOWN);
  const problems: string[] = [];
  for (const file of files) {
    try {
      await replayFile(file, problems.length === 0 ? tally : undefined);
    } catch (err) {
      if (!(err instanceof VectorInputError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  const { lines, failed } = conformanceReport(tally, colorsFor(io.stdout, io));
  io.stdout.write(`${lines.join('\n')}\n`);
  return failed === 0 ? 0 : 1;
}

function counts(passed: number, failed: number, c: ChalkInstance): string {
  const failedText = `${failed} failed`;
  return `${c.green(`${passed} passed`)}, ${failed === 0 ? failedText : c.red(failedText)}`;
}

/** The report's lines: one per file, the first mismatches, then the totals last. */
export function conformanceReport(
  tally: ConformanceTally,
  c: ChalkInstance,
): { lines: string[]; failed: number } {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const file of tally.files) {
    lines.push(`${file.file}: ${counts(file.passed, file.failed, c)}`);
    passed += file.passed;
    failed += file.failed;
  }
  const shown = tally.firstMismatches;
  if (shown.length > 0) {
    lines.push(c.bold(`mismatches (first ${shown.length} of ${tally.mismatchCount}):`));
    for (const { where, m } of shown)
      lines.push(
        `  ${m.caseId} (${where.file}:${where.line}) step ${m.stepIndex} ${m.op} ${m.field}: ` +
          `expected ${m.expected}, actual ${m.actual}`,
      );
  }
  lines.push(counts(passed, failed, c));
  return { lines, failed };
}
