// SPDX-License-Identifier: GPL-2.0-only
/**
 * Many runs without trace files on a pool of worker threads (`--jobs N`), their reports handed
 * back in the input order as soon as each run and every run before it are done. The runs start
 * longest first (estimated from the workload's rates), so that a long run does not start last and
 * leave the other threads idle at the end. After a signal, the runs in progress end with their
 * figures so far and the runs not started are left out.
 */
import { FS_PER_MS } from '../../base/time.js';
import type { ScenarioReport } from '../../report/json.js';
import type { RunInterrupt } from '../interrupt.js';
import { WorkerPool } from '../jobs/pool.js';
import { WORKER_URL, workerModuleExists } from '../jobs/worker-url.js';
import type { RunUnit } from './run-units.js';
import { expectedReads } from './trace-estimate.js';

/** Whether `jobs` threads would run these units (more than one of each, and a worker module). */
export function usesPool(jobs: number, units: readonly RunUnit[]): boolean {
  return jobs > 1 && units.length > 1 && workerModuleExists();
}

export interface PoolRun {
  readonly jobs: number;
  readonly durationFs: bigint | undefined;
  readonly interrupt: RunInterrupt;
  /** an occasional progress line on stderr from each thread (not on a terminal) */
  readonly progressLines: boolean;
  /** called in the input order */
  readonly onReport: (unit: RunUnit, report: ScenarioReport) => void;
}

/**
 * A run's cost for ordering the queue: its expected reads, and a floor of one per CPU and
 * millisecond for the ticks and idle loops of a run that reads little.
 */
function estimatedCost(u: RunUnit, durationFs: bigint | undefined): bigint {
  const s = u.loaded.scenario;
  const runFs = durationFs ?? s.durationFs;
  return expectedReads(s, runFs, {}) + (BigInt(s.machine.cpus) * runFs) / FS_PER_MS;
}

/** Unit indices, the costliest first (ties in input order). */
export function longestFirst(units: readonly RunUnit[], durationFs: bigint | undefined): number[] {
  const costs = units.map((u) => estimatedCost(u, durationFs));
  return units
    .map((_, k) => k)
    .sort((a, b) => (costs[b]! > costs[a]! ? 1 : costs[b]! < costs[a]! ? -1 : a - b));
}

/** Runs the units; returns their reports, in order (a prefix of them after a signal). */
export async function runOnPool(units: readonly RunUnit[], o: PoolRun): Promise<ScenarioReport[]> {
  const pool = new WorkerPool(Math.min(o.jobs, units.length), WORKER_URL);
  const forget = o.interrupt.onStop(() => pool.stop());
  const pending: Promise<ScenarioReport | null>[] = [];
  for (const id of longestFirst(units, o.durationFs)) {
    const u = units[id]!;
    pending[id] = pool.submit({
      id,
      file: u.loaded.file,
      text: u.loaded.text,
      hash: u.loaded.hash,
      seed: u.seed,
      durationFs: o.durationFs,
      progressLines: o.progressLines,
    });
  }
  // a failure is reported when its turn comes; the others must not go unhandled meanwhile
  for (const p of pending) p.catch(() => {});
  const reports: ScenarioReport[] = [];
  try {
    for (const [k, p] of pending.entries()) {
      const r = await p;
      if (r === null) break;
      o.onReport(units[k]!, r);
      reports.push(r);
    }
  } finally {
    forget();
    await pool.close();
  }
  return reports;
}
