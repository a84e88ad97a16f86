// SPDX-License-Identifier: GPL-2.0-only
/**
 * A worker thread of `run --jobs N`: runs the jobs it is sent, one at a time, and replies with
 * each run's report. It writes nothing itself: the main thread prints, in the input order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseScenarioText } from '../../scenario/load.js';
import { builtinRegistry, type Registry } from '../../scenario/registry.js';
import { executeRun, scenarioReport } from '../commands/execute-run.js';
import type { JobReply, RunJob, WorkerSetup } from './job.js';

async function runJob(job: RunJob, stopFlag: Int32Array, registry: Registry): Promise<JobReply> {
  try {
    const scenario = parseScenarioText(job.text, job.file, registry);
    const run = await executeRun(scenario, {
      seed: job.seed,
      durationFs: job.durationFs,
      registry,
      tracer: undefined,
      progress: job.progressLines ? { stream: process.stderr, tty: false } : null,
      stopped: () => Atomics.load(stopFlag, 0) !== 0,
    });
    return { id: job.id, report: scenarioReport(job.file, job.hash, scenario, run) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { id: job.id, error: e.message, stack: e.stack };
  }
}

const port = parentPort;
if (port !== null) {
  const setup = workerData as WorkerSetup;
  const stopFlag = new Int32Array(setup.stopFlag);
  // one registry for the thread's jobs: the scenario schema it derives is built once
  const registry = builtinRegistry();
  port.on('message', (job: RunJob) => {
    void runJob(job, stopFlag, registry).then((reply) => port.postMessage(reply));
  });
}
