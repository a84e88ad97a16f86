// SPDX-License-Identifier: GPL-2.0-only
/**
 * The data a report page carries: each chart as uPlot's aligned columns (x first), and the exact
 * figures (expectations, the first monotonicity counterexample) as text, integers unrounded.
 */
import type { ScenarioReport } from '../json.js';
import { alignSeries } from './align.js';
import { MAX_CPU_SERIES, msOf, type ReportCollector } from './collector.js';
import { downsampleMinMax, type Series } from './downsample.js';

/** Plot columns per chart: points kept are at most twice this per series. */
export const COLUMNS = 1000;

export const CHART_IDS = [
  'error',
  'offset',
  'skips',
  'nsec-per-cyc',
  'stalls',
  'latency',
  'cmpxchg',
] as const;
export type ChartId = (typeof CHART_IDS)[number];

export interface ChartData {
  readonly id: ChartId;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly kind: 'line' | 'step' | 'points' | 'bars';
  readonly labels: readonly string[];
  /** x first, then one column per label */
  readonly data: readonly (readonly (number | null)[])[];
  /** bar charts: the text under each x (a histogram's bucket, a CPU) */
  readonly xTicks?: readonly string[];
  /** an x to mark with a vertical line (the first backward step), ms */
  readonly markX?: number;
}

export interface PageData {
  readonly scenario: string;
  readonly file: string;
  readonly seed: string;
  readonly endFs: string;
  readonly cpus: number;
  readonly passed: boolean;
  readonly expectations: readonly {
    key: string;
    expected: string;
    measured: string;
    pass: boolean;
  }[];
  readonly counterexample: null | {
    readonly clock: string;
    readonly earlier: Record<'cpu' | 'startFs' | 'endFs' | 'valueNs', string>;
    readonly later: Record<'cpu' | 'startFs' | 'endFs' | 'valueNs', string>;
    readonly backwardNs: string;
  };
  readonly charts: readonly ChartData[];
}

function lineChart(
  base: Omit<ChartData, 'data' | 'labels'>,
  named: readonly { label: string; s: Series }[],
): ChartData {
  const a = alignSeries(named.map((n) => downsampleMinMax(n.s, COLUMNS)));
  return { ...base, labels: named.map((n) => n.label), data: [a.x, ...a.ys] };
}

/** A step series held from 0 (at `first`) to the end of the run, so an empty one still draws. */
function heldSteps(s: Series, first: number | null, endMs: number): Series {
  const x = [...s.x];
  const y = [...s.y];
  if (first !== null) {
    x.unshift(0);
    y.unshift(first);
  }
  const last = y[y.length - 1];
  if (last !== undefined) {
    x.push(endMs);
    y.push(last);
  }
  return { x, y };
}

function errorSeries(c: ReportCollector): { label: string; s: Series }[] {
  if (c.cpus > MAX_CPU_SERIES) return [{ label: `all ${c.cpus} CPUs`, s: c.errorAll }];
  return c.errorByCpu.map((s, cpu) => ({ label: `CPU ${cpu}`, s }));
}

function histogramChart(
  id: ChartId,
  title: string,
  h: ReturnType<ReportCollector['latency']['buckets']>,
): ChartData {
  return {
    id,
    title,
    xLabel: 'ns (power-of-two buckets, lower bound)',
    yLabel: 'count',
    kind: 'bars',
    labels: ['count'],
    data: [h.counts.map((_, i) => i), h.counts],
    xTicks: h.lowNs,
  };
}

function cmpxchgChart(c: ReportCollector): ChartData {
  return {
    id: 'cmpxchg',
    title: 'last_cycle cmpxchg in get_counter, per CPU',
    xLabel: 'CPU',
    yLabel: 'cmpxchg',
    kind: 'bars',
    labels: ['attempts', 'failures'],
    data: [c.cmpxchgAttempts.map((_, i) => i), c.cmpxchgAttempts, c.cmpxchgFailures],
    xTicks: c.cmpxchgAttempts.map((_, i) => String(i)),
  };
}

function counterexample(r: ScenarioReport): PageData['counterexample'] {
  const ce = r.result.verdict.monotonicity.firstCounterexample;
  if (ce === null) return null;
  const ref = (x: typeof ce.earlier) => ({
    cpu: String(x.cpu),
    startFs: x.startFs.toString(),
    endFs: x.endFs.toString(),
    valueNs: x.valueNs.toString(),
  });
  return {
    clock: ce.clock,
    earlier: ref(ce.earlier),
    later: ref(ce.later),
    backwardNs: (ce.earlier.valueNs - ce.later.valueNs).toString(),
  };
}

export function pageData(r: ScenarioReport, c: ReportCollector): PageData {
  const ce = r.result.verdict.monotonicity.firstCounterexample;
  const time = { xLabel: 'simulated time (ms)' };
  const endMs = msOf(r.result.endFs);
  const charts: ChartData[] = [
    lineChart(
      {
        id: 'error',
        title: 'error against true time, per CPU (value − true time)',
        ...time,
        yLabel: 'ns',
        kind: 'points',
        ...(ce === null ? {} : { markX: msOf(ce.later.endFs) }),
      },
      errorSeries(c),
    ),
    lineChart(
      {
        id: 'offset',
        title: 'interpolator offset at each store (ticks)',
        ...time,
        yLabel: 'ns',
        kind: 'line',
      },
      [{ label: 'offset', s: c.offset }],
    ),
    lineChart(
      { id: 'skips', title: 'skips (cumulative)', ...time, yLabel: 'skips', kind: 'step' },
      [{ label: 'skips', s: heldSteps(c.skips, 0, endMs) }],
    ),
    lineChart(
      {
        id: 'nsec-per-cyc',
        title: 'nsec_per_cyc',
        ...time,
        yLabel: 'ns << shift per cycle',
        kind: 'step',
      },
      [{ label: 'nsec_per_cyc', s: heldSteps(c.nsecPerCyc, null, endMs) }],
    ),
    histogramChart(
      'stalls',
      'stalls: runs of equal values while true time advanced',
      c.stalls.buckets(),
    ),
    histogramChart('latency', 'read latency (workload call, start to end)', c.latency.buckets()),
    cmpxchgChart(c),
  ];
  return {
    scenario: r.result.scenario,
    file: r.file,
    seed: r.result.seed.toString(),
    endFs: r.result.endFs.toString(),
    cpus: c.cpus,
    passed: r.passed,
    expectations: r.expectations.map((e) => ({ ...e })),
    counterexample: counterexample(r),
    charts,
  };
}
