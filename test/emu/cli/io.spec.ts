// SPDX-License-Identifier: GPL-2.0-only
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { type CliIo, colorLevel, coresOf } from '../../../emu/cli/io.js';
import { cliInProcess } from './bin.js';

const tty = { write: () => true, isTTY: true };
const pipe = { write: () => true, isTTY: false };
const level = (
  stream: typeof tty,
  env: Record<string, string>,
  color?: boolean,
): ReturnType<typeof colorLevel> => {
  const io: CliIo = {
    stdout: stream,
    stderr: stream,
    env,
    ...(color === undefined ? {} : { color }),
  };
  return colorLevel(stream, io);
};

describe('colorLevel', () => {
  it('colour on a terminal only', () => {
    expect(level(tty, {})).toBe(1);
    expect(level(pipe, {})).toBe(0);
  });

  it('NO_COLOR (non-empty) and TERM=dumb turn it off; an empty NO_COLOR does not', () => {
    expect(level(tty, { NO_COLOR: '1' })).toBe(0);
    expect(level(tty, { NO_COLOR: '' })).toBe(1);
    expect(level(tty, { TERM: 'dumb' })).toBe(0);
  });

  it('FORCE_COLOR wins over NO_COLOR, a pipe and TERM=dumb; 0 and false turn it off', () => {
    expect(level(pipe, { FORCE_COLOR: '1' })).toBe(1);
    expect(level(pipe, { FORCE_COLOR: '' })).toBe(1);
    expect(level(pipe, { FORCE_COLOR: '3', NO_COLOR: '1' })).toBe(3);
    expect(level(tty, { FORCE_COLOR: '0' })).toBe(0);
    expect(level(tty, { FORCE_COLOR: 'false', TERM: 'xterm' })).toBe(0);
  });

  it('--color and --no-color win over everything', () => {
    expect(level(pipe, { NO_COLOR: '1' }, true)).toBe(1);
    expect(level(pipe, { FORCE_COLOR: '2' }, true)).toBe(2);
    expect(level(tty, { FORCE_COLOR: '1' }, false)).toBe(0);
  });
});

describe('the cores --jobs defaults to', () => {
  it("are the io's when given, else the machine's", () => {
    expect(coresOf({ stdout: pipe, stderr: pipe, cores: 3 })).toBe(3);
    expect(coresOf({ stdout: pipe, stderr: pipe })).toBe(availableParallelism());
  });

  it.each([
    ['run', 'every core, here 5'],
    ['start', 'every core, here 5'],
  ])('%s --help names them', async (command, shown) => {
    const r = await cliInProcess([command, '--help'], { cores: 5 });
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(shown);
  });
});
