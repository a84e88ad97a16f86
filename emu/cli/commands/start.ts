// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu start` (`npm start`, the README's main command): runs every bundled scenario
 * (`scenarios/*.yaml` under the package root, wherever the cwd is) and prints the table of
 * results (`--quiet`: nothing else; `--json`: the run document). The conformance vectors are
 * replayed by `timer-emu conformance` and by `npm test`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../io.js';
import { packageRoot } from '../package-root.js';
import { type RunOptions, runCommand } from './run.js';
import { BUNDLED_FOLDER } from './run-inputs.js';

export type StartOptions = Pick<RunOptions, 'json' | 'quiet' | 'seed' | 'jobs' | 'seeds' | 'shard'>;

/** The bundled scenario files, sorted by name. */
function bundledFiles(root: string): string[] {
  return readdirSync(join(root, BUNDLED_FOLDER))
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(root, BUNDLED_FOLDER, name));
}

export function startCommand(
  io: CliIo,
  root: string = packageRoot(),
  o: StartOptions = {},
): Promise<number> {
  return runCommand({ ...o, summaries: false, scenarios: bundledFiles(root) }, io, root);
}
