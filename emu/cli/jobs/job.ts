// SPDX-License-Identifier: GPL-2.0-only
/** The messages between `run`'s main thread and its worker threads (structured-cloned). */
import type { ScenarioReport } from '../../report/json.js';

/** One run for a worker: the scenario as text (parsed again there), its seed and duration. */
export interface RunJob {
  readonly id: number;
  readonly file: string;
  readonly text: string;
  readonly hash: string;
  readonly seed: bigint;
  readonly durationFs: bigint | undefined;
  /** an occasional progress line on stderr during a long run (not on a terminal, not quiet) */
  readonly progressLines: boolean;
}

export type JobReply =
  | { readonly id: number; readonly report: ScenarioReport }
  | { readonly id: number; readonly error: string; readonly stack: string | undefined };

/** What a worker is given once, at its start. */
export interface WorkerSetup {
  /** one Int32: 0 while the runs go on, 1 once a signal asked them to stop */
  readonly stopFlag: SharedArrayBuffer;
}
