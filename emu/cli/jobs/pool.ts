// SPDX-License-Identifier: GPL-2.0-only
/**
 * A pool of worker threads for `run --jobs N`: each worker runs one job at a time; jobs start in
 * the order submitted. `stop()` (a signal) makes the runs in progress end with their figures so
 * far and the jobs not yet started resolve to null.
 */
import { Worker } from 'node:worker_threads';
import type { ScenarioReport } from '../../report/json.js';
import type { JobReply, RunJob, WorkerSetup } from './job.js';

/** A run that failed inside a worker: an internal error of ours, with the worker's stack. */
export class WorkerJobError extends Error {
  constructor(
    message: string,
    readonly workerStack: string | undefined,
  ) {
    super(message);
  }
}

interface Pending {
  readonly job: RunJob;
  readonly resolve: (r: ScenarioReport | null) => void;
  readonly reject: (e: Error) => void;
}

export class WorkerPool {
  private readonly stopFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<number, Pending>();
  private stoppedFlag = false;

  constructor(
    private readonly size: number,
    private readonly workerUrl: URL,
  ) {}

  submit(job: RunJob): Promise<ScenarioReport | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Asks the runs in progress to stop; the queued jobs resolve to null. */
  stop(): void {
    this.stoppedFlag = true;
    Atomics.store(this.stopFlag, 0, 1);
    for (const p of this.queue.splice(0)) p.resolve(null);
  }

  /** Ends every worker thread. */
  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.stoppedFlag) {
      const worker = this.idle.pop() ?? this.spawn();
      if (worker === null) return;
      const p = this.queue.shift()!;
      this.running.set(p.job.id, p);
      worker.postMessage(p.job);
    }
  }

  private spawn(): Worker | null {
    if (this.all.length >= this.size) return null;
    const setup: WorkerSetup = { stopFlag: this.stopFlag.buffer as SharedArrayBuffer };
    const worker = new Worker(this.workerUrl, { workerData: setup });
    worker.on('message', (reply: JobReply) => this.settle(worker, reply));
    worker.on('error', (err) => this.failAll(err));
    this.all.push(worker);
    return worker;
  }

  private settle(worker: Worker, reply: JobReply): void {
    const p = this.running.get(reply.id);
    this.running.delete(reply.id);
    this.idle.push(worker);
    if (p !== undefined) {
      if ('report' in reply) p.resolve(reply.report);
      else p.reject(new WorkerJobError(reply.error, reply.stack));
    }
    this.pump();
  }

  private failAll(err: Error): void {
    for (const p of [...this.running.values(), ...this.queue.splice(0)]) p.reject(err);
    this.running.clear();
  }
}
