// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../emu/cli/main.js';
import { cliInProcess } from '../bin.js';

describe('timer-emu explain', () => {
  it.each([
    [['explain', 'hpet-basic', '--read', '0'], '--read: 0 is not a whole number from 1'],
    [['explain', 'hpet-basic', '--read', '2', '--at', '1ms'], 'give --read or --at, not both'],
    [['explain', 'hpet-basic', '--cpu', '9'], '--cpu: 9 is not a CPU of hpet-basic (it has 4)'],
    [['explain', 'hpet-basic', '--tick', '5..3'], '--tick: 5..3 ends before it starts'],
    [['explain', 'hpet-basic', '--at', 'soon'], '--at:'],
    [['explain', 'hpet-basic', '--behind', '0'], '--behind: 0 is not a number of cycles from 1'],
  ])('refuses %j with a usage error naming the option', async (argv, message) => {
    const r = await cliInProcess(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('    at ');
  });

  it('names a read the run never made', async () => {
    const r = await cliInProcess(['explain', 'doc-example-no-mask', '--read', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cpu 0 made no such read (--read 1)');
  });

  it('gives --json as one document with exact integers as strings', async () => {
    const r = await cliInProcess(['explain', 'hpet-basic', '--read', '1', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe('timer-emu-explain');
    expect(doc.read.nsecPerCyc).toBe('71517');
    expect(BigInt(doc.read.valueNs)).toBe(
      BigInt(doc.read.xtimeNsec) + BigInt(doc.read.interpolatedNs),
    );
  });

  it('colours only when asked or on a terminal', async () => {
    const plain = await cliInProcess(['explain', 'hpet-basic']);
    expect(plain.stdout).not.toContain('\u001b[');
    let out = '';
    const code = await runCli(['explain', 'hpet-basic', '--color'], {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => undefined },
      env: {},
    });
    expect(code).toBe(0);
    expect(out).toContain('\u001b[1mread 1 on cpu 0');
  });
});
