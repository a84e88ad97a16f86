// SPDX-License-Identifier: GPL-2.0-only
/**
 * `npm run bench`: runs every `*.bench.js` module beside this file and prints one JSON document.
 * Each module exports `bench(): Promise<Record<string, unknown>>` (or a plain record); its results
 * appear under its file name. Host time is read only here and in the bench modules.
 */
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const results: Record<string, unknown> = {};
for (const file of modules) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as {
    bench: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  };
  process.stderr.write(`bench: ${file}\n`);
  results[file.replace(/\.bench\.js$/, '')] = await mod.bench();
}

const report = {
  format: 'timer-emu-bench',
  version: 1,
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memBytes: totalmem(),
  },
  results,
};
process.stdout.write(
  `${JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`,
);
