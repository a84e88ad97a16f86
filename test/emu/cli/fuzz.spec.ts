// SPDX-License-Identifier: GPL-2.0-only
/**
 * Malformed scenario files, generated: the CLI answers each with exit 2 and located messages
 * (`file:line:col`), bounded output, no stack trace; with `--json`, an error document on stdout.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cliInProcess, tempDir } from './bin.js';

const BASE = [
  'name: fuzz',
  'duration: 1ms',
  'machine: { cpus: 2 }',
  'devices: [{ type: itc, name: itc, frequency: 1.5GHz }]',
  'interpolators: [{ driver: itc, device: itc }]',
  'workload: [{ cpus: all, call: getnstimeofday, interval: 2us }]',
  'expect: { monotonic: true }',
];

/** Values no field accepts: broken YAML, unknown keys, duplicate keys, unknown aliases. */
const POISON = [
  '{ zz_unknown: 1 }',
  '[1, 2',
  '"unterminated',
  '*nosuchalias',
  '{ a: 1, a: 2 }',
  '@reserved',
  '{ { } }',
];

const malformed = fc.record({
  line: fc.nat({ max: BASE.length - 1 }),
  poison: fc.constantFrom(...POISON),
  how: fc.constantFrom('value', 'extra-key', 'tab-indent', 'drop-and-poison'),
  noise: fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' ')),
});

type Malformed = typeof malformed extends fc.Arbitrary<infer T> ? T : never;

function mutate(m: Malformed): string {
  const lines = [...BASE];
  const key = lines[m.line]!.split(':')[0]!;
  switch (m.how) {
    case 'value':
      lines[m.line] = `${key}: ${m.poison}`;
      break;
    case 'extra-key':
      lines.splice(m.line, 0, `zz_${m.line}: ${m.poison}`);
      break;
    case 'tab-indent':
      lines[m.line] = `${key}:\n\t- ${m.poison}`;
      break;
    default:
      lines.splice(m.line, 1);
      lines.push(`${key}: ${m.poison}`);
  }
  // a comment of noise changes the bytes, not the meaning
  return `# ${JSON.stringify(m.noise)}\n${lines.join('\n')}\n`;
}

const cli = cliInProcess;

describe('malformed scenario files', () => {
  it('exit 2, located, bounded, no stack; --json gives the error document', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(malformed, async (m) => {
        const file = join(dir, `f${n++}.yaml`);
        writeFileSync(file, mutate(m));
        const r = await cli(['run', file]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr.length).toBeLessThan(8000);
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines[0]).toMatch(new RegExp(`^timer-emu: ${file}:\\d+:\\d+[ :]`));
        expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
        const j = await cli(['run', '--json', file]);
        expect(j.code).toBe(2);
        const doc = JSON.parse(j.stdout);
        expect(doc.format).toBe('timer-emu-error');
        for (const e of doc.errors) {
          expect(e.file).toBe(file);
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 20, seed: 1_704_067_200 },
    );
  });
});
