// SPDX-License-Identifier: GPL-2.0-only
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCommand } from '../../../emu/cli/commands/start.js';
import { UsageError } from '../../../emu/cli/errors.js';
import { reportError } from '../../../emu/cli/main.js';
import { cliInProcess, stringIo } from './bin.js';

const FIXTURES = 'test/fixtures/conformance';
const V18 = `${FIXTURES}/interpolator-2.6.18.jsonl`;
const V13 = `${FIXTURES}/interpolator-2.6.13.jsonl`;

async function cli(argv: string[], isTTY = false, env: Record<string, string> = {}) {
  const r = await cliInProcess(argv, { isTTY, env });
  return { ...r, lines: r.stdout.trimEnd().split('\n') };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'timer-emu-cli-')), name);
  writeFileSync(path, text);
  return path;
}

describe('timer-emu conformance', () => {
  it('exits 0 with a line per file and the totals last when every vector matches', async () => {
    const r = await cli(['conformance', V18, V13]);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      `${V18}: 150 passed, 0 failed`,
      `${V13}: 60 passed, 0 failed`,
      '210 passed, 0 failed',
    ]);
    expect(r.stderr).toBe('');
  });

  it('exits 1 and lists the mismatch with case id, step, op, field, expected and actual', async () => {
    const lines = readFileSync(V13, 'utf8').split('\n').slice(0, 3);
    const broken = JSON.parse(lines[1]!);
    const step = broken.steps.find((s: { op: string }) => s.op === 'get_offset');
    const index = broken.steps.indexOf(step);
    const actual = step.expect.ret;
    step.expect.ret = '1';
    const file = tempFile('broken.jsonl', [lines[0], JSON.stringify(broken), lines[2]].join('\n'));
    const r = await cli(['conformance', file]);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `${file}: 2 passed, 1 failed`,
      'mismatches (first 1 of 1):',
      `  ${broken.id} (${file}:2) step ${index} get_offset ret: expected 1, actual ${actual}`,
      '2 passed, 1 failed',
    ]);
  });

  it('shows at most 20 mismatches', async () => {
    const cases = readFileSync(V13, 'utf8')
      .split('\n')
      .slice(0, 3)
      .map((line) => JSON.parse(line));
    for (const c of cases)
      for (const s of c.steps) if (s.expect && !s.expect.fault) s.expect.cmpxchg = 99;
    const file = tempFile('many.jsonl', cases.map((c) => JSON.stringify(c)).join('\n'));
    const r = await cli(['conformance', file]);
    expect(r.code).toBe(1);
    expect(r.lines[1]).toMatch(/^mismatches \(first 20 of \d+\):$/);
    expect(r.lines.filter((l) => l.startsWith('  '))).toHaveLength(20);
  });

  it('exits 2 with file:line and the field for a malformed file, no stack, nothing replayed', async () => {
    const good = readFileSync(V13, 'utf8').split('\n')[0]!;
    const bad = '{"id":"x","kernel":"2.6.18","steps":[{"op":"jiffies","value":7}]}';
    const file = tempFile('bad.jsonl', `${good}\n${bad}\n`);
    const other = tempFile('good.jsonl', good);
    const r = await cli(['conformance', other, file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^timer-emu: ${file}:2:62: steps\\[0\\]\\.value: .+\\n$`));
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('exits 2 with file:line and the field for a malformed timekeeping case', async () => {
    const bad = '{"id":"t","kernel":"2.6.18","hz":250,"steps":[{"op":"tick","reads":[5]}]}';
    const file = tempFile('bad-tk.jsonl', `${bad}\n`);
    const r = await cli(['conformance', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(`^timer-emu: ${file}:1:\\d+: steps\\[0\\]\\.reads\\[0\\]: .+\\n$`),
    );
  });

  it('exits 2 for a file without vectors: replaying nothing is not a pass', async () => {
    const file = tempFile('empty.jsonl', '\n  \n');
    const r = await cli(['conformance', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`timer-emu: ${file}: no vectors (the file is empty)\n`);
  });

  it('exits 2 for a file that cannot be read', async () => {
    const r = await cli(['conformance', 'no/such/file.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('timer-emu: no/such/file.jsonl: cannot read the file (ENOENT)\n');
  });

  it('colours the counts on a terminal only, and never with NO_COLOR', async () => {
    const file = tempFile('one.jsonl', readFileSync(V13, 'utf8').split('\n')[0]!);
    expect((await cli(['conformance', file], true)).stdout).toContain('\u001b[32m');
    expect((await cli(['conformance', file], true, { NO_COLOR: '1' })).stdout).not.toContain(
      '\u001b[',
    );
    expect((await cli(['conformance', file], false)).stdout).not.toContain('\u001b[');
  });
});

describe('usage', () => {
  it('with no arguments: the usage on stderr, then a one-line message, exit 2', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('timer-emu run [scenario..]');
    expect(r.stderr).toMatch(/\ntimer-emu: name a command \(see timer-emu --help\)\n$/);
  });

  it.each([
    [['conformance']],
    [['conformance', '-']],
    [['bogus']],
    [['conformance', V13, '--frobnicate']],
  ])('exits 2 with a one-line message for %j', async (argv) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^timer-emu: [^\n]+\n$/);
  });

  it.each([
    [['run'], 'timer-emu: run: name at least one scenario file (or a bundled scenario)\n'],
    [['run', '-'], 'timer-emu: run: name at least one scenario file (or a bundled scenario)\n'],
    [['run', '-q', '--bogus', 'f.yaml'], 'timer-emu: Unknown argument: bogus\n'],
    [['start', '--frob'], 'timer-emu: Unknown argument: frob\n'],
    [
      ['run', '--duration', '-1s', 'f.yaml'],
      'timer-emu: --duration: -1s is negative; give a simulated time such as 250ms\n',
    ],
    [['run', 'f.yaml', '--vcd'], 'timer-emu: Not enough arguments following: vcd\n'],
    [['conformance'], 'timer-emu: conformance: name at least one vector file\n'],
    // a single-value option given twice was read as one odd value, or failed inside (exit 70)
    [
      ['run', 'f.yaml', '--trace-window', '1us..2us', '--trace-window', '3us..4us'],
      'timer-emu: --trace-window: given 2 times; give it once\n',
    ],
    [
      ['run', 'f.yaml', '--seed', '1', '--seed', '2'],
      'timer-emu: --seed: given 2 times; give it once\n',
    ],
    [
      ['run', 'f.yaml', '-j', '1', '--jobs', '2'],
      'timer-emu: --jobs: given 2 times; give it once\n',
    ],
    [
      ['explain', 'f.yaml', '--at', '1ms', '--at', '2ms'],
      'timer-emu: --at: given 2 times; give it once\n',
    ],
    [['check', 'f.yaml', '-o', 'a', '-o', 'b'], 'timer-emu: --out: given 2 times; give it once\n'],
  ])('%j: exit 2, %j', async (argv, message) => {
    const r = await cli(argv);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', message]);
  });

  it('--plugin and sweep --vary may be given more than once', async () => {
    const plugin = 'test/fixtures/plugins/ticker.js';
    const list = await cli(['list', '--plugin', plugin, '--plugin', plugin]);
    // the second load of the same module is refused by the registry, not by the option
    expect(list.stderr).toMatch(/device type my-ticker is already defined/);
    const sweep = await cli([
      'sweep',
      'hpet-basic',
      '--vary',
      'machine.cpus=1,2',
      '--vary',
      'kernel.hz=250,1000',
      '--duration',
      '20us',
      '--json',
      '-q',
    ]);
    expect(sweep.code).toBe(0);
    expect(JSON.parse(sweep.stdout).points).toHaveLength(4);
  });

  it('-V and --version print the version; -h is --help', async () => {
    for (const flag of ['-V', '--version']) {
      const r = await cli([flag]);
      expect([r.code, r.stdout]).toEqual([0, '0.1.0\n']);
    }
    expect((await cli(['-h'])).stdout).toBe((await cli(['--help'])).stdout);
  });

  it('run --help shows the scenario argument without a default; start takes its options', async () => {
    const run = await cli(['run', '--help']);
    expect(run.stdout).toMatch(/^ {2}scenario .*\[array\]$/m);
    expect(run.stdout).not.toContain('default: []');
    const start = await cli(['start', '--help']);
    for (const o of ['--json', '--quiet', '--seed']) expect(start.stdout).toContain(o);
  });

  it('prints help on stdout and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('timer-emu conformance [file..]');
    expect(r.stdout).toContain('timer-emu start');
  });
});

describe('timer-emu start', () => {
  it('runs every scenario under the package root and ends with the table of results', async () => {
    const root = mkdtempSync(join(tmpdir(), 'timer-emu-start-'));
    mkdirSync(join(root, 'scenarios'));
    for (const name of ['unregister-last', 'doc-example-no-mask'])
      copyFileSync(`scenarios/${name}.yaml`, join(root, 'scenarios', `${name}.yaml`));
    const { io, out } = stringIo();
    const code = await startCommand(io, root);
    const lines = out.stdout.trimEnd().split('\n');
    expect(code).toBe(0);
    // both demonstrate a kernel fault: met, and marked as expected failures
    expect(lines.at(-1)).toBe('2 of 2 scenarios passed (2 XFAIL)');
    expect(lines.some((l) => /^doc-example-no-mask\s+XFAIL\s/.test(l))).toBe(true);
    expect(lines.some((l) => /^unregister-last\s+XFAIL\s/.test(l))).toBe(true);
  });

  it('takes --json and --seed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'timer-emu-start-'));
    mkdirSync(join(root, 'scenarios'));
    copyFileSync('scenarios/doc-example-no-mask.yaml', join(root, 'scenarios', 'a.yaml'));
    const { io, out } = stringIo();
    expect(await startCommand(io, root, { json: true, seed: '7', quiet: true })).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc.scenarios.map((s: { seed: number }) => s.seed)).toEqual([7]);
    expect(out.stderr).toBe('');
  });
});

describe('reportError', () => {
  it('usage errors: exit 2, the message only', () => {
    const { io, out } = stringIo();
    expect(reportError(new UsageError('f.jsonl:3: bad'), io, true)).toBe(2);
    expect(out.stderr).toBe('timer-emu: f.jsonl:3: bad\n');
  });

  it('internal errors: exit 70, one line, the stack only with --debug', () => {
    const quiet = stringIo();
    expect(reportError(new Error('oops\nsecond line'), quiet.io, false)).toBe(70);
    expect(quiet.out.stderr).toBe('timer-emu: internal error: oops\n');
    const debug = stringIo();
    expect(reportError(new Error('oops'), debug.io, true)).toBe(70);
    expect(debug.out.stderr).toMatch(/^timer-emu: internal error: oops\nError: oops\n\s+at /);
  });
});
