// SPDX-License-Identifier: GPL-2.0-only
/**
 * The report as one HTML file: no request leaves it. uPlot's script and style (read from its
 * package by the caller) and the page's own are inlined; the data is a JSON block.
 */
import { exactReplacer } from '../../base/json-integer.js';
import { CLIENT_SCRIPT } from './client.js';
import type { PageData } from './page-data.js';

/** uPlot's distribution files, as text. */
export interface ChartAssets {
  readonly script: string;
  readonly style: string;
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; background: #fff; }
section { margin: 1.5em 0; padding: 0.3em 0.5em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; font-variant-numeric: tabular-nums; }
.pass { color: #1a7f37; } .fail { color: #cf222e; }
`;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** JSON safe inside a script element: `<` escaped so `</script>` cannot end it. */
const scriptJson = (v: unknown): string =>
  JSON.stringify(v, exactReplacer).replace(/</g, '\\u003c');

/** A script's text safe inside a script element. */
const inlineScript = (s: string): string => s.replace(/<\/script/gi, '<\\/script');

function expectationsTable(d: PageData): string {
  if (d.expectations.length === 0) return '<p>No expectations: the run only reports.</p>';
  const rows = d.expectations.map(
    (e) =>
      `<tr class="${e.pass ? 'pass' : 'fail'}"><td>${escapeHtml(e.key)}</td><td>${escapeHtml(e.expected)}</td>` +
      `<td>${escapeHtml(e.measured)}</td><td>${e.pass ? 'PASS' : 'FAIL'}</td></tr>`,
  );
  return `<table><tr><th>expectation</th><th>expected</th><th>measured</th><th></th></tr>${rows.join('')}</table>`;
}

function counterexampleText(d: PageData): string {
  const ce = d.counterexample;
  if (ce === null) return '<p>Every clock was monotonic.</p>';
  const row = (name: string, r: NonNullable<PageData['counterexample']>['earlier']) =>
    `<tr><td>${name}</td><td>${r.cpu}</td><td>${r.startFs}</td><td>${r.endFs}</td><td>${r.valueNs}</td></tr>`;
  return (
    `<p>First backward step (${escapeHtml(ce.clock)}), ${ce.backwardNs} ns, marked on the error chart by a dashed line:</p>` +
    `<table><tr><th>read</th><th>CPU</th><th>start (fs)</th><th>end (fs)</th><th>value (ns)</th></tr>` +
    `${row('earlier', ce.earlier)}${row('later', ce.later)}</table>`
  );
}

function chartSection(c: PageData['charts'][number]): string {
  return `<section data-chart="${c.id}"><h2>${escapeHtml(c.title)}</h2><div class="plot"></div></section>`;
}

/** What a page is made of besides the chart library: its title, body, data and script. */
export interface PageParts {
  /** plain text (escaped here) */
  readonly title: string;
  /** HTML */
  readonly body: string;
  /** read by the script from the JSON block `#report-data` */
  readonly data: unknown;
  /** the page's own script, run after uPlot's */
  readonly client: string;
  /** CSS added to the shared style */
  readonly style?: string;
}

/** A self-contained page: uPlot's script and style, the shared style, the data, the script. */
export function htmlPage(p: PageParts, assets: ChartAssets): string {
  const title = escapeHtml(p.title);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${assets.style.replace(/<\/style/gi, '<\\/style')}</style>
<style>${STYLE}${p.style ?? ''}</style>
</head>
<body>
<h1>${title}</h1>
${p.body}
<script id="report-data" type="application/json">${scriptJson(p.data)}</script>
<script>${inlineScript(assets.script)}</script>
<script>${inlineScript(p.client)}</script>
</body>
</html>
`;
}

export function renderPage(d: PageData, assets: ChartAssets): string {
  const body = `<p>${escapeHtml(d.file)}, seed ${d.seed}, ${d.cpus} CPUs, ran to ${d.endFs} fs:
<strong class="${d.passed ? 'pass' : 'fail'}">${d.passed ? 'PASSED' : 'FAILED'}</strong></p>
<section id="expectations"><h2>Expectations</h2>${expectationsTable(d)}</section>
<section id="monotonicity"><h2>Monotonicity</h2>${counterexampleText(d)}</section>
${d.charts.map(chartSection).join('\n')}`;
  return htmlPage(
    { title: `timer-emu report: ${d.scenario}`, body, data: d, client: CLIENT_SCRIPT },
    assets,
  );
}
