// SPDX-License-Identifier: GPL-2.0-only
/**
 * The CLI contract, on the real bin: every command, every documented exit code, and what needs a
 * real process (devices, FIFOs, stdin, signals, an injected internal fault). The same rules on
 * plain files are checked in process by output-file.spec.ts and run.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  createReadStream,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliInProcess, REPO, runBin, smallScenario, tempDir } from './bin.js';

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe.concurrent('timer-emu, the real bin', () => {
  it('-h prints the usage on stdout (exit 0); no arguments print it on stderr (exit 2)', async () => {
    const help = await runBin(['-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('timer-emu run [scenario..]');
    const none = await runBin([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('timer-emu start');
  });

  it('an unknown option is named as unknown (exit 2), the file argument kept', async () => {
    const r = await runBin(['run', '--bogus', 'f.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('timer-emu: Unknown argument: bogus\n');
  });

  it('run: exit 0 when every expectation holds, 1 when one fails', async () => {
    const d = tempDir();
    const ok = await runBin(['run', '--quiet', smallScenario(d)]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^small +PASS/m);
    expect(ok.stderr).toBe(''); // --quiet: no banner
    const bad = await runBin(['run', smallScenario(d, 'bad.yaml', true)]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^small +FAIL .*reads/m);
    expect(bad.stderr).toMatch(/run small \(.*bad\.yaml\) seed 1 sha256/);
  });

  it('runs a bundled scenario by name from any folder', async () => {
    const r = await runBin(['run', 'doc-example-no-mask', '--json'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scenarios[0].file).toBe(
      join(REPO, 'scenarios/doc-example-no-mask.yaml'),
    );
  });

  it('hashes the bytes it parsed: /dev/stdin reports the sha-256 of its input', async () => {
    const text = readFileSync(smallScenario(tempDir()), 'utf8');
    const r = await runBin(['run', '--json', '/dev/stdin'], { input: text });
    expect(r.code).toBe(0);
    const hash = createHash('sha256').update(text).digest('hex');
    expect(JSON.parse(r.stdout).scenarios[0].hash).toBe(hash);
  });

  it('conformance and list exit 0', async () => {
    const c = await runBin(['conformance', 'test/fixtures/conformance/interpolator-2.6.13.jsonl']);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/\d+ passed, 0 failed\n$/);
    const l = await runBin(['list']);
    expect(l.code).toBe(0);
    expect(l.stdout).toContain('hpet-basic');
    expect(l.stdout.split('\n')[0]).toContain('timer-emu run <name>');
  });

  it('list --json: one versioned document naming each bundled scenario by name and file', async () => {
    // the document in process: the bin's own `list` and its exit status are tested above
    const l = await cliInProcess(['list', '--json']);
    expect(l.code).toBe(0);
    const doc = JSON.parse(l.stdout);
    expect(doc).toMatchObject({ format: 'timer-emu-list', version: 1 });
    const names = readdirSync(join(REPO, 'scenarios'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5));
    expect(doc.scenarios.map((s: { name: string }) => s.name).sort()).toEqual(names.sort());
    expect(doc.scenarios).toContainEqual(
      expect.objectContaining({ name: 'hpet-basic', file: 'scenarios/hpet-basic.yaml' }),
    );
    expect(doc.device_types.map((d: { type: string }) => d.type)).toContain('hpet');
    expect(doc.drivers.map((d: { driver: string }) => d.driver)).toContain('itc');
  });

  it('an internal error: exit 70, one line, no stack', async () => {
    const d = tempDir();
    const fault = join(d, 'fault.mjs');
    writeFileSync(
      fault,
      "import crypto from 'node:crypto'; import { syncBuiltinESMExports } from 'node:module';\n" +
        "crypto.createHash = () => { throw new Error('injected fault'); };\n" +
        'syncBuiltinESMExports();\n',
    );
    const r = await runBin(['run', smallScenario(d)], { nodeArgs: ['--import', fault] });
    expect(r.code).toBe(70);
    expect(r.stderr).toBe('timer-emu: internal error: injected fault\n');
  });

  it('the build makes the bin executable (npx timer-emu in a clone)', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.bin['timer-emu']).toBe('dist/cli/timer-emu.js');
    // rolldown.config.ts sets the mode when it writes the bundle (BIN was bundled before the specs)
    expect(statSync(BIN).mode & 0o111).toBe(0o111);
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe.concurrent('outputs on devices and FIFOs', () => {
  it('/dev/null stays a device (exit 0); /dev/full is exit 74 naming the path', async () => {
    const d = tempDir();
    const ok = await runBin(['run', '--quiet', smallScenario(d), '--trace', '/dev/null']);
    expect(ok.code).toBe(0);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    const full = await runBin(['run', '--quiet', smallScenario(d), '--vcd', '/dev/full']);
    expect(full.code).toBe(74);
    expect(full.stderr).toBe(
      'timer-emu: cannot write /dev/full: no space left on the device (ENOSPC)\n',
    );
    noStack(full.stderr);
  });

  it('streams to a FIFO, which stays a FIFO', async () => {
    const d = tempDir();
    const fifo = join(d, 'trace.fifo');
    execFileSync('mkfifo', [fifo]);
    let received = '';
    const reader = new Promise<void>((resolve) =>
      createReadStream(fifo, 'utf8')
        .on('data', (s) => {
          received += s;
        })
        .on('end', resolve),
    );
    const r = await runBin(['run', '--quiet', smallScenario(d), '--trace', fifo]);
    await reader;
    expect(r.code).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(received.split('\n')[0]!)).toMatchObject({ scenario: 'small' });
  });
});

describe.concurrent('outputs that would destroy something', () => {
  it('refuses a link to a file, the input, and one file for both outputs (exit 2)', async () => {
    const d = tempDir();
    const file = smallScenario(d);
    writeFileSync(join(d, 'precious'), 'keep me');
    symlinkSync(join(d, 'precious'), join(d, 'link'));
    const before = readdirSync(d).sort();
    const cases: [string[], string][] = [
      [['--trace', join(d, 'link')], 'is a symbolic link to a file'],
      [['--vcd', file], 'is the input'],
      [['--trace', join(d, 'o'), '--vcd', join(d, 'o')], 'one file'],
    ];
    for (const [args, message] of cases) {
      const r = await runBin(['run', file, ...args]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain(message);
    }
    expect(readFileSync(join(d, 'precious'), 'utf8')).toBe('keep me');
    expect(lstatSync(join(d, 'link')).isSymbolicLink()).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('name: small');
    expect(readdirSync(d).sort()).toEqual(before);
  });

  it.skipIf(process.getuid?.() === 0)(
    'an unwritable folder is exit 74 naming the path (skipped as root: root ignores modes)',
    async () => {
      const d = tempDir();
      const ro = join(d, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      const out = join(ro, 't.jsonl');
      const r = await runBin(['run', smallScenario(d), '--trace', out]);
      expect(r.code).toBe(74);
      expect(r.stderr).toContain(`cannot write ${out}: permission denied (EACCES)`);
      expect(readdirSync(ro)).toEqual([]);
    },
  );
});

describe.concurrent('signals', () => {
  /** A run far longer than the test, with a trace; `signals` are sent once it has started. */
  async function stopped(signals: NodeJS.Signals[], json: boolean) {
    const d = tempDir();
    const file = smallScenario(d);
    let sentAt = 0;
    const r = await runBin(
      ['run', file, '--duration', '1h', '--trace', join(d, 't.jsonl'), ...(json ? ['--json'] : [])],
      {
        during: (child, stderrHas) =>
          void stderrHas('run small').then(async () => {
            await new Promise((resolve) => setTimeout(resolve, 100));
            sentAt = performance.now();
            for (const s of signals) {
              child.kill(s);
              await new Promise((resolve) => setTimeout(resolve, 30));
            }
          }),
      },
    );
    return { ...r, stopMs: performance.now() - sentAt, files: readdirSync(d).sort() };
  }

  it('SIGINT: stops within a second or so, figures so far marked incomplete, exit 130', async () => {
    const r = await stopped(['SIGINT'], true);
    expect(r.code).toBe(130);
    expect(r.stopMs).toBeLessThan(2500);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ passed: false, complete: false });
    expect(doc.scenarios[0]).toMatchObject({ passed: false, complete: false });
    expect(r.stderr).toContain('interrupted at');
    expect(r.files).toEqual(['small.yaml']);
  });

  it('SIGTERM: the same, exit 143, the table says incomplete', async () => {
    const r = await stopped(['SIGTERM'], false);
    expect(r.code).toBe(143);
    expect(r.stdout).toMatch(/^small +INCOMPLETE/m);
    expect(r.stdout).toContain('run interrupted: incomplete');
    expect(r.files).toEqual(['small.yaml']);
  });
});
