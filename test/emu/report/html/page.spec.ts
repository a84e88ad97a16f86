// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderPage } from '../../../../emu/report/html/page.js';
import type { PageData } from '../../../../emu/report/html/page-data.js';

const data: PageData = {
  scenario: 'a</script><b>',
  file: 'x.yaml',
  seed: '18446744073709551615',
  endFs: '20000000000000',
  cpus: 2,
  passed: false,
  expectations: [{ key: 'monotonic', expected: 'true', measured: 'false', pass: false }],
  counterexample: {
    clock: 'realtime',
    earlier: { cpu: '0', startFs: '1', endFs: '2', valueNs: '9007199254740993' },
    later: { cpu: '1', startFs: '3', endFs: '4', valueNs: '9007199254740992' },
    backwardNs: '1',
  },
  charts: [
    {
      id: 'error',
      title: 'error',
      xLabel: 'ms',
      yLabel: 'ns',
      kind: 'points',
      labels: ['CPU 0'],
      data: [
        [0, 1],
        [5, null],
      ],
    },
  ],
};

describe('renderPage', () => {
  const html = renderPage(data, { script: 'var uPlot = 1; // </script> inside', style: 'a{}' });

  it('inlines every script and style: nothing to fetch', () => {
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).toContain('var uPlot = 1; // <\\/script> inside');
  });

  it('carries the data as JSON a script element cannot end early', () => {
    const m = /<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(html);
    expect(m).not.toBeNull();
    expect(JSON.parse(m![1]!)).toEqual(data);
  });

  it('shows exact integers beyond 2^53 and escapes names', () => {
    expect(html).toContain('<td>9007199254740993</td>');
    expect(html).toContain('seed 18446744073709551615');
    expect(html).toContain('a&lt;/script&gt;&lt;b&gt;');
    expect(html).toContain('<section data-chart="error">');
    expect(escapeHtml(`<&"'>`)).toBe('&lt;&amp;&quot;&#39;&gt;');
  });
});
