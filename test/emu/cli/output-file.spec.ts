// SPDX-License-Identifier: GPL-2.0-only
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../emu/cli/errors.js';
import { checkDistinct, openOutput, planOutput } from '../../../emu/cli/output-file.js';
import { cliInProcess, smallScenario, tempDir } from './bin.js';

const cli = cliInProcess;

describe('planOutput', () => {
  it('writes regular files and new names atomically, streams devices, FIFO-free stdout', () => {
    const d = tempDir();
    writeFileSync(join(d, 'old'), 'x');
    expect(planOutput('--trace', join(d, 'old')).kind).toBe('atomic');
    expect(planOutput('--trace', join(d, 'new')).kind).toBe('atomic');
    expect(planOutput('--trace', '/dev/null').kind).toBe('stream');
    expect(planOutput('--trace', '-').kind).toBe('stdout');
  });

  it('follows a symbolic link only to a device; refuses one to a file or to nothing', () => {
    const d = tempDir();
    symlinkSync('/dev/null', join(d, 'to-null'));
    expect(planOutput('--vcd', join(d, 'to-null'))).toMatchObject({
      kind: 'stream',
      viaLink: true,
    });
    writeFileSync(join(d, 'file'), 'keep');
    symlinkSync(join(d, 'file'), join(d, 'to-file'));
    symlinkSync(join(d, 'none'), join(d, 'dangling'));
    for (const link of ['to-file', 'dangling'])
      expect(() => planOutput('--vcd', join(d, link))).toThrow(/is a symbolic link/);
  });

  it('refuses an empty name, a folder and a missing folder', () => {
    const d = tempDir();
    expect(() => planOutput('--vcd', '')).toThrow(UsageError);
    expect(() => planOutput('--vcd', d)).toThrow(/is a directory/);
    expect(() => planOutput('--vcd', join(d, 'no', 'x'))).toThrow(/no such folder/);
  });

  it('checkDistinct: an output that is an input (by any name) or the other output', () => {
    const d = tempDir();
    const input = smallScenario(d);
    symlinkSync(input, join(d, 'alias.yaml'));
    const plan = (p: string, o = '--trace') => planOutput(o, p);
    expect(() => checkDistinct([join(d, 'alias.yaml')], [plan(input)])).toThrow(/is the input/);
    expect(() =>
      checkDistinct([input], [plan(join(d, 'o')), plan(join(d, '.', 'o'), '--vcd')]),
    ).toThrow(/one file/);
    expect(() => checkDistinct([input], [plan('-'), plan('-', '--vcd')])).toThrow(/one file/);
    // a device named twice destroys nothing
    expect(() =>
      checkDistinct([input], [plan('/dev/null'), plan('/dev/null', '--vcd')]),
    ).not.toThrow();
  });
});

/** A folder with `out.txt` holding 'old', and that file opened as an output, 'new' written. */
function replacing() {
  const d = tempDir();
  const target = join(d, 'out.txt');
  writeFileSync(target, 'old');
  const f = openOutput(planOutput('--trace', target), { write: () => true });
  f.write('new');
  return { d, target, f };
}

describe('openOutput', () => {
  it('an atomic file appears only on commit, through a random temporary name', () => {
    const { d, target, f } = replacing();
    const during = readdirSync(d);
    expect(during).toHaveLength(2);
    expect(during.find((n) => n !== 'out.txt')).toMatch(/^\.out\.txt\.[0-9a-f]{16}\.tmp$/);
    expect(readFileSync(target, 'utf8')).toBe('old');
    f.commit();
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(d)).toEqual(['out.txt']);
  });

  it('abort removes the temporary file and keeps the old one', () => {
    const { d, target, f } = replacing();
    f.abort();
    f.abort();
    expect(readdirSync(d)).toEqual(['out.txt']);
    expect(readFileSync(target, 'utf8')).toBe('old');
  });

  it('a full device is an OutputIoError naming the path', () => {
    const f = openOutput(planOutput('--trace', '/dev/full'), { write: () => true });
    expect(() => {
      f.write('x'.repeat(10));
      f.commit();
    }).toThrow('cannot write /dev/full: no space left on the device (ENOSPC)');
  });
});

describe('run with outputs', () => {
  it('refuses --trace onto the scenario file, leaving it as it was (exit 2)', async () => {
    const d = tempDir();
    const file = smallScenario(d);
    const before = readFileSync(file, 'utf8');
    const r = await cli(['run', file, '--trace', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `timer-emu: --trace ${file}: is the input ${file}; it would be replaced\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses the same path for --trace and --vcd before running (exit 2)', async () => {
    const d = tempDir();
    const o = join(d, 'o');
    const r = await cli(['run', smallScenario(d), '--trace', o, '--vcd', o]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('one file');
    expect(r.stderr).not.toContain('run small');
    expect(readdirSync(d)).toEqual(['small.yaml']);
  });

  it('refuses a link to a file, which stays untouched (exit 2)', async () => {
    const d = tempDir();
    writeFileSync(join(d, 'precious'), 'keep me');
    symlinkSync(join(d, 'precious'), join(d, 'link'));
    const r = await cli(['run', smallScenario(d), '--trace', join(d, 'link')]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(d, 'precious'), 'utf8')).toBe('keep me');
  });

  it('--trace - puts the trace on stdout and the results on stderr', async () => {
    const r = await cli(['run', '--quiet', smallScenario(tempDir()), '--trace', '-']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.split('\n')[0]!)).toMatchObject({ scenario: 'small' });
    expect(r.stderr).toMatch(/^small +PASS/m);
  });

  it('replaces a regular file and leaves no temporary file', async () => {
    const d = tempDir();
    mkdirSync(join(d, 'out'));
    const out = join(d, 'out', 't.vcd');
    writeFileSync(out, 'old');
    const r = await cli(['run', '--quiet', smallScenario(d), '--vcd', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^\$date/);
    expect(readdirSync(join(d, 'out'))).toEqual(['t.vcd']);
  });
});
