// SPDX-License-Identifier: GPL-2.0-only
/**
 * The limits of docs/cli.md ("Limits") through the real bin: each out-of-range input is exit 2,
 * located, bounded on stderr, without a stack trace (issue 17, items 6 and 7); a conformance file
 * far larger than the heap is streamed.
 */
import { closeSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TIME_FS } from '../../../emu/base/limits.js';
import { parseDuration } from '../../../emu/cli/commands/run-options.js';
import { cliInProcess, runBin, smallScenario, tempDir } from './bin.js';

const HEAD = 'name: x\nmachine: { cpus: 1 }\ninterpolators: []\nworkload: []\n';

const CASES: readonly (readonly [string, string, RegExp])[] = [
  [
    'a 100 000-digit duration',
    `${HEAD}devices: []\nduration: 1${'0'.repeat(100_000)}s\n`,
    /:6:11 duration: must be at most 36525d/,
  ],
  [
    'an event past the scheduler range',
    `${HEAD}devices: []\nduration: 1s\nevents: [{ at: 2000000000d, leap: insert }]\n`,
    /:7:16 events\[0\]\.at: must be at most 36525d/,
  ],
  [
    'a temperature period of 1 fs',
    `${HEAD}duration: 1s\ndevices: [{ type: hpet, name: h, clock: { temperature: { amplitude_ppm: 1, period: 1fs } } }]\n`,
    /devices\[0\]\.clock\.temperature\.period: must be at least 64fs/,
  ],
  [
    'an ITC at 10^32 Hz',
    `${HEAD}duration: 1s\ndevices: [{ type: itc, name: itc, frequency: 99999999999999999999999GHz }]\n`,
    /devices\[0\]\.frequency: must be at most 100GHz/,
  ],
  [
    'a wander every 1 fs',
    `${HEAD}duration: 1s\ndevices: [{ type: hpet, name: h, clock: { wander: { step_ppm: 1, every: 1fs, min_ppm: -1, max_ppm: 1 } } }]\n`,
    /devices\[0\]\.clock\.wander: the clock would change its frequency/,
  ],
  [
    'a boot wall time past time_t',
    `${HEAD}devices: []\nduration: 1s\nkernel: { boot_wall_time: 9223372036854775808s }\n`,
    /kernel\.boot_wall_time: must be at most 9223372036854775807\.999999999s/,
  ],
  [
    'a thousand levels of nesting',
    `${HEAD}devices: []\nduration: 1s\nexpect: ${'['.repeat(1000)}${']'.repeat(1000)}\n`,
    /:7:\d+: nested deeper than 64/,
  ],
  [
    'a file that is no YAML',
    Array.from({ length: 20_000 }, (_, i) => `}{ ]${i}: [ "x`).join('\n'),
    /… and \d+ more issues/,
  ],
];

describe.concurrent('limits, through the real bin', () => {
  it.each(CASES)('%s: exit 2, located, bounded, no stack', async (_, text, message) => {
    const file = join(tempDir(), 'in.yaml');
    writeFileSync(file, text);
    const r = await runBin(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/in\.yaml:\d+:\d+/);
    expect(r.stderr.split('\n').length).toBeLessThanOrEqual(23);
    expect(r.stderr.length).toBeLessThan(8_000);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|Maximum call stack/);
  });
});

/** Lines of a ~100 MB vector file: small cases with a long id, cheap to replay. */
const BIG_CASES = 50_000;

function writeBigVectorFile(path: string): void {
  const line = `${JSON.stringify({
    id: `big-${'x'.repeat(1_900)}`,
    kernel: '2.6.18',
    steps: [{ op: 'jiffies', value: '1' }],
  })}\n`;
  const fd = openSync(path, 'w');
  const block = line.repeat(1_000);
  for (let i = 0; i < BIG_CASES / 1_000; i++) writeSync(fd, block);
  // the last case fails: a reset with no interpolator registered oopses
  writeSync(
    fd,
    '{"id":"last","kernel":"2.6.18","steps":[{"op":"reset","reads":[],"expect":{"ret":"0"}}]}\n',
  );
  closeSync(fd);
}

describe('a 100 MB conformance file', () => {
  it('is replayed case by case in a 64 MB heap, with the right counts', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.jsonl');
    writeBigVectorFile(file);
    const probe = join(dir, 'max-rss.mjs');
    writeFileSync(
      probe,
      'process.on("exit", () => process.stderr.write("maxRSS " + process.resourceUsage().maxRSS + "\\n"));\n',
    );
    const r = await runBin(['conformance', file], {
      nodeArgs: ['--max-old-space-size=64', '--import', probe],
    });
    rmSync(dir, { recursive: true });
    expect(r.stdout).toContain(`big.jsonl: ${BIG_CASES} passed, 1 failed`);
    expect(r.stdout).toMatch(
      new RegExp(`  last \\(.+big\\.jsonl:${BIG_CASES + 1}\\) step 0 reset fault`),
    );
    expect(r.code).toBe(1);
    // holding the file would take more than its 98 MB; the stream holds one line at a time
    const maxRssKb = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1]);
    expect(maxRssKb).toBeLessThan(180 * 1024);
  }, 60_000);
});

describe('--duration', () => {
  it.each(['36526d', '99999999d', `1${'0'.repeat(1_000)}s`])(
    '%s is past the 100-year limit: exit 2 before anything runs',
    async (duration) => {
      const r = await cliInProcess(['run', '--duration', duration, smallScenario(tempDir())]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^timer-emu: --duration: .+ must be at most 36525d \(100 years\)/);
      expect(r.stderr.length).toBeLessThan(2_000);
    },
  );

  it('36525d itself is accepted', () => {
    expect(parseDuration('36525d')).toBe(MAX_TIME_FS);
  });
});
