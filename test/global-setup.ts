// SPDX-License-Identifier: GPL-2.0-only
/** Before any spec runs, once: the build the spawned-bin specs use (test/emu/cli/bin.ts). */
import { buildBin } from './emu/cli/bin.js';

export default function setup(): void {
  buildBin();
}
