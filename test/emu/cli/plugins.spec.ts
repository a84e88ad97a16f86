// SPDX-License-Identifier: GPL-2.0-only
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlugins } from '../../../emu/cli/plugins.js';
import { builtinRegistry } from '../../../emu/scenario/registry.js';
import { cliInProcess, REPO, runBin } from './bin.js';

const plugin = (name: string) => join(REPO, 'test/fixtures/plugins', `${name}.js`);

describe('--plugin', () => {
  it('list shows the device types a plugin adds', async () => {
    const r = await runBin(['list', '--plugin', plugin('ticker')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}my-ticker +a 32-bit MMIO up-counter of my own$/m);
  }, 60_000);

  it('run loads a scenario with a plugin device read through TIME_SOURCE_FUNCTION', async () => {
    const scenario = join(REPO, 'test/fixtures/plugins/ticker.yaml');
    const r = await runBin(['run', '--plugin', plugin('ticker'), scenario, '--jobs', '2']);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASS\s+monotonic/);
    const without = await runBin(['run', scenario]);
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/ticker\.yaml:6:\d+ devices\[0\]\.type: /);
  }, 60_000);

  it('check varies a scenario with a plugin device and holds', async () => {
    const scenario = join(REPO, 'test/fixtures/plugins/ticker.yaml');
    const r = await runBin(['check', '--plugin', plugin('ticker'), '--runs', '5', scenario]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/5 cases/);
  }, 120_000);

  it.each([
    ['missing', /^timer-emu: plugin \S+missing\.js: no such file$/m],
    ['syntax-error', /^timer-emu: plugin \S+syntax-error\.js: syntax error: /m],
    ['throws', /^timer-emu: plugin \S+throws\.js: throws when imported: no licence key$/m],
    ['no-devices', /^timer-emu: plugin \S+no-devices\.js: exports no device descriptors/m],
    [
      'invalid-descriptor',
      /^timer-emu: plugin \S+invalid-descriptor\.js: device 0: half-done: schema must be a zod schema$/m,
    ],
    ['clash', /^timer-emu: plugin \S+clash\.js: device type hpet is already defined/m],
  ])(
    'a plugin that is %s exits 2 with a located message, no stack',
    async (name, message) => {
      // in process: the refusal is the CLI's own code; the bin loads plugins in the tests above
      const r = await cliInProcess(['list', '--plugin', plugin(name)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    },
    60_000,
  );
});

describe('loadPlugins', () => {
  it('adds each plugin in order and refuses the same type twice', async () => {
    const r = builtinRegistry();
    await loadPlugins([plugin('ticker')], r);
    expect(r.device('my-ticker').counterAccess).toBe('mmio');
    await expect(loadPlugins([plugin('ticker')], r)).rejects.toThrow(
      /my-ticker is already defined/,
    );
    expect(
      builtinRegistry()
        .devices()
        .map((d) => d.type),
    ).not.toContain('my-ticker');
  });
});
