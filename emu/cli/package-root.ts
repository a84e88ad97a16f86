// SPDX-License-Identifier: GPL-2.0-only
/**
 * The package's root folder (the one holding `package.json`), found from this module's location
 * so it is the same from the sources (`emu/cli/`) and from the build (`dist/emu/cli/`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the CLI module');
    dir = parent;
  }
}

export function packageVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
