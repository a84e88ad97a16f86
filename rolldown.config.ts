// SPDX-License-Identifier: GPL-2.0-only
/**
 * The CLI bundled into a few modules (dist/cli/): a spawned `timer-emu` loads them instead of
 * about 270 ES modules, which was most of its start-up. The package's API (dist/emu/) is
 * tsc's output; only the bin is bundled. `uplot` stays outside: the report reads its files
 * from the installed package rather than importing it.
 */
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'rolldown';

/** emu/cli/jobs/worker-url.ts names the worker thread's module by a URL relative to itself;
 * in the bundle, that URL becomes the worker's own emitted entry. */
function workerEntry(): Plugin {
  const pattern = "new URL('./worker.js', import.meta.url)";
  return {
    name: 'timer-emu-worker-entry',
    transform: {
      filter: { id: /emu\/cli\/jobs\/worker-url\.ts$/ },
      handler(code, id) {
        if (!code.includes(pattern)) this.error(`${id}: the worker URL is not ${pattern}`);
        const ref = this.emitFile({ type: 'chunk', id: 'emu/cli/jobs/worker.ts', name: 'worker' });
        return code.replace(pattern, `new URL(import.meta.ROLLDOWN_FILE_URL_${ref})`);
      },
    },
  };
}

/** The bin is executable wherever it is bundled (npm run build, npm test, the specs' freshness
 * check): `npm pack` keeps the mode, and a spawned bin needs no `node` in front. */
function executableEntry(): Plugin {
  return {
    name: 'timer-emu-executable-entry',
    writeBundle(options, bundle) {
      for (const chunk of Object.values(bundle))
        if (chunk.type === 'chunk' && chunk.isEntry && chunk.name === 'timer-emu')
          chmodSync(join(options.dir ?? '', chunk.fileName), 0o755);
    },
  };
}

export default defineConfig({
  input: { 'timer-emu': 'emu/cli/main.ts' },
  platform: 'node',
  external: ['uplot'],
  plugins: [workerEntry(), executableEntry()],
  output: {
    dir: 'dist/cli',
    cleanDir: true,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
});
