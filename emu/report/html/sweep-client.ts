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

  // where each x column is drawn: a log2 axis is a linear one over the logarithms
  function xPositions(chart) {
    return chart.x.scale === 'log2' ? chart.x.values.map(Math.log2) : chart.x.values;
  }

  // a margin around the first and last values, so that their points are whole (half a
  // category's width)
  function xScale(chart, xs) {
    var lo = xs[0], hi = xs[xs.length - 1];
    var pad = chart.x.scale === 'category' || hi === lo ? 0.5 : (hi - lo) / 20;
    return { time: false, range: function () { return [lo - pad, hi + pad]; } };
  }

  // a tick at every swept value (at most 16), labelled as the value was written
  function xAxis(chart, xs) {
    var step = Math.ceil(xs.length / 16);
    var shown = xs.filter(function (_, i) { return i % step === 0; });
    return {
      label: chart.xLabel,
      splits: function () { return shown; },
      values: function (u, splits) {
        return splits.map(function (v) { return chart.x.ticks[xs.indexOf(v)] || ''; });
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
    var xs = xPositions(chart);
    var opts = {
      width: Math.max(320, Math.min(1100, box.clientWidth || 900)),
      height: 300,
      scales: { x: xScale(chart, xs) },
      axes: [xAxis(chart, xs), { label: chart.yLabel, size: 90, values: yLabels }],
      series: [{ label: chart.xLabel }].concat(chart.series.map(seriesOpts)),
      bands: chart.bands.map(function (b) {
        return { series: b, fill: colorOf(chart.series[b[0] - 1].group) + '22' };
      }),
    };
    new uPlot(opts, [xs].concat(chart.data.slice(1)), box);
  }

  data.charts.forEach(draw);
  document.body.setAttribute('data-rendered', String(data.charts.length));
})();
`;
