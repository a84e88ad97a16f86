// SPDX-License-Identifier: GPL-2.0-only
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_FORMAT, RUN_FORMAT_VERSION } from '../../../../emu/report/json.js';
import { cliInProcess, tempDir } from '../bin.js';

/** A shard document as `run --shard K/N --json` writes it, with stand-in scenario entries. */
function shardDoc(index: number, count: number, runs: number, extra: object = {}) {
  const positions: number[] = [];
  for (let p = index - 1; p < runs; p += count) positions.push(p);
  return {
    format: RUN_FORMAT,
    version: RUN_FORMAT_VERSION,
    passed: true,
    shard: { index, count, runs, positions },
    scenarios: positions.map((p) => ({ scenario: `run-${p}`, passed: p !== 4 })),
    ...extra,
  };
}

function write(dir: string, name: string, doc: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return path;
}

describe('timer-emu merge', () => {
  it('puts the runs back in their order and recomputes passed (exit 1: run 4 failed)', async () => {
    const dir = tempDir();
    const files = [3, 1, 2].map((k) => write(dir, `s${k}.json`, shardDoc(k, 3, 7)));
    const r = await cliInProcess(['merge', ...files]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.shard).toBeUndefined();
    expect(doc.passed).toBe(false);
    expect(doc.scenarios.map((s: { scenario: string }) => s.scenario)).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((p) => `run-${p}`),
    );
    expect(Object.keys(doc)).toEqual(['format', 'version', 'passed', 'scenarios']);
  });

  it('passes (exit 0) when every run passed, and writes --out completely', async () => {
    const dir = tempDir();
    const files = [1, 2].map((k) => write(dir, `s${k}.json`, shardDoc(k, 2, 4)));
    const out = join(dir, 'merged.json');
    const r = await cliInProcess(['merge', ...files, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('an interrupted shard makes the merged run incomplete, stopping at the first gap', async () => {
    const dir = tempDir();
    const cut = shardDoc(2, 2, 6, { complete: false, passed: false });
    cut.scenarios = cut.scenarios.slice(0, 1);
    cut.shard.positions = cut.shard.positions.slice(0, 1);
    const files = [write(dir, 'a.json', shardDoc(1, 2, 6)), write(dir, 'b.json', cut)];
    const r = await cliInProcess(['merge', ...files]);
    const doc = JSON.parse(r.stdout);
    expect(doc.complete).toBe(false);
    expect(doc.passed).toBe(false);
    expect(doc.scenarios).toHaveLength(3);
  });

  it.each([
    ['a missing shard', () => [shardDoc(1, 3, 5), shardDoc(3, 3, 5)], /shard 2 of 3 missing/],
    ['a shard twice', () => [shardDoc(1, 2, 5), shardDoc(1, 2, 5)], /shard\.index: shard 1/],
    ['different N', () => [shardDoc(1, 2, 5), shardDoc(2, 3, 5)], /shard\.count/],
    ['different run counts', () => [shardDoc(1, 2, 5), shardDoc(2, 2, 6)], /shard\.runs/],
    [
      'an unsharded document',
      () => [{ format: RUN_FORMAT, version: RUN_FORMAT_VERSION, scenarios: [] }],
      /shard/,
    ],
    ['another format', () => [{ format: 'x' }], /format/],
    // names every object inherits, and a mapping that cannot be made text (both were exit 70)
    [
      'the format "toString"',
      () => [{ ...shardDoc(1, 1, 1), format: 'toString' }],
      /format: expected/,
    ],
    [
      'a format that is a mapping',
      () => [{ ...shardDoc(1, 1, 1), format: { toString: null } }],
      /format: expected/,
    ],
    [
      'a position that is a mapping',
      () => {
        const d = shardDoc(1, 2, 4) as { shard: { positions: unknown[] } };
        d.shard.positions[0] = { toString: null, valueOf: null };
        return [d, shardDoc(2, 2, 4)];
      },
      /shard\.positions\[0\]: a mapping is not a run of shard 1\/2/,
    ],
    ['another version', () => [{ ...shardDoc(1, 1, 1), version: 99 }], /version/],
    ['not JSON', () => ['{ nope'], /not JSON/],
    [
      'a position of another shard',
      () => {
        const d = shardDoc(1, 2, 4);
        d.shard.positions[1] = 1;
        return [d, shardDoc(2, 2, 4)];
      },
      /shard\.positions\[1\]/,
    ],
  ])('%s is a usage error naming the file and the field (exit 2)', async (_what, docs, message) => {
    const dir = tempDir();
    const files = docs().map((d, k) => write(dir, `d${k}.json`, d));
    const r = await cliInProcess(['merge', ...files]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('no file is a usage error', async () => {
    const r = await cliInProcess(['merge']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/merge: name/);
  });
});
