// SPDX-License-Identifier: GPL-2.0-only
/**
 * The script the report page runs: draws each chart of the page's data (a JSON block) with
 * uPlot, inlined before it. Plain ES2017 in a string: it runs in the browser, not in Node.
 */
export const CLIENT_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

  function seriesOpts(chart, i) {
    var color = COLORS[i % COLORS.length];
    var s = { label: chart.labels[i], stroke: color, spanGaps: true, width: 1 };
    if (chart.kind === 'points') {
      s.paths = function () { return null; };
      s.points = { show: true, size: 3, fill: color, stroke: color };
    } else if (chart.kind === 'step') {
      s.paths = uPlot.paths.stepped({ align: 1 });
    } else if (chart.kind === 'bars') {
      s.paths = uPlot.paths.bars({ size: [0.8 / chart.labels.length, 60], align: chart.labels.length === 1 ? 0 : i === 0 ? -1 : 1 });
      s.fill = color;
      s.points = { show: false };
    }
    return s;
  }

  function markHook(chart) {
    return function (u) {
      if (chart.markX === undefined) return;
      var cx = u.valToPos(chart.markX, 'x', true);
      var ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = '#d62728';
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(cx, u.bbox.top);
      ctx.lineTo(cx, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.restore();
    };
  }

  function xAxis(chart) {
    var a = { label: chart.xLabel };
    if (chart.xTicks) {
      var step = Math.ceil(chart.data[0].length / 16);
      a.splits = function () { return chart.data[0].filter(function (_, i) { return i % step === 0; }); };
      a.values = function (u, splits) {
        return splits.map(function (v) { return chart.xTicks[v] || ''; });
      };
    }
    return a;
  }

  // bars stand on 0 and every category, the first and last included, gets its full width
  function barScales(chart) {
    var n = chart.data[0].length;
    return {
      x: { time: false, range: function () { return [-0.5, n - 0.5]; } },
      y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.05 : 1]; } },
    };
  }

  // up to a million in full; beyond, 3 significant digits with the power of ten (labels only)
  function yValues(u, splits) {
    return splits.map(function (v) {
      return Math.abs(v) < 1e6 ? v.toLocaleString('en') : v.toPrecision(3).replace('+', '');
    });
  }

  function draw(chart) {
    var box = document.querySelector('[data-chart="' + chart.id + '"] .plot');
    var width = Math.max(320, Math.min(1100, box.clientWidth || 900));
    var opts = {
      width: width,
      height: 280,
      scales: chart.kind === 'bars' ? barScales(chart) : { x: { time: false } },
      axes: [xAxis(chart), { label: chart.yLabel, size: 90, values: yValues }],
      series: [{ label: chart.xLabel }].concat(chart.labels.map(function (_, i) { return seriesOpts(chart, i); })),
      hooks: { draw: [markHook(chart)] },
    };
    new uPlot(opts, chart.data, box);
  }

  data.charts.forEach(draw);
  document.body.setAttribute('data-rendered', String(data.charts.length));
})();
`;
