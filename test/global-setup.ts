// SPDX-License-Identifier: GPL-2.0-only
/**
 * Before any spec runs, once: tsc's build in dist/, from which every spec imports the modules
 * under test (vitest.config.ts), and the bundled bin the spawned-bin specs run
 * (test/emu/cli/bin.ts); each rebuilt only when a source is newer.
 */
import { buildBin } from './emu/cli/bin.js';

export default function setup(): void {
  buildBin();
}
