// SPDX-License-Identifier: GPL-2.0-only
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsAsNs } from '../../../../emu/cli/commands/sweep-figures.js';
import {
  crossProduct,
  parseVary,
  pointScenario,
} from '../../../../emu/cli/commands/sweep-points.js';
import { sweepCsv, sweepTable } from '../../../../emu/cli/commands/sweep-table.js';
import { UsageError } from '../../../../emu/cli/errors.js';
import { cliInProcess, REPO } from '../bin.js';

describe('--vary', () => {
  it('reads a key path and its values', () => {
    expect(parseVary('devices.0.drift_ppm=-50, 0,50')).toEqual({
      key: 'devices.0.drift_ppm',
      path: ['devices', 0, 'drift_ppm'],
      values: ['-50', '0', '50'],
    });
  });
  it.each(['cpus', '=1,2', '0.cpus=1', 'machine..cpus=1', 'machine.cpus=1,,2'])(
    '%s is a usage error',
    (text) => expect(() => parseVary(text)).toThrow(UsageError),
  );
  it('the cross product varies the first key slowest', () => {
    const points = crossProduct([parseVary('a=1,2'), parseVary('b=x,y,z')]);
    expect(points).toEqual([
      ['1', 'x'],
      ['1', 'y'],
      ['1', 'z'],
      ['2', 'x'],
      ['2', 'y'],
      ['2', 'z'],
    ]);
  });
  it('refuses more points than a sweep may have', () => {
    const big = Array.from({ length: 4 }, (_, k) => parseVary(`k${k}=${'1,'.repeat(19)}1`));
    expect(() => crossProduct(big)).toThrow(/at most/);
  });
});

describe('pointScenario', () => {
  const file = join(REPO, 'scenarios/hpet-basic.yaml');
  const text = readFileSync(file, 'utf8');
  it('sets the keys, keeps the rest, and labels the point', () => {
    const l = pointScenario(file, text, [parseVary('machine.cpus=3')], ['3']);
    expect(l.scenario.machine.cpus).toBe(3);
    expect(l.file).toBe(`${file} [machine.cpus=3]`);
    expect(l.scenario.name).toBe('hpet-basic');
    expect(l.hash).toMatch(/^[0-9a-f]{64}$/);
  });
  it('a value the format rejects is a usage error naming the point and the field', () => {
    const run = () => pointScenario(file, text, [parseVary('machine.cpus=0')], ['0']);
    expect(run).toThrow(UsageError);
    expect(run).toThrow(/\[machine\.cpus=0\]:\d+:\d+ machine\.cpus/);
  });
});

describe('the sweep table', () => {
  const table = {
    varies: [parseVary('machine.cpus=2,16')],
    figures: ['passed', 'max_stall_ns'],
    rows: [
      { values: ['2'], seed: 1n, figures: [true, '12.5'] },
      { values: ['16'], seed: 1n, figures: [false, 'a,"b"'] },
    ],
    complete: true,
  };
  it('aligns a text table', () => {
    expect(sweepTable(table)).toBe(
      'machine.cpus  seed  passed  max_stall_ns\n' +
        '2                1    true          12.5\n' +
        '16               1   false         a,"b"\n',
    );
  });
  it('writes RFC 4180 CSV (quoted where needed, CRLF)', () => {
    expect(sweepCsv(table)).toBe(
      'machine.cpus,seed,passed,max_stall_ns\r\n2,1,true,12.5\r\n16,1,false,"a,""b"""\r\n',
    );
  });
  it('fs as exact ns', () => {
    expect(fsAsNs(2152570522n)).toBe('2152.570522');
    expect(fsAsNs(3_000_000n)).toBe('3');
    expect(fsAsNs(-1n)).toBe('-0.000001');
  });
});

describe('timer-emu sweep, in process', () => {
  it('runs every point and seed and tabulates the figures', async () => {
    const r = await cliInProcess([
      'sweep',
      'hpet-basic',
      '--vary',
      'machine.cpus=1,2',
      '--seeds',
      '2',
      '--duration',
      '2ms',
      '--figures',
      'reads,backward_steps',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe('timer-emu-sweep');
    expect(doc.points.map((p: { values: object; seed: string }) => [p.values, p.seed])).toEqual([
      [{ 'machine.cpus': '1' }, '1'],
      [{ 'machine.cpus': '1' }, '2'],
      [{ 'machine.cpus': '2' }, '1'],
      [{ 'machine.cpus': '2' }, '2'],
    ]);
    const reads = doc.points.map((p: { figures: { reads: number } }) => p.figures.reads);
    expect(reads[2]).toBeGreaterThan(reads[0]);
  });
  it('an unknown figure or no --vary is a usage error', async () => {
    expect(
      (await cliInProcess(['sweep', 'hpet-basic', '--vary', 'seed=1', '--figures', 'x'])).code,
    ).toBe(2);
    // a name every object inherits is no figure either (it was an internal error, exit 70)
    const inherited = await cliInProcess([
      'sweep',
      'hpet-basic',
      '--vary',
      'seed=1',
      '--figures',
      'toString',
    ]);
    expect([inherited.code, inherited.stderr]).toEqual([
      2,
      expect.stringMatching(/^timer-emu: --figures: no figure toString; figures: passed, /),
    ]);
    expect((await cliInProcess(['sweep', 'hpet-basic'])).stderr).toMatch(/--vary/);
  });
});
