// SPDX-License-Identifier: GPL-2.0-only
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../emu/cli/commands/run.js';
import type { InterruptHost, StopSignal } from '../../../emu/cli/interrupt.js';
import type { CliIo } from '../../../emu/cli/io.js';
import { cliInProcess } from './bin.js';

/** The CLI in process with a terminal for stdout, so colour follows `env`. */
const cli = (argv: string[], env: Record<string, string> = {}) =>
  cliInProcess(argv, { isTTY: true, env });

const dir = () => mkdtempSync(join(tmpdir(), 'timer-emu-run-'));

function scenarioFile(expect: string, name = 'small'): string {
  const path = join(dir(), `${name}.yaml`);
  writeFileSync(
    path,
    `name: ${name}
description: a small machine for the CLI tests
duration: 3ms
machine: { cpus: 2 }
devices: [{ type: itc, name: itc, frequency: 1.5GHz }]
interpolators: [{ driver: itc, device: itc }]
workload: [{ cpus: all, call: getnstimeofday, interval: 2us }]
expect:
${expect}
`,
  );
  return path;
}

const PASSING = '  monotonic: true\n  faults: none\n  reads: { min: 100 }';
const FAILING = '  monotonic: true\n  reads: { min: 100000000 }';

describe('timer-emu run', () => {
  it('exits 0 when every expectation is met; seed and hash on stderr, results on stdout', async () => {
    const r = await cli(['run', scenarioFile(PASSING)], { NO_COLOR: '1' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/run small \(.*small\.yaml\) seed 1 sha256 [0-9a-f]{16}/);
    expect(r.stdout).toMatch(/PASS monotonic +expected true +measured true/);
    expect(r.stdout).toContain('1 of 1 scenarios passed');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('exits 1 when an expectation fails, and names it in the table', async () => {
    const r = await cli(['run', '--quiet', scenarioFile(FAILING)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/small +FAIL .* reads/);
    expect(r.stdout).not.toContain('expectations:');
  });

  it('exits 2 on an invalid scenario, with file:line:col and no stack, before running any', async () => {
    const bad = join(dir(), 'bad.yaml');
    writeFileSync(bad, 'name: bad\nduration: 3 parsecs\n');
    const r = await cli(['run', scenarioFile(PASSING), bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:2:\d+ duration/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('--json on invalid input: the error document on stdout, each finding located', async () => {
    const bad = join(dir(), 'bad.yaml');
    writeFileSync(bad, 'name: bad\nduration: 3 parsecs\n');
    const r = await cli(['run', '--json', bad]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ format: 'timer-emu-error', version: 1, passed: false });
    expect(doc.errors).toContainEqual({
      file: bad,
      line: 2,
      column: 11,
      field: 'duration',
      message: expect.any(String),
    });
    const seed = await cli(['run', '--json', '--seed', 'x', bad]);
    expect(JSON.parse(seed.stdout).errors).toEqual([
      {
        file: null,
        line: null,
        column: null,
        field: null,
        message: expect.stringContaining('--seed'),
      },
    ]);
  });

  it('exits 2 on a missing file, a bad --seed or --duration', async () => {
    expect((await cli(['run', join(dir(), 'none.yaml')])).code).toBe(2);
    expect((await cli(['run', '--seed', 'x1', scenarioFile(PASSING)])).code).toBe(2);
    const d = await cli(['run', '--duration', '3 parsecs', scenarioFile(PASSING)]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('--duration');
  });

  it('--json prints one versioned document and nothing else on stdout', async () => {
    const r = await cli([
      'run',
      '--json',
      '--seed',
      '0x2a',
      '--duration',
      '1ms',
      scenarioFile(PASSING),
    ]);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ format: 'timer-emu-run', version: 2, passed: true });
    expect(doc.scenarios[0].seed).toBe(42);
    expect(doc.scenarios[0].endFs).toBe(1000000000000);
  });

  it('--trace and --vcd write their files whole, and the same run gives the same bytes', async () => {
    const d = dir();
    const file = scenarioFile(PASSING);
    const args = [
      'run',
      '--duration',
      '200us',
      '--trace',
      join(d, 't.jsonl'),
      '--vcd',
      join(d, 't.vcd'),
      file,
    ];
    expect((await cli(args)).code).toBe(0);
    const trace = readFileSync(join(d, 't.jsonl'), 'utf8');
    const vcd = readFileSync(join(d, 't.vcd'), 'utf8');
    expect(JSON.parse(trace.split('\n')[0]!)).toMatchObject({
      format: 'timer-emu-trace',
      scenario: 'small',
    });
    expect(vcd).toContain('$enddefinitions');
    expect(readdirSync(d).sort()).toEqual(['t.jsonl', 't.vcd']);
    expect((await cli(args)).code).toBe(0);
    expect(readFileSync(join(d, 't.jsonl'), 'utf8')).toBe(trace);
    expect(readFileSync(join(d, 't.vcd'), 'utf8')).toBe(vcd);
  });

  it('an unwritable trace path is a usage error and leaves nothing behind', async () => {
    const missing = join(dir(), 'no', 'such', 'dir', 't.jsonl');
    const r = await cli(['run', '--trace', missing, scenarioFile(PASSING)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--trace ${missing}: no such folder`);
    expect(existsSync(dirname(missing))).toBe(false);
  });

  it('prints each lint warning once, located, before the run', async () => {
    const file = join(dir(), 'w.yaml');
    writeFileSync(
      file,
      [
        'name: w',
        'duration: 1ms',
        'machine: { cpus: 1 }',
        'devices: [{ type: itc, name: itc, frequency: 1.5GHz }]',
        'interpolators: [{ driver: itc, device: itc }]',
        'workload: []',
        'events: [{ at: 2ms, settimeofday: 5s }]',
      ].join('\n'),
    );
    const r = await cli(['run', '--quiet', file]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(
      `timer-emu: ${file}:7:16 events[0].at: warning: the run ends at 1ms, so this never happens`,
    );
  });

  it('a directory as the trace or VCD path is a usage error before the run, nothing written', async () => {
    for (const flag of ['--trace', '--vcd']) {
      const d = dir();
      const r = await cli(['run', flag, d, scenarioFile(PASSING)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${flag} ${d}: is a directory`);
      expect(r.stdout).toBe('');
      expect(readdirSync(d)).toEqual([]);
      expect(readdirSync(dirname(d)).filter((f) => f.startsWith(`.${d.split('/').pop()}`))).toEqual(
        [],
      );
    }
  });
});

describe('timer-emu list', () => {
  it('lists the bundled scenarios, device types and drivers', async () => {
    const r = await cli(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}hpet-basic +Four CPUs read the time/m);
    expect(r.stdout).toMatch(/^ {2}unregister-last +Unregistering the only interpolator oopses\./m);
    expect(r.stdout).toMatch(/^ {2}acpi-pm +ACPI PM timer/m);
    expect(r.stdout).toMatch(/^ {2}sn2-rtc +SGI SN2 RTC/m);
  });
});

describe('a second signal during a run', () => {
  it('removes the temporary trace file before exiting at once with 130', async () => {
    const d = dir();
    const file = scenarioFile(PASSING);
    const listeners: ((s: StopSignal) => void)[] = [];
    let exit: { code: number; files: string[] } | null = null;
    const host: InterruptHost = {
      on: (_s, l) => listeners.push(l),
      off: () => {},
      exit: (code) => {
        exit = { code, files: readdirSync(d) };
        return undefined as never;
      },
    };
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: {
        // once the run has started, two Ctrl-C arrive at its first return to the event loop
        write: (s: string) => {
          if (s.includes('run small'))
            setTimeout(() => {
              expect(readdirSync(d)).toHaveLength(1); // the temporary trace file
              for (const l of listeners.slice(0, 1)) {
                l('SIGINT');
                l('SIGINT');
              }
            }, 0);
        },
      },
      env: {},
    };
    const code = await runCommand(
      { scenarios: [file], duration: '1h', trace: join(d, 't.jsonl') },
      io,
      undefined,
      host,
    );
    expect(exit).toEqual({ code: 130, files: [] });
    expect(code).toBe(130);
    expect(readdirSync(d)).toEqual([]);
  });
});
