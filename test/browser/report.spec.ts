// SPDX-License-Identifier: GPL-2.0-only
/**
 * HTML reports in headless Chromium, one browser for every page:
 * - reports of bundled scenarios: no console error, no request (every script and style is
 *   inline), every chart drawn with data, a screenshot of each page;
 * - every picture of the tutorial's manifest (docs/learn/pictures.json): its command, as a reader
 *   runs it, writes a report whose chart renders with data, and the committed image (made by
 *   `npm run docs:pictures`) is there.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../emu/cli/commands/run.js';
import { runCli } from '../../emu/cli/main.js';
import { CHART_IDS } from '../../emu/report/html/page-data.js';
import { commandArgs, loadManifest, MANIFEST } from '../docs/pictures-manifest.js';
import {
  type Chromium,
  chartRenders,
  chromiumMissing,
  launchChromium,
  openReport,
} from './chromium.js';

const missing = chromiumMissing();
if (missing !== null) console.log(`SKIPPED test/browser/report.spec.ts: ${missing}`);

/** scenario, duration: a monotonicity failure, contention, tuning and a plain HPET */
const REPORTS: readonly (readonly [string, string])[] = [
  ['itc-nojitter-backwards', '50ms'],
  ['livelock-2.6.13', '10ms'],
  ['drift-tuning-fast', '2s'],
  ['hpet-basic', '100ms'],
];

const pictures = loadManifest(MANIFEST);

const sink = () => {
  let text = '';
  return {
    write: (c: string) => {
      text += c;
    },
    text: () => text,
  };
};

describe.skipIf(missing !== null)('HTML reports in Chromium', () => {
  let dir = '';
  let browser: Chromium;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timer-emu-report-'));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('bundled scenarios', () => {
    it.each(REPORTS)(
      '%s renders every chart with data',
      async (name, duration) => {
        const file = join(dir, `${name}.html`);
        const out = sink();
        const code = await runCommand(
          { scenarios: [name], html: file, duration, quiet: true },
          { stdout: out, stderr: sink() },
        );
        expect(code, out.text()).toBeLessThanOrEqual(1);
        expect(readFileSync(file, 'utf8')).not.toMatch(/<(script|link)[^>]+(src|href)=/);

        const { page, problems } = await openReport(browser, file);
        expect(problems).toEqual({ errors: [], requests: [] });
        const renders = await chartRenders(page);
        expect(renders.map((r) => r.id)).toEqual([...CHART_IDS]);
        for (const r of renders) {
          expect(r.points, `${r.id} has data`).toBeGreaterThan(0);
          expect(new Set(r.columnLengths).size, `${r.id} columns aligned`).toBe(1);
          // a histogram of nothing (no stall) is all zero bars: nothing to draw
          if (r.nonZero > 0) expect(r.colouredPixels, `${r.id} drawn`).toBeGreaterThan(50);
        }
        // the first backward step is marked on the error chart, at the later read's end
        const mark = (await page.evaluate(
          `(() => { const d = JSON.parse(document.getElementById('report-data').textContent);
          return [d.counterexample && d.counterexample.later.endFs, d.charts[0].markX]; })()`,
        )) as [string | null, number | undefined];
        expect(mark[1]).toBe(mark[0] === null ? undefined : Number(mark[0]) / 1e12);
        if (name === 'itc-nojitter-backwards') expect(mark[0]).not.toBeNull();
        const shot = join(dir, `${name}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        expect(statSync(shot).size).toBeGreaterThan(10_000);
        await page.close();
      },
      60_000,
    );
  });

  describe('the tutorial pictures', () => {
    it('the manifest lists at least one picture', () => {
      expect(pictures.length).toBeGreaterThan(0);
    });

    it.each(pictures.map((e) => [e.image, e] as const))(
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
});
