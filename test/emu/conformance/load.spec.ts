// SPDX-License-Identifier: GPL-2.0-only
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_VECTOR_LINE_CHARS } from '../../../emu/base/limits.js';
import {
  type LoadedCase,
  streamVectorFile,
  VectorInputError,
} from '../../../emu/conformance/load.js';

function tempFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'timer-emu-vectors-')), 'v.jsonl');
  writeFileSync(path, text);
  return path;
}

async function collect(path: string): Promise<LoadedCase[]> {
  const cases: LoadedCase[] = [];
  for await (const c of streamVectorFile(path, 'v.jsonl')) cases.push(c);
  return cases;
}

async function errorOf(path: string): Promise<VectorInputError> {
  try {
    await collect(path);
  } catch (err) {
    if (err instanceof VectorInputError) return err;
    throw err;
  }
  throw new Error('expected a VectorInputError');
}

const caseLine = (id: string) =>
  JSON.stringify({ id, kernel: '2.6.18', steps: [{ op: 'jiffies', value: '1' }] });

describe('streamVectorFile', () => {
  it('yields each case with its line, across chunk boundaries, CRLF and blank lines', async () => {
    // ids of 2-byte characters long enough that the 64 KiB chunks split some of them
    const ids = Array.from({ length: 40 }, (_, i) => `${'é'.repeat(5_000 + i)}${i}`);
    const text = ids.map((id, i) => `${caseLine(id)}${i % 3 === 0 ? '\r\n' : '\n\n'}`).join('');
    const cases = await collect(tempFile(text));
    expect(cases.map((c) => (c.kind === 'interpolator' ? c.case.id : ''))).toEqual(ids);
    const lines = text.split('\n');
    for (const c of cases)
      expect(lines[c.where.line - 1]).toContain(`${c.kind === 'interpolator' ? c.case.id : ''}"`);
  });

  it('reads a last line without a newline', async () => {
    const cases = await collect(tempFile(`${caseLine('a')}\n${caseLine('b')}`));
    expect(cases.map((c) => c.where.line)).toEqual([1, 2]);
  });

  it('stops at the first invalid line, with file:line:column and the field', async () => {
    const path = tempFile(
      `${caseLine('a')}\n{"id":"b","kernel":"2.6.18","steps":[]}\n${caseLine('c')}\n`,
    );
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const c of streamVectorFile(path, 'v.jsonl'))
        seen.push(c.kind === 'interpolator' ? c.case.id : '');
    } catch (err) {
      error = err;
    }
    // the case before the error was handed over as it was read
    expect(seen).toEqual(['a']);
    expect((error as Error).message).toBe(
      'v.jsonl:2:37: steps: a case without steps checks nothing',
    );
  });

  it('rejects a line longer than the limit, naming the line', async () => {
    const long = `{"id":"${'x'.repeat(MAX_VECTOR_LINE_CHARS)}"}`;
    const err = await errorOf(tempFile(`${caseLine('a')}\n${long}\n`));
    expect(err.message).toMatch(/^v\.jsonl:2: line longer than 16777216 characters/);
  });

  it('rejects a file without cases and a file that cannot be read', async () => {
    expect((await errorOf(tempFile('\n \n'))).message).toBe(
      'v.jsonl: no vectors (the file is empty)',
    );
    expect((await errorOf('/no/such/file.jsonl')).message).toBe(
      'v.jsonl: cannot read the file (ENOENT)',
    );
    expect((await errorOf(tmpdir())).message).toBe('v.jsonl: cannot read the file (EISDIR)');
  });
});
