// SPDX-License-Identifier: GPL-2.0-only
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    testTimeout: 60_000,
    // the bundled bin, built once before the workers start (the spawned-bin specs share it)
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Specs share no module-level state (no singletons: each builds its own machines), so one
    // module graph per worker serves every file; re-importing it per file was most of the run.
    isolate: false,
    // vitest's default leaves one core idle (all but one); the specs are CPU-bound, use them all
    maxWorkers: availableParallelism(),
  },
});
