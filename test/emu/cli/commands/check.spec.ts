// SPDX-License-Identifier: GPL-2.0-only
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVaryList } from '../../../../emu/cli/commands/check-plan.js';
import { UsageError } from '../../../../emu/cli/errors.js';
import { cliInProcess, REPO, runBin, tempDir } from '../bin.js';

const fixture = (name: string) => join(REPO, 'test/fixtures/check', `${name}.yaml`);

describe('timer-emu check', () => {
  it('writes a counterexample that timer-emu run replays to the same failure', async () => {
    const out = tempDir();
    const r = await cliInProcess(['check', fixture('unsynced-itc'), '--runs', '30', '--out', out]);
    expect(r.code).toBe(1);
    const file = join(out, 'unsynced-itc.counterexample.yaml');
    expect(r.stdout).toContain('FAILED monotonic');
    expect(r.stdout).toContain('to 2 CPUs');
    expect(r.stdout).toContain(`replay: timer-emu run ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# A counterexample found by timer-emu check in /);
    expect(text).toContain(
      '--seed 1 --runs 30 --vary cpus,workload,irq_off,hz,drift,duration,seed,offsets',
    );
    expect(text).not.toMatch(/^check:/m);
    // written by the scenario serializer: the shrunk machine on one line, units for humans
    expect(text).toMatch(/^machine: \{ cpus: 2 \}$/m);
    expect(text).not.toMatch(/\d+fs\b/);
    const replay = await cliInProcess(['run', file]);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(/FAIL\s+monotonic/);
  }, 120_000);

  it('leaves out reads (a count the case size decides) and holds on a correct source', async () => {
    const dir = tempDir();
    const file = join(dir, 'h.yaml');
    writeFileSync(
      file,
      `${readFileSync(fixture('hpet-correct'), 'utf8')}  reads: { min: 1000000 }\n`,
    );
    const r = await cliInProcess(['check', file, '--runs', '20', '--seed', '4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('20 cases hold (seed 4; varied cpus 1–2, workload');
    expect(r.stdout).toContain('properties monotonic, max_error, faults');
  }, 120_000);

  it('prints a JSON document with --json', async () => {
    const out = tempDir();
    const r = await cliInProcess([
      'check',
      fixture('wrap-after-duration'),
      '--runs',
      '20',
      '--json',
      '--out',
      out,
    ]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const f = doc.check[0];
    expect(f.passed).toBe(false);
    expect(f.failure.cpus).toBe(1);
    expect(f.failure.counterexample).toBe(join(out, 'wrap-after-duration.counterexample.yaml'));
  }, 120_000);

  it.each([
    [['check', fixture('hpet-correct'), '--vary', 'cpus,wobble'], /--vary: no dimension wobble/],
    [['check', fixture('hpet-correct'), '--runs', '0'], /--runs: 0 is not/],
    [['check', fixture('hpet-correct'), '--seed', '-3'], /--seed: -3 is not/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const r = await cliInProcess(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports an invalid file and a file without expect with exit 2', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'name: b\nduration: 1ms\nmachine: { cpus: 1 }\ndevices: []\ninterpolators: []\nworkload: []\ncheck: { runs: 0 }\n',
    );
    const r = await cliInProcess(['check', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:7:16 check.runs:`);
    const none = join(dir, 'none.yaml');
    writeFileSync(
      none,
      'name: n\nduration: 1ms\nmachine: { cpus: 1 }\ndevices: []\ninterpolators: []\nworkload: []\n',
    );
    const n = await cliInProcess(['check', none]);
    expect(n.code).toBe(2);
    expect(n.stderr).toContain('no expect block to check');
  });

  it('expands defaults in --vary', () => {
    expect(parseVaryList('jumps, defaults')).toContain('cpus');
    expect(() => parseVaryList(' , ')).toThrow(UsageError);
  });
});

describe('timer-emu check --jobs 2 (the built bin) against --jobs 1 (in process)', () => {
  it('finds and writes the same counterexample on two threads as on one', async () => {
    const one = tempDir();
    const two = tempDir();
    const args = ['check', fixture('unsynced-itc'), '--runs', '24', '--seed', '3'];
    const a = await cliInProcess([...args, '--jobs', '1', '--out', one]);
    const b = await runBin([...args, '--jobs', '2', '--out', two]);
    expect(a.code).toBe(1);
    expect(b.code).toBe(1);
    const name = 'unsynced-itc.counterexample.yaml';
    expect(readFileSync(join(two, name), 'utf8')).toBe(
      readFileSync(join(one, name), 'utf8').replaceAll(one, two),
    );
  }, 300_000);
});
