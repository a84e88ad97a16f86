// SPDX-License-Identifier: GPL-2.0-only
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import { LongestFirst } from './test/sequencer.js';

const REPO = dirname(fileURLToPath(import.meta.url));
/** The folders tsc compiles into dist/ and the specs test. */
const COMPILED = ['emu', 'devices', 'interpolator'];

/**
 * The specs import the modules under test from tsc's build (dist/, made fresh before the run by
 * test/global-setup.ts), which Node loads itself: the simulation runs about a fifth faster there
 * than in vitest's transformed copies (docs/performance.md, "The test suite's time"), and the
 * specs test the JavaScript the package ships. Stack traces map back to the sources
 * (--enable-source-maps).
 */
function modulesFromDist(): Plugin {
  return {
    name: 'timer-emu-modules-from-dist',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer === undefined || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const path = resolve(dirname(importer), source);
      const rel = relative(REPO, path);
      if (!COMPILED.includes(rel.split(sep)[0] ?? '')) return null;
      return join(REPO, 'dist', rel);
    },
  };
}

export default defineConfig({
  plugins: [modulesFromDist()],
  test: {
    include: ['test/**/*.spec.ts'],
    testTimeout: 60_000,
    // the build of dist/ and the bundled bin, made once before the workers start
    globalSetup: ['test/global-setup.ts'],
    sequence: { sequencer: LongestFirst },
    pool: 'forks',
    // A young generation of 64 to 128 MB semi-spaces instead of V8's 1 to 16: the specs keep many
    // reads, records and runs alive for a while. Measured with --trace-gc over whole runs
    // (docs/performance.md "The test suite's time"): V8's default scavenged 2 468 times for
    // 11.2 s; a 128 MB ceiling alone, about 800 times for 8.5 s with 39 mark-compacts, since
    // V8 grows the space only slowly; starting at 64 MB, about 320 times for 6.2 s with 8
    // mark-compacts. About 400 MB more per worker at most.
    execArgv: ['--enable-source-maps', '--min-semi-space-size=64', '--max-semi-space-size=128'],
    server: { deps: { external: [/\/dist\/(emu|devices|interpolator)\//] } },
    // Specs share no module-level state (no singletons: each builds its own machines), so one
    // module graph per worker serves every file; re-importing it per file was most of the run.
    isolate: false,
    // vitest's default leaves one core idle (all but one); the specs are CPU-bound, use them all
    maxWorkers: availableParallelism(),
    // The specs as transformed, kept in node_modules/.experimental-vitest-cache and keyed by their
    // content, path and this configuration: a second run transforms only what changed (vitest's
    // "transform" 2.0 → 0.4 s). A fresh clone, as in CI, starts without it. Our one plugin takes
    // no options and maps a path to a path, so the key misses nothing it depends on.
    experimental: { fsModuleCache: true },
  },
});
