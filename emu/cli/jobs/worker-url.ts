// SPDX-License-Identifier: GPL-2.0-only
/**
 * Where the worker thread's module is: beside this one in the compiled package
 * (dist/emu/cli/jobs/worker.js); in the bundled CLI, the bundler puts the worker's own entry
 * here (rolldown.config.ts); run from the TypeScript sources (the test runner's in-process CLI)
 * there is none, and the runs stay on one thread.
 */
import { existsSync } from 'node:fs';

export const WORKER_URL = new URL('./worker.js', import.meta.url);

/** Whether a worker module exists to start threads from. */
export const workerModuleExists = (): boolean => existsSync(WORKER_URL);
