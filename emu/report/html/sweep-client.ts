// SPDX-License-Identifier: GPL-2.0-only
/**
 * The script a sweep's page runs: draws each chart of the page's data (sweep-page-data.ts) with
 * uPlot, inlined before it: a line with points per group, and with several seeds the band from
 * the minimum to the maximum in the group's colour. Plain ES2017 in a string: it runs in the
 * browser, not in Node.
 */
export const SWEEP_CLIENT_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

  function colorOf(group) { return COLORS[group % COLORS.length]; }

  function seriesOpts(s) {
    var color = colorOf(s.group);
    if (s.role === 'min' || s.role === 'max')
      return { label: s.label, stroke: color + '66', width: 1, dash: [4, 4], spanGaps: true, points: { show: false } };
    return { label: s.label, stroke: color, width: 2, spanGaps: true, points: { show: true, size: 7, fill: color, stroke: color } };
  }

  function xScale(chart) {
    var n = chart.x.values.length;
    var lo = chart.x.values[0], hi = chart.x.values[n - 1];
    // a margin around the first and last values, so their points are whole
    if (chart.x.scale === 'log2') return { time: false, distr: 3, log: 2, range: function () { return [lo / 1.15, hi * 1.15]; } };
    if (chart.x.scale === 'category') return { time: false, range: function () { return [-0.5, n - 0.5]; } };
    var pad = n === 1 ? 1 : (hi - lo) / 20;
    return { time: false, range: function () { return [lo - pad, hi + pad]; } };
  }

  // a tick at every swept value, labelled as the value was written
  function xAxis(chart) {
    var step = Math.ceil(chart.x.values.length / 16);
    var shown = chart.x.values.filter(function (_, i) { return i % step === 0; });
    return {
      label: chart.xLabel,
      splits: function () { return shown; },
      values: function (u, splits) {
        return splits.map(function (v) { return chart.x.ticks[chart.x.values.indexOf(v)] || ''; });
      },
    };
  }

  function yLabels(u, splits) {
    return splits.map(function (v) {
      return Math.abs(v) >= 1e6 ? v.toPrecision(3).replace('+', '') : v.toLocaleString('en');
    });
  }

  function draw(chart) {
    var box = document.querySelector('[data-chart="' + chart.id + '"] .plot');
    var opts = {
      width: Math.max(320, Math.min(1100, box.clientWidth || 900)),
      height: 300,
      scales: { x: xScale(chart) },
      axes: [xAxis(chart), { label: chart.yLabel, size: 90, values: yLabels }],
      series: [{ label: chart.xLabel }].concat(chart.series.map(seriesOpts)),
      bands: chart.bands.map(function (b) {
        return { series: b, fill: colorOf(chart.series[b[0] - 1].group) + '22' };
      }),
    };
    new uPlot(opts, chart.data, box);
  }

  data.charts.forEach(draw);
  document.body.setAttribute('data-rendered', String(data.charts.length));
})();
`;
