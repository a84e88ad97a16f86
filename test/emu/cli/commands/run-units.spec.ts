// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import type { LoadedScenario } from '../../../../emu/cli/commands/run-inputs.js';
import {
  expandUnits,
  parseSeeds,
  parseShard,
  selectShard,
} from '../../../../emu/cli/commands/run-units.js';
import { UsageError } from '../../../../emu/cli/errors.js';
import { fc, test } from '../../../property-test.js';

/** A loaded scenario as far as the units look at it: its file and its own seed. */
const loaded = (file: string, seed: bigint): LoadedScenario =>
  ({ file, hash: '', text: '', scenario: { seed } }) as unknown as LoadedScenario;

describe('parseShard', () => {
  it('reads K/N with 1 ≤ K ≤ N', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1/1 ')).toEqual({ index: 1, count: 1 });
  });
  it.each(['0/3', '4/3', '1/0', '1', '1/3/4', '-1/3', 'a/b', '1.5/3', '99999999/99999999'])(
    '%s is a usage error naming --shard',
    (text) => {
      expect(() => parseShard(text)).toThrow(UsageError);
      expect(() => parseShard(text)).toThrow(/--shard/);
    },
  );
});

describe('parseSeeds', () => {
  it('reads a count from 1', () => expect(parseSeeds('12')).toBe(12));
  it.each(['0', '-1', 'x', '1e3', '2000000'])('%s is a usage error', (text) =>
    expect(() => parseSeeds(text)).toThrow(/--seeds/),
  );
});

describe('expandUnits', () => {
  it('numbers file × seed, file-major, from the given seed or the scenario own', () => {
    const units = expandUnits([loaded('a', 5n), loaded('b', 9n)], undefined, 2);
    expect(units.map((u) => [u.position, u.loaded.file, u.seed])).toEqual([
      [0, 'a', 5n],
      [1, 'a', 6n],
      [2, 'b', 9n],
      [3, 'b', 10n],
    ]);
    expect(expandUnits([loaded('a', 5n)], 7n, 2).map((u) => u.seed)).toEqual([7n, 8n]);
  });
  it('wraps seeds below 2^64', () => {
    const top = (1n << 64n) - 1n;
    expect(expandUnits([loaded('a', top)], undefined, 2).map((u) => u.seed)).toEqual([top, 0n]);
  });
});

describe('selectShard', () => {
  test.prop([fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 12 })])(
    'the N shards partition the runs: each run in exactly one, in order, in shard K − 1 mod N',
    (runs, count) => {
      const units = expandUnits([loaded('a', 0n)], undefined, Math.max(1, runs)).slice(0, runs);
      const seen: number[] = [];
      for (let index = 1; index <= count; index++) {
        const mine = selectShard(units, { index, count });
        const positions = mine.map((u) => u.position);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        for (const p of positions) expect(p % count).toBe(index - 1);
        seen.push(...positions);
      }
      expect(seen.sort((a, b) => a - b)).toEqual(units.map((u) => u.position));
    },
  );
  it('without a shard keeps every run', () => {
    const units = expandUnits([loaded('a', 0n)], undefined, 3);
    expect(selectShard(units, null)).toEqual(units);
  });
});
