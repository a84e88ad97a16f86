// SPDX-License-Identifier: GPL-2.0-only
/**
 * The system's Chromium (Debian's `chromium` package), headless, driven by playwright-core: no
 * browser is downloaded. Shared by the browser tests and `npm run docs:pictures`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `${CHROMIUM_PATH} not found (install Debian's chromium package; .ci/run does)`;
}

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** One headless browser with a fresh profile, removed on close. */
export async function launchChromium(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'timer-emu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What went wrong while a page loaded: console errors, page errors and requests that failed. */
export interface PageProblems {
  readonly errors: string[];
  readonly requests: string[];
}

/** One page that loads one HTML file after another. */
export interface Tab {
  readonly page: Page;
  /** Loads `file` and waits until it has rendered: what went wrong during this load. */
  load(file: string): Promise<PageProblems>;
}

/**
 * A new page recording, for each load, console errors, page errors and every request. Loading
 * the next file in the same page keeps Chromium's renderer: a new page costs about 0.2 s more of
 * Chromium's CPU (docs/performance.md, seventh round).
 */
export async function openTab(c: Chromium): Promise<Tab> {
  const page = await c.context.newPage();
  let problems: PageProblems = { errors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(m.text());
  });
  page.on('pageerror', (e) => problems.errors.push(e.message));
  page.on('requestfailed', (r) => problems.requests.push(`failed: ${r.url()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) problems.requests.push(`network: ${r.url()}`);
  });
  return {
    page,
    async load(file) {
      const mine: PageProblems = { errors: [], requests: [] };
      problems = mine;
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      await page.waitForSelector('body[data-rendered]', { timeout: 10_000 });
      return mine;
    },
  };
}

/** Opens `file` (an HTML file) in a new page: the page and what went wrong while it loaded. */
export async function openReport(
  c: Chromium,
  file: string,
): Promise<{ page: Page; problems: PageProblems }> {
  const tab = await openTab(c);
  return { page: tab.page, problems: await tab.load(file) };
}

/**
 * Per chart id: the coloured pixels of its canvas (axes, grid and text are grey; series are drawn
 * in colour) and the lengths of its data columns.
 */
export interface ChartRender {
  readonly id: string;
  readonly colouredPixels: number;
  readonly columnLengths: number[];
  readonly points: number;
  /** data points whose y is not 0 (what a bar chart draws) */
  readonly nonZero: number;
}

/**
 * Runs in the page (a string: the tests compile without the DOM's types). Coloured: a pixel drawn
 * (alpha > 0) whose red, green and blue differ.
 */
const CHART_PROBE = `(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  return data.charts.map((chart) => {
    const canvas = document.querySelector('[data-chart="' + chart.id + '"] canvas');
    let colouredPixels = 0;
    const ctx = canvas && canvas.getContext('2d');
    if (ctx) {
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < px.length; i += 4)
        if (px[i + 3] > 0 && (px[i] !== px[i + 1] || px[i + 1] !== px[i + 2])) colouredPixels++;
    }
    const ys = chart.data.slice(1).flat();
    return {
      id: chart.id,
      colouredPixels,
      columnLengths: chart.data.map((col) => col.length),
      points: ys.filter((v) => v !== null).length,
      nonZero: ys.filter((v) => v !== null && v !== 0).length,
    };
  });
})()`;

export function chartRenders(page: Page): Promise<ChartRender[]> {
  return page.evaluate(CHART_PROBE) as Promise<ChartRender[]>;
}
