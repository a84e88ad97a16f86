// SPDX-License-Identifier: GPL-2.0-only
/**
 * Every HTML page the CLI writes, in headless Chromium: one browser and one page for all of them
 * (a launch is about a second of Chromium's CPU, each further page about 0.2 s).
 *
 * Reports: each distinct command of the tutorial's picture manifest (docs/learn/pictures.json),
 * run as a reader runs it, and one `run --html`, write reports that show no console error and
 * make no request (every script and style is inline), draw every chart with data and mark the
 * first backward step; a screenshot of the page's first screen is taken; each picture's chart is
 * there and its committed image (made by `npm run docs:pictures`) exists. Pictures whose commands
 * differ only in the file they write share one run.
 *
 * A sweep's page: one tiny sweep (three CPU counts, two seeds, 2 ms) written with `sweep --html`
 * shows no console error, makes no request, draws every chart with data (a median line and its
 * min–max band per chart) and holds the table; a screenshot is taken.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../emu/cli/commands/run.js';
import { CHART_IDS } from '../../emu/report/html/page-data.js';
import {
  commandArgs,
  loadManifest,
  MANIFEST,
  type PictureEntry,
} from '../docs/pictures-manifest.js';
import { cliInProcess, stringIo } from '../emu/cli/bin.js';
import {
  type ChartRender,
  type Chromium,
  chartRenders,
  chromiumMissing,
  launchChromium,
  openTab,
  type Tab,
} from './chromium.js';

const missing = chromiumMissing();
if (missing !== null) console.log(`SKIPPED test/browser/pages.spec.ts: ${missing}`);

const pictures = loadManifest(MANIFEST);

/** A picture's command with its output file aside: pictures with one key share one run. */
const commandKey = (e: PictureEntry): string => e.command.replace(/(-o|--out)\s+\S+/, '$1 <file>');

/** The manifest's entries grouped by command. */
function byCommand(entries: readonly PictureEntry[]): Map<string, PictureEntry[]> {
  const groups = new Map<string, PictureEntry[]>();
  for (const e of entries) groups.set(commandKey(e), [...(groups.get(commandKey(e)) ?? []), e]);
  return groups;
}

/** What a report's pictures check once the page shows another file. */
interface CheckedReport {
  readonly renders: ChartRender[];
  readonly backward: boolean;
  /** per chart id, how many `[data-chart]` elements show it */
  readonly elements: Record<string, number>;
}

/** Every chart drawn with data, the first backward step marked. */
async function expectEveryChart(
  page: Page,
): Promise<{ renders: ChartRender[]; backward: boolean }> {
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
  return { renders, backward: mark[0] !== null };
}

/** The charts each `[data-chart]` element names, with how many elements name it. */
const CHART_ELEMENTS = `(() => {
  const count = {};
  for (const e of document.querySelectorAll('[data-chart]'))
    count[e.dataset.chart] = (count[e.dataset.chart] || 0) + 1;
  return count;
})()`;

// The tests below run one after another (no `concurrent`): they share one page, each loading its
// file in it (a page each cost Chromium 1.5–2 s more over the file).
describe.skipIf(missing !== null)('HTML pages in Chromium', () => {
  let dir = '';
  let browser: Chromium;
  let tab: Tab;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timer-emu-report-'));
    browser = await launchChromium();
    tab = await openTab(browser);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Loads a report: no console error, no request, every chart; a screenshot of its first screen.
   * What a picture needs of it later, when the page shows another file, is returned.
   */
  async function checkReport(file: string): Promise<CheckedReport> {
    expect(readFileSync(file, 'utf8')).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    const problems = await tab.load(file);
    expect(problems).toEqual({ errors: [], requests: [] });
    const { renders, backward } = await expectEveryChart(tab.page);
    const elements = (await tab.page.evaluate(CHART_ELEMENTS)) as Record<string, number>;
    const shot = file.replace(/\.html$/, '.png');
    // the first screen: the whole page cost Chromium about 0.1 s more a page (PNG of a long page)
    // and showed nothing the charts' pixels, read above, do not
    await tab.page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    return { renders, backward, elements };
  }

  it('run --html writes the report of a run, its backward step marked', async () => {
    const file = join(dir, 'run-html.html');
    const { io, out } = stringIo();
    const code = await runCommand(
      { scenarios: ['itc-nojitter-backwards'], html: file, duration: '5ms', quiet: true },
      io,
    );
    expect(code, out.stdout).toBeLessThanOrEqual(1);
    const { backward } = await checkReport(file);
    expect(backward).toBe(true);
  }, 60_000);

  /** The report of each distinct command, made and checked once, for all its pictures. */
  const reports = new Map<string, Promise<CheckedReport>>();
  function reportOf(e: PictureEntry): Promise<CheckedReport> {
    const key = commandKey(e);
    const known = reports.get(key);
    if (known !== undefined) return known;
    const made = (async () => {
      const { argv, html } = commandArgs(e, dir);
      const r = await cliInProcess([...argv, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      return checkReport(html);
    })();
    reports.set(key, made);
    return made;
  }

  describe('the tutorial pictures', () => {
    it('the manifest lists at least one picture', () => {
      expect(pictures.length).toBeGreaterThan(0);
    });

    it.each([...byCommand(pictures)])(
      '%s renders every chart with data',
      async (_command, entries) => {
        await reportOf(entries[0]!);
      },
      120_000,
    );

    it.each(pictures.map((e) => [e.image, e] as const))(
      '%s renders',
      async (_image, e) => {
        expect(existsSync(join('docs', 'learn', e.image)), `${e.image} committed`).toBe(true);
        expect(statSync(join('docs', 'learn', e.image)).size).toBeGreaterThan(1000);
        const { renders, elements } = await reportOf(e);
        const chart = renders.find((r) => r.id === e.chart);
        expect(chart?.points, `${e.chart} has data`).toBeGreaterThan(0);
        expect(chart?.colouredPixels, `${e.chart} drawn`).toBeGreaterThan(50);
        expect(elements[e.chart], `one element shows ${e.chart}`).toBe(1);
      },
      120_000,
    );
  });

  describe('a sweep page', () => {
    const SWEEP =
      'sweep hpet-basic --vary machine.cpus=1,2,4 --seeds 2 --duration 2ms --quiet ' +
      '--figures passed,reads,max_abs_error_ns,cmpxchg_per_read';

    it('sweep --html draws a chart per numeric figure, and the table', async () => {
      const file = join(dir, 'sweep.html');
      const r = await cliInProcess([...SWEEP.split(' '), '--html', file]);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
      const problems = await tab.load(file);
      expect(problems).toEqual({ errors: [], requests: [] });
      const { page } = tab;
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
      await page.screenshot({ path: shot });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
    }, 60_000);
  });
});
