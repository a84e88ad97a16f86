// SPDX-License-Identifier: GPL-2.0-only
/**
 * What a streamed replay keeps of its results: per file the cases that passed and failed, and in
 * total the number of mismatches and the first few of them. Memory stays bounded however many
 * cases a file has.
 */
import type { CaseLocation, CaseResult, Mismatch } from './types.js';

export interface FileCounts {
  readonly file: string;
  passed: number;
  failed: number;
}

export interface LocatedMismatch {
  readonly where: CaseLocation;
  readonly m: Mismatch;
}

export class ConformanceTally {
  readonly files: FileCounts[] = [];
  /** the first `keep` mismatches, in file and case order */
  readonly firstMismatches: LocatedMismatch[] = [];
  mismatchCount = 0;

  constructor(private readonly keep: number) {}

  /** Starts the counts of the next file; `add` counts into it. */
  startFile(file: string): void {
    this.files.push({ file, passed: 0, failed: 0 });
  }

  add(result: CaseResult): void {
    const counts = this.files.at(-1);
    if (counts === undefined) throw new Error('ConformanceTally.add before startFile');
    if (result.mismatches.length === 0) {
      counts.passed++;
      return;
    }
    counts.failed++;
    this.mismatchCount += result.mismatches.length;
    for (const m of result.mismatches) {
      if (this.firstMismatches.length >= this.keep) break;
      this.firstMismatches.push({ where: result.where, m });
    }
  }
}
