// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu start` (`npm start`, the README's main command): runs every bundled scenario
 * (`scenarios/*.yaml` under the package root, wherever the cwd is) and prints the table of
 * results. The conformance vectors are replayed by `timer-emu conformance` and by `npm test`.
 */
import type { CliIo } from '../io.js';
import { packageRoot } from '../package-root.js';
import { runBundledCommand } from './run.js';

export function startCommand(io: CliIo, root: string = packageRoot()): Promise<number> {
  return runBundledCommand(io, root);
}
