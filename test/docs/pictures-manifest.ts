// SPDX-License-Identifier: GPL-2.0-only
/**
 * The tutorial's picture manifest, `docs/learn/pictures.json`: for each picture, the command a
 * reader runs to make the report, the chart of the report it shows and the page that shows it.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';

export const MANIFEST = join('docs', 'learn', 'pictures.json');

const CHART = z.enum(['error', 'offset', 'skips', 'nsec-per-cyc', 'stalls', 'latency', 'cmpxchg']);

const Entry = z.strictObject({
  image: z.string().regex(/^img\/[a-z0-9][a-z0-9.-]*\.png$/, 'img/<name>.png'),
  command: z.string().regex(/^timer-emu report \S/, 'timer-emu report <scenario> … -o <name>.html'),
  chart: CHART,
  page: z.string().regex(/^[a-z0-9][a-z0-9./-]*\.md$/, '<page>.md'),
});
export type PictureEntry = z.infer<typeof Entry>;

export function loadManifest(path: string): PictureEntry[] {
  const parsed = z.array(Entry).safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new Error(`${path}: entry ${first.path.join('.')}: ${first.message}`);
  }
  return parsed.data;
}

/**
 * The command's arguments after `timer-emu` (split at spaces, as the pages show them: no quoting)
 * with its `-o`/`--out` file put in `outDir`, and that file.
 */
export function commandArgs(e: PictureEntry, outDir: string): { argv: string[]; html: string } {
  const argv = e.command.trim().split(/\s+/).slice(1);
  const at = argv.findIndex((a) => a === '-o' || a === '--out');
  const out = at < 0 ? undefined : argv[at + 1];
  if (out === undefined || isAbsolute(out) || out.includes('/') || !out.endsWith('.html'))
    throw new Error(`${e.command}: name the report with -o <name>.html`);
  const html = join(outDir, out);
  argv[at + 1] = html;
  return { argv, html };
}
