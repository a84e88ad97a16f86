// SPDX-License-Identifier: GPL-2.0-only
/**
 * A sweep's page (`sweep --html`, `merge --html`): what was varied, a chart per numeric figure,
 * then the table of every run with the figures exactly as the sweep's `--json` writes them. Built
 * on the run report's page (no request leaves it).
 */
import { type ChartAssets, escapeHtml, htmlPage } from './page.js';
import { SWEEP_CLIENT_SCRIPT } from './sweep-client.js';
import {
  type SweepChart,
  type SweepDocument,
  type SweepPageData,
  sweepPageData,
} from './sweep-page-data.js';

const SWEEP_STYLE = `
td.num { text-align: right; }
.incomplete { color: #cf222e; }
`;

function summary(d: SweepPageData): string {
  const doc = d.document;
  const varied = doc.vary
    .map((v) => `<code>${escapeHtml(v.key)}</code> = ${v.values.map(escapeHtml).join(', ')}`)
    .join('; ');
  const seeds = d.seedsPerPoint === 1 ? 'one seed' : `${d.seedsPerPoint} seeds`;
  const lines = d.seedsPerPoint > 1 ? 'the median over the seeds, the band from min to max' : '';
  const stopped = d.complete
    ? ''
    : '<p class="incomplete"><strong>INCOMPLETE</strong>: stopped by a signal; the runs so far.</p>';
  return (
    `<p>${doc.points.length} runs: ${varied}; ${seeds} per point.` +
    (d.charts.length === 0
      ? ''
      : ` Each chart is a figure against <code>${escapeHtml(doc.vary[0]?.key ?? '')}</code>` +
        `${doc.vary.length > 1 ? ', a line per combination of the other values' : ''}` +
        `${lines === '' ? '' : ` (${lines})`}.`) +
    `</p>${stopped}`
  );
}

function chartSection(c: SweepChart): string {
  return `<section data-chart="${escapeHtml(c.id)}"><h2>${escapeHtml(c.title)}</h2><div class="plot"></div></section>`;
}

const cell = (v: unknown): string => {
  const text = escapeHtml(String(v ?? ''));
  return typeof v === 'boolean' ? `<td>${text}</td>` : `<td class="num">${text}</td>`;
};

/** Every run, as the table of `sweep`: the varied values, the seed, the figures. */
export function sweepTableHtml(doc: SweepDocument): string {
  const head = [...doc.vary.map((v) => v.key), 'seed', ...doc.figures]
    .map((h) => `<th>${escapeHtml(h)}</th>`)
    .join('');
  const rows = doc.points.map(
    (p) =>
      `<tr>${doc.vary.map((v) => `<td>${escapeHtml(p.values[v.key] ?? '')}</td>`).join('')}` +
      `${cell(p.seed)}${doc.figures.map((f) => cell(p.figures[f])).join('')}</tr>`,
  );
  return `<table><tr>${head}</tr>\n${rows.join('\n')}\n</table>`;
}

export function renderSweepPage(d: SweepPageData, assets: ChartAssets): string {
  const unplotted =
    d.unplotted.length === 0
      ? ''
      : `<p>Not numbers, in the table only: ${d.unplotted.map((f) => `<code>${escapeHtml(f)}</code>`).join(', ')}.</p>`;
  const body = [
    summary(d),
    ...d.charts.map(chartSection),
    `<section id="table"><h2>Every run</h2>${unplotted}${sweepTableHtml(d.document)}</section>`,
  ].join('\n');
  return htmlPage(
    {
      title: `timer-emu sweep: ${d.scenario}`,
      body,
      data: d,
      client: SWEEP_CLIENT_SCRIPT,
      style: SWEEP_STYLE,
    },
    assets,
  );
}

/** The page of a sweep's document; `describe` gives a sentence per figure for the chart titles. */
export const sweepPage = (
  doc: SweepDocument,
  describe: Readonly<Record<string, string>>,
  assets: ChartAssets,
): string => renderSweepPage(sweepPageData(doc, describe), assets);
