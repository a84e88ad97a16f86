// SPDX-License-Identifier: GPL-2.0-only
/**
 * Every picture of the tutorial's manifest (docs/learn/pictures.json): its command, as a reader
 * runs it, writes a report whose chart renders with data in Chromium, and the committed image
 * (made by `npm run docs:pictures`) is there.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../emu/cli/main.js';
import { commandArgs, loadManifest, MANIFEST } from '../docs/pictures-manifest.js';
import {
  type Chromium,
  chartRenders,
  chromiumMissing,
  launchChromium,
  openReport,
} from './chromium.js';

const missing = chromiumMissing();
if (missing !== null) console.log(`SKIPPED test/browser/pictures.spec.ts: ${missing}`);

const entries = loadManifest(MANIFEST);

const sink = () => ({ write: (_: string) => true });

describe.skipIf(missing !== null)('the tutorial pictures', () => {
  let dir = '';
  let browser: Chromium;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timer-emu-pictures-'));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the manifest lists at least one picture', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each(entries.map((e) => [e.image, e] as const))(
    '%s renders',
    async (_image, e) => {
      expect(existsSync(join('docs', 'learn', e.image)), `${e.image} committed`).toBe(true);
      expect(statSync(join('docs', 'learn', e.image)).size).toBeGreaterThan(1000);
      const { argv, html } = commandArgs(e, dir);
      expect(await runCli([...argv, '--quiet'], { stdout: sink(), stderr: sink() })).toBe(0);
      const { page, problems } = await openReport(browser, html);
      expect(problems).toEqual({ errors: [], requests: [] });
      const chart = (await chartRenders(page)).find((r) => r.id === e.chart);
      expect(chart?.points, `${e.chart} has data`).toBeGreaterThan(0);
      expect(chart?.colouredPixels, `${e.chart} drawn`).toBeGreaterThan(50);
      expect(await page.locator(`[data-chart="${e.chart}"]`).count()).toBe(1);
      await page.close();
    },
    120_000,
  );
});
