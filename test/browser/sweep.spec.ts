// SPDX-License-Identifier: GPL-2.0-only
/**
 * A sweep's page in headless Chromium: one tiny sweep (three CPU counts, two seeds, 2 ms) written
 * with `sweep --html` shows no console error, makes no request, draws every chart with data (a
 * median line and its min–max band per chart) and holds the table; a screenshot is taken.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../emu/cli/bin.js';
import { chartRenders, chromiumMissing, launchChromium, openReport } from './chromium.js';

const missing = chromiumMissing();
if (missing !== null) console.log(`SKIPPED test/browser/sweep.spec.ts: ${missing}`);

const SWEEP =
  'sweep hpet-basic --vary machine.cpus=1,2,4 --seeds 2 --duration 2ms --quiet ' +
  '--figures passed,reads,max_abs_error_ns,cmpxchg_per_read';

describe.skipIf(missing !== null)('a sweep page in Chromium', () => {
  it('sweep --html draws a chart per numeric figure, and the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timer-emu-sweep-'));
    const browser = await launchChromium();
    try {
      const file = join(dir, 'sweep.html');
      const r = await cliInProcess([...SWEEP.split(' '), '--html', file]);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
      const { page, problems } = await openReport(browser, file);
      expect(problems).toEqual({ errors: [], requests: [] });
      const renders = await chartRenders(page);
      expect(renders.map((c) => c.id)).toEqual(['reads', 'max_abs_error_ns', 'cmpxchg_per_read']);
      for (const c of renders) {
        // x, then median, max and min: one group, three CPU counts
        expect(c.columnLengths, c.id).toEqual([3, 3, 3, 3]);
        expect(c.points, c.id).toBe(9);
        expect(c.colouredPixels, `${c.id} drawn`).toBeGreaterThan(50);
      }
      // six runs in the table, with the boolean figure that has no chart
      expect(await page.locator('#table tr').count()).toBe(7);
      expect(await page.locator('#table th').allTextContents()).toContain('passed');
      const shot = join(dir, 'sweep.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
