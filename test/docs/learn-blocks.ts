// SPDX-License-Identifier: GPL-2.0-only
/**
 * The command blocks of docs/learn (docs/learn/index.md, "How to read these pages"): a ```console
 * block whose first line is `$ timer-emu …`, the rest of the block being that command's output.
 */

export interface CommandBlock {
  readonly page: string;
  /** 1-based line of the `$ timer-emu` line */
  readonly line: number;
  readonly argv: readonly string[];
  readonly expected: string;
}

const FENCE = '```';

/** Every command block of `text` (the page `page`). */
export function commandBlocks(page: string, text: string): CommandBlock[] {
  const lines = text.split('\n');
  const blocks: CommandBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== `${FENCE}console`) continue;
    const end = lines.indexOf(FENCE, i + 1);
    if (end < 0) break;
    const first = lines[i + 1] ?? '';
    if (first.startsWith('$ timer-emu '))
      blocks.push({
        page,
        line: i + 2,
        argv: first.slice('$ timer-emu '.length).trim().split(/\s+/),
        expected: lines.slice(i + 2, end).join('\n'),
      });
    i = end;
  }
  return blocks;
}

/** The page's prose: fenced blocks, inline code, link targets and HTML comments removed. */
export function prose(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`]*`/g, '')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<!--[\s\S]*?-->/g, '');
}

/**
 * The numbers of the prose that need a command's output behind them: every run of digits of two
 * or more, but kernel versions (2.6.18), names with digits (x86, ia64, u64) and list numbers at
 * the start of a line.
 */
export function proseNumbers(text: string): string[] {
  const cleaned = prose(text)
    .replace(/\b2\.6\.\d+\b/g, '')
    .replace(/^\s*\d+\.\s/gm, '')
    .replace(/[A-Za-z_]+\d+/g, '');
  return [...cleaned.matchAll(/\d[\d ]*\d|\d{2,}/g)]
    .map((m) => m[0].replace(/ /g, ''))
    .filter((n) => n.length >= 2);
}
