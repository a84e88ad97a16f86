// SPDX-License-Identifier: GPL-2.0-only
/** Replays every case of vector files, dispatching timekeeping cases (`hz`) to their replay. */
import { type LoadedCase, loadVectorFile } from './load.js';
import { replayInterpolatorCase } from './replay-interpolator.js';
import { replayTimekeepingCase } from './replay-timekeeping.js';
import type { CaseResult } from './types.js';

export interface FileResult {
  readonly file: string;
  readonly cases: readonly CaseResult[];
}

export function replayCase(loaded: LoadedCase): CaseResult {
  return loaded.kind === 'interpolator'
    ? replayInterpolatorCase(loaded.case, loaded.where)
    : replayTimekeepingCase(loaded.raw, loaded.where);
}

/** Loads (throwing `VectorInputError` on invalid input) and replays one file. */
export function replayVectorFile(path: string, file: string = path): FileResult {
  return replayLoaded(file, loadVectorFile(path, file));
}

export function replayLoaded(file: string, cases: readonly LoadedCase[]): FileResult {
  return { file, cases: cases.map(replayCase) };
}
