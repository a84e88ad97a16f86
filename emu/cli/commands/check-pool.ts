// SPDX-License-Identifier: GPL-2.0-only
/**
 * The cases of `check --jobs N` on the worker threads of `run --jobs N`: each case is a scenario
 * text run with its seed; the batch's verdicts come back in the batch's order, so the first
 * failing case is the same as on one thread.
 */
import type { BaseScenario } from '../../testing/scenario-file.js';
import type { BatchRunner } from '../../testing/search.js';
import { WorkerPool } from '../jobs/pool.js';
import { WORKER_URL, workerModuleExists } from '../jobs/worker-url.js';

export interface CasePool {
  readonly runBatch: BatchRunner;
  close(): Promise<void>;
}

/** A pool of `jobs` threads for the cases of `base`, or null when one thread does. */
export function casePool(base: BaseScenario, jobs: number): CasePool | null {
  if (jobs <= 1 || !workerModuleExists()) return null;
  const pool = new WorkerPool(jobs, WORKER_URL);
  let nextId = 0;
  return {
    runBatch: async (cases) => {
      const replies = cases.map((c) =>
        pool.submit({
          id: nextId++,
          file: `${base.file} (case ${c.index})`,
          text: c.text,
          hash: '',
          seed: c.variation.seed ?? base.scenario.seed,
          durationFs: undefined,
          progressLines: false,
        }),
      );
      const reports = await Promise.all(replies);
      return reports.map((r) => {
        if (r === null) throw new Error('check: the worker pool stopped');
        return r.expectations.filter((e) => !e.pass).map((e) => e.key);
      });
    },
    close: () => pool.close(),
  };
}
