// SPDX-License-Identifier: GPL-2.0-only
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from './bin.js';

const INVALID = 'test/fixtures/scenarios-invalid';
const VALID = 'test/fixtures/scenarios-valid';

const files = (dir: string, ext: RegExp) =>
  readdirSync(dir)
    .filter((f) => ext.test(f))
    .sort();

describe('timer-emu run on the invalid scenario corpus', () => {
  for (const file of files(INVALID, /\.ya?ml$/))
    it(`${file}: exit 2, the located message, no stack, nothing on stdout`, async () => {
      const path = join(INVALID, file);
      const expected = readFileSync(path.replace(/\.ya?ml$/, '.expected'), 'utf8').trim();
      const r = await cliInProcess(['run', path]);
      expect(r.code).toBe(2);
      for (const line of expected.split('\n')) expect(r.stderr).toContain(line);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    });
});

describe('timer-emu run on the valid scenario fixtures', () => {
  for (const file of files(VALID, /\.(ya?ml|json)$/))
    it(`${file}: runs 1 ms without an emulator error`, async () => {
      const r = await cliInProcess(['run', '--duration', '1ms', '--json', join(VALID, file)]);
      expect(r.stderr).not.toContain('internal error');
      expect([0, 1]).toContain(r.code);
      expect(JSON.parse(r.stdout).scenarios[0].endFs).toBe(1000000000000);
    });
});
