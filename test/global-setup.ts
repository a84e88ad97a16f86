// SPDX-License-Identifier: GPL-2.0-only
/**
 * Before any spec runs, once: tsc's build in dist/, from which every spec imports the modules
 * under test (vitest.config.ts), and the bundled bin the spawned-bin specs run
 * (test/emu/cli/bin.ts); each rebuilt only when a source is newer.
 *
 * And one temporary folder for the whole run: TMPDIR points into it before the workers start,
 * so everything the specs, the bins they spawn and the browser write under `os.tmpdir()` lands
 * there, and it is removed when the run ends (the specs make a few hundred folders a run, one a
 * 16 MB vector file, and removed none of them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBin } from './emu/cli/bin.js';

export default function setup(): () => void {
  buildBin();
  const root = mkdtempSync(join(tmpdir(), 'timer-emu-test-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
  };
}
