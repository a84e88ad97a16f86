// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { renderSweepPage, sweepTableHtml } from '../../../../emu/report/html/sweep-page.js';
import { type SweepDocument, sweepPageData } from '../../../../emu/report/html/sweep-page-data.js';

const doc: SweepDocument = {
  scenario: 'a</script><b>',
  vary: [{ key: 'machine.cpus', values: ['1', '2'] }],
  figures: ['passed', 'max_abs_error_ns'],
  points: [
    {
      values: { 'machine.cpus': '1' },
      seed: '18446744073709551615',
      figures: { passed: true, max_abs_error_ns: '9007199254740993' },
    },
    {
      values: { 'machine.cpus': '2' },
      seed: '18446744073709551615',
      figures: { passed: false, max_abs_error_ns: '7' },
    },
  ],
};

const ASSETS = { script: 'var uPlot = 1; // </script> inside', style: 'a{}' };

describe('renderSweepPage', () => {
  const html = renderSweepPage(sweepPageData(doc), ASSETS);

  it('inlines every script and style: nothing to fetch', () => {
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).toContain('var uPlot = 1; // <\\/script> inside');
  });

  it('has a section per chart and the table, names escaped', () => {
    expect(html).toContain('<title>timer-emu sweep: a&lt;/script&gt;&lt;b&gt;</title>');
    expect(html).toContain('<section data-chart="max_abs_error_ns">');
    expect(html).not.toContain('data-chart="passed"');
    expect(html).toContain('in the table only: <code>passed</code>');
  });

  it('shows the exact figures of the document', () => {
    expect(sweepTableHtml(doc)).toBe(
      '<table><tr><th>machine.cpus</th><th>seed</th><th>passed</th><th>max_abs_error_ns</th></tr>\n' +
        '<tr><td>1</td><td class="num">18446744073709551615</td><td>true</td><td class="num">9007199254740993</td></tr>\n' +
        '<tr><td>2</td><td class="num">18446744073709551615</td><td>false</td><td class="num">7</td></tr>\n' +
        '</table>',
    );
    const m = /<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(html);
    expect(JSON.parse(m![1]!).document).toEqual(doc);
  });

  it('says when the sweep was stopped', () => {
    expect(html).not.toContain('INCOMPLETE');
    const cut = renderSweepPage(sweepPageData({ ...doc, complete: false }), ASSETS);
    expect(cut).toContain('<strong>INCOMPLETE</strong>');
  });
});
