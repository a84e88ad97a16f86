/**
 * `timer-emu start` (`npm start`): until bundled scenarios exist, replays the bundled conformance
 * vectors (`test/fixtures/conformance/*.jsonl` under the package root, wherever the cwd is).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../io.js';
import { packageRoot } from '../package-root.js';
import { conformanceCommand } from './conformance.js';

export const BUNDLED_VECTORS = 'test/fixtures/conformance';

export function startCommand(io: CliIo, root: string = packageRoot()): number {
  const files = readdirSync(join(root, BUNDLED_VECTORS))
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => ({
      path: join(root, BUNDLED_VECTORS, name),
      label: `${BUNDLED_VECTORS}/${name}`,
    }));
  return conformanceCommand(files, io);
}
