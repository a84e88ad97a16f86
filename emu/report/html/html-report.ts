// SPDX-License-Identifier: GPL-2.0-only
/** The HTML report of one finished run: its verdict and what the collector gathered, as a page. */
import type { ScenarioReport } from '../json.js';
import type { ReportCollector } from './collector.js';
import { type ChartAssets, renderPage } from './page.js';
import { pageData } from './page-data.js';

export function htmlReport(r: ScenarioReport, c: ReportCollector, assets: ChartAssets): string {
  c.finish();
  return renderPage(pageData(r, c), assets);
}
