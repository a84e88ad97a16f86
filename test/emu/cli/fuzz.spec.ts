// SPDX-License-Identifier: GPL-2.0-only
/**
 * Malformed scenario files, generated: the CLI answers each with exit 2 and located messages
 * (`file:line:col`), bounded output, no stack trace; with `--json`, an error document on stdout.
 * Hostile ones too (issue 17): quantities past their limits, deep nesting, an interpolator
 * registered twice, thousands of errors at once; and malformed conformance vector files.
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

const big = (min: bigint) => fc.bigInt({ min, max: 10n ** 40n });

const AT_MOST_100_YEARS = /must be at most 36525d/;

/** Lines of BASE replaced by a quantity past its limit (docs/cli.md, "Limits"), and the message. */
const outOfRange = fc.oneof(
  big(36_526n).map((n) => ({ line: 1, text: `duration: ${n}d`, message: AT_MOST_100_YEARS })),
  big(16_385n).map((n) => ({
    line: 2,
    text: `machine: { cpus: ${n} }`,
    message: /must be at most 16384/,
  })),
  big(101n).map((n) => ({
    line: 3,
    text: `devices: [{ type: itc, name: itc, frequency: ${n}GHz }]`,
    message: /must be at most 100GHz/,
  })),
  big(36_526n).map((n) => ({
    line: 5,
    text: `workload: [{ cpus: all, call: getnstimeofday, interval: { exponential: ${n}d } }]`,
    message: AT_MOST_100_YEARS,
  })),
  big(1_000_001n).map((n) => ({
    line: 3,
    text: `devices: [{ type: itc, name: itc, frequency: 1.5GHz, clock: { drift_ppm: ${n} } }]`,
    message: /must be between -1000000 and 1000000 ppm/,
  })),
  big(36_526n).map((n) => ({
    line: 7,
    text: `events: [{ at: ${n}d, leap: insert }]`,
    message: AT_MOST_100_YEARS,
  })),
);

/** Each a whole file the loader must reject, with a located message. */
const hostile: fc.Arbitrary<{ text: string; message: RegExp }> = fc.oneof(
  outOfRange.map(({ line, text, message }) => {
    const lines = [...BASE];
    lines[line] = text;
    return { text: lines.join('\n'), message };
  }),
  // nesting past the 64 levels the loader accepts
  fc.integer({ min: 65, max: 3_000 }).map((depth) => ({
    text: [...BASE, `events: ${'['.repeat(depth)}${']'.repeat(depth)}`].join('\n'),
    message: /nested deeper than 64/,
  })),
  // the ITC registered at boot, registered again by an event
  fc.integer({ min: 0, max: 999 }).map((us) => ({
    text: [...BASE, `events: [{ at: ${us}us, register: { driver: itc, device: itc } }]`].join('\n'),
    message: /the interpolator of "itc" is already registered/,
  })),
  // thousands of errors: only the first 20 are shown, then a count
  fc.integer({ min: 100, max: 2_000 }).map((n) => ({
    text: [
      ...BASE,
      'events:',
      ...Array.from({ length: n }, (_, i) => `  - { at: ${i}x, bogus: 1 }`),
    ].join('\n'),
    message: new RegExp(`… and ${2 * n - 20} more issues`),
  })),
);

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

/** The checks every rejected input must pass: exit 2, located first line, bounded, no stack. */
function expectLocatedUsageError(r: { code: number; stdout: string; stderr: string }, at: string) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.length).toBeLessThan(8000);
  expect(r.stderr.split('\n').length).toBeLessThanOrEqual(23);
  expect(r.stderr.trimEnd().split('\n')[0]).toMatch(new RegExp(`^timer-emu: ${at}`));
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|Maximum call stack|internal error/);
}

describe('hostile scenario files', () => {
  it('out-of-range quantities, deep nesting, double registration, floods of errors: exit 2, located, bounded', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async ({ text, message }) => {
        const file = join(dir, `h${n++}.yaml`);
        writeFileSync(file, `${text}\n`);
        const r = await cli(['run', file]);
        expectLocatedUsageError(r, `${file}:\\d+:\\d+[ :]`);
        expect(r.stderr).toMatch(message);
      }),
      { numRuns: 16, seed: 1_704_067_200 },
    );
  });
});

/** One valid interpolator case, as its JSON object. */
const GOOD_CASE = {
  id: 'c',
  kernel: '2.6.18',
  steps: [
    { op: 'jiffies', value: '1' },
    { op: 'reset', reads: [], expect: { fault: 'OOPS' } },
  ],
};

/** A case broken in one place: unknown keys, no steps, out-of-range integers, wrong types, deep nesting. */
const brokenCase = fc.oneof(
  fc.constant({ ...GOOD_CASE, comment: 'x' }),
  fc.constant({ ...GOOD_CASE, steps: [] }),
  big(1n << 64n).map((v) => ({ ...GOOD_CASE, steps: [{ op: 'jiffies', value: `${v}` }] })),
  fc.constant({ ...GOOD_CASE, steps: [{ op: 'jiffies', value: 1 }] }),
  fc.constant({ ...GOOD_CASE, steps: [{ op: 'reset', reads: [], by: 2 }] }),
  fc.integer({ min: 65, max: 3_000 }).map((depth) => ({
    ...GOOD_CASE,
    steps: JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`),
  })),
);

describe('malformed conformance files', () => {
  it('exit 2, located at file:line:column, bounded, nothing replayed', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 5 }), brokenCase, async (before, broken) => {
        const file = join(dir, `v${n++}.jsonl`);
        const good = JSON.stringify(GOOD_CASE);
        writeFileSync(file, `${`${good}\n`.repeat(before)}${JSON.stringify(broken)}\n${good}\n`);
        expectLocatedUsageError(await cli(['conformance', file]), `${file}:${before + 1}:\\d+: `);
      }),
      { numRuns: 20, seed: 1_704_067_200 },
    );
  });
});
