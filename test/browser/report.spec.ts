// SPDX-License-Identifier: GPL-2.0-only
/**
 * HTML reports of bundled scenarios opened in headless Chromium: no console error, no request
 * (every script and style is inline), every chart drawn with data, a screenshot of each page.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../emu/cli/commands/run.js';
import { CHART_IDS } from '../../emu/report/html/page-data.js';
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
  ['itc-nojitter-backwards', '100ms'],
  ['livelock-2.6.13', '20ms'],
  ['drift-tuning-fast', '2s'],
  ['hpet-basic', '100ms'],
];

const sink = () => {
  let text = '';
  return {
    write: (c: string) => {
      text += c;
    },
    text: () => text,
  };
};

describe.skipIf(missing !== null)('HTML report in Chromium', () => {
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
      const shot = join(dir, `${name}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      await page.close();
    },
    60_000,
  );
});
