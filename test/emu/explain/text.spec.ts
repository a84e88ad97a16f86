// SPDX-License-Identifier: GPL-2.0-only
/** The narration of a read names both ends of the seqlock loop and counts its retries. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain } from '../../../emu/explain/explain.js';
import { retriesText } from '../../../emu/explain/read-story.js';
import { PLAIN, readLines } from '../../../emu/explain/text.js';
import { loadScenario } from '../../../emu/scenario/load.js';

const bundled = (name: string) =>
  loadScenario(join(import.meta.dirname, '..', '..', '..', 'scenarios', `${name}.yaml`));

describe('readLines', () => {
  it('tells read_seqbegin, then read_seqretry with the same sequence, before the value', () => {
    const e = explain(bundled('itc-nojitter-backwards'), {
      selection: { cpu: 2, read: null, atFs: 20_000_000_000_000n, ticks: null },
      arith: false,
      behindCycles: 1n,
    });
    const r = e.read!;
    expect(r.retries).toBe(1);
    const lines = readLines(r, PLAIN);
    const begin = lines.findIndex((l) => l.includes('read_seqbegin'));
    const retry = lines.findIndex((l) => l.includes('read_seqretry'));
    const returned = lines.findIndex((l) => l.startsWith('  returned '));
    expect(lines[begin]).toBe(
      `  read_seqbegin(&xtime_lock): sequence = ${r.sequence} (after 1 retry)`,
    );
    expect(lines[retry]).toContain(`sequence still ${r.sequence}`);
    expect(begin).toBeLessThan(retry);
    expect(retry).toBe(returned - 1);
    expect(lines.join('\n')).toContain('the reader went round again, 1 retry');
  });

  it('counts retries in the singular and plural', () => {
    expect([retriesText(1), retriesText(2)]).toEqual(['1 retry', '2 retries']);
  });
});

describe('read notes', () => {
  it('says why the offset is in the value: a carry at the last tick', () => {
    const e = explain(bundled('drift-tuning-fast'), {
      selection: { cpu: 0, read: 20, atFs: null, ticks: null },
      arith: false,
      behindCycles: 1n,
    });
    const r = e.read!;
    expect(r.offset).toBeGreaterThan(0n);
    expect(r.notes).toContain(
      `offset = ${r.offset} ns: at the last tick readers had already been given that much beyond xtime (a carry), and every read until the next tick adds it`,
    );
  });
});
