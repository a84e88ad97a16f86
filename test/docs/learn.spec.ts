// SPDX-License-Identifier: GPL-2.0-only
/**
 * docs/learn cannot drift from the code: every `$ timer-emu …` block of its pages is run in
 * process and its output compared with the page, every number of the prose must appear in an
 * output on the same page, and the picture manifest names pages and images that exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../emu/cli/bin.js';
import { commandBlocks, proseNumbers } from './learn-blocks.js';

const LEARN = join(import.meta.dirname, '..', '..', 'docs', 'learn');
const pages = readdirSync(LEARN)
  .filter((f) => f.endsWith('.md'))
  .sort();
const text = (page: string): string => readFileSync(join(LEARN, page), 'utf8');
const blocks = pages.flatMap((p) => commandBlocks(p, text(p)));

interface Picture {
  readonly image: string;
  readonly command: string;
  readonly chart: string;
  readonly page: string;
}
const CHARTS = ['error', 'offset', 'skips', 'nsec-per-cyc', 'stalls', 'latency', 'cmpxchg'];
const pictures = JSON.parse(readFileSync(join(LEARN, 'pictures.json'), 'utf8')) as Picture[];

describe('docs/learn command blocks', () => {
  it('has command blocks on every page but the glossary', () => {
    for (const p of pages.filter((p) => p !== 'glossary.md'))
      expect(
        blocks.some((b) => b.page === p),
        p,
      ).toBe(true);
  });

  it.each(blocks.map((b) => [`${b.page}:${b.line} timer-emu ${b.argv.join(' ')}`, b] as const))(
    '%s prints what the page shows',
    async (_name, b) => {
      const r = await cliInProcess(b.argv);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.trimEnd()).toBe(b.expected.trimEnd());
    },
  );
});

describe('docs/learn prose', () => {
  it.each(pages)('every number of %s is printed by a command on it', (page) => {
    const outputs = blocks
      .filter((b) => b.page === page)
      .map((b) => b.expected.replace(/ /g, ''))
      .join('\n');
    const unbacked = proseNumbers(text(page)).filter((n) => !outputs.includes(n));
    expect(unbacked).toEqual([]);
  });

  it('the index links every page', () => {
    const index = text('index.md');
    for (const p of pages.filter((p) => p !== 'index.md')) expect(index).toContain(`(${p})`);
  });
});

describe('docs/learn/pictures.json', () => {
  it('names a known chart, an existing page that shows the image, and a report command', () => {
    expect(pictures.length).toBeGreaterThan(0);
    for (const pic of pictures) {
      expect(CHARTS).toContain(pic.chart);
      expect(existsSync(join(LEARN, pic.page)), pic.page).toBe(true);
      expect(text(pic.page)).toContain(`](${pic.image})`);
      expect(pic.image).toMatch(/^img\/[a-z0-9-]+\.png$/);
      const name = pic.image.slice('img/'.length, -'.png'.length);
      expect(pic.command).toMatch(new RegExp(`^timer-emu report \\S+.* -o ${name}\\.html$`));
    }
  });

  it('gives every page but the index and glossary a picture', () => {
    for (const p of pages.filter((p) => !['index.md', 'glossary.md'].includes(p)))
      expect(pictures.some((pic) => pic.page === p) || text(p).includes('```mermaid'), p).toBe(
        true,
      );
  });
});
