// SPDX-License-Identifier: GPL-2.0-only
/**
 * The data of a sweep's page (docs/scale-out.md): per numeric figure, a chart of the figure
 * against the first varied key, one line per combination of the other keys' values; with several
 * seeds per point, the line is the median over the seeds and a band spans their minimum and
 * maximum. The sweep's document is carried as it is, so the table shows its exact figures.
 */
import { type ChartX, chartX } from './sweep-x.js';

export type SweepFigureValue = string | number | boolean;

/** A sweep's `--json` document (`format: "timer-emu-sweep"`), or `merge`'s of its shards, parsed. */
export interface SweepDocument {
  readonly scenario: string;
  /** false when a signal stopped the sweep: the runs so far */
  readonly complete?: boolean;
  readonly vary: readonly { readonly key: string; readonly values: readonly string[] }[];
  readonly figures: readonly string[];
  readonly points: readonly {
    readonly values: Readonly<Record<string, string>>;
    /** a decimal string, as in the document */
    readonly seed: string;
    readonly figures: Readonly<Record<string, SweepFigureValue>>;
  }[];
}

/** A chart's line: a value per x (`value`, one seed), or the median and extremes over seeds. */
export interface SweepSeries {
  readonly label: string;
  /** the combination of the other keys' values, from 0 (its colour) */
  readonly group: number;
  readonly role: 'value' | 'median' | 'min' | 'max';
}

export interface SweepChart {
  /** the figure's name */
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: ChartX;
  readonly series: readonly SweepSeries[];
  /** uPlot's columns: x first, then one per series; null where no run has the figure */
  readonly data: readonly (readonly (number | null)[])[];
  /** uPlot's series indices (x is 0) of each group's band: [max, min] */
  readonly bands: readonly (readonly [number, number])[];
}

export interface SweepPageData {
  readonly scenario: string;
  readonly complete: boolean;
  /** the most runs of one point (the seeds per point of a complete sweep) */
  readonly seedsPerPoint: number;
  readonly charts: readonly SweepChart[];
  /** the figures that are not numbers (`passed`): in the table only */
  readonly unplotted: readonly string[];
  readonly document: SweepDocument;
}

/** A figure's value as written exactly in the document: a JSON number or a decimal string. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The value to plot (a float: charts only), or null when the figure is not a number. */
export function plotValue(v: SweepFigureValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && DECIMAL.test(v)) return Number(v);
  return null;
}

const isNumeric = (d: SweepDocument, figure: string): boolean =>
  d.points.length > 0 && d.points.every((p) => plotValue(p.figures[figure]) !== null);

/** The combinations of the other keys' values, in the order the sweep runs them. */
function groupsOf(d: SweepDocument): { labels: string[]; of: (p: SweepPoint) => number } {
  const others = d.vary.slice(1);
  const keyOf = (values: Readonly<Record<string, string>>) =>
    others.map((v) => `${v.key}=${values[v.key] ?? ''}`).join(' ');
  const index = new Map<string, number>();
  for (const p of d.points) {
    const key = keyOf(p.values);
    if (!index.has(key)) index.set(key, index.size);
  }
  return { labels: [...index.keys()], of: (p) => index.get(keyOf(p.values))! };
}

type SweepPoint = SweepDocument['points'][number];

/** The median of sorted values (the mean of the middle two for an even count). */
export function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Per group, per x column: the figure's values over the seeds, sorted. */
function cells(
  d: SweepDocument,
  figure: string,
  x: ChartX,
  groupOf: (p: SweepPoint) => number,
  groups: number,
): number[][][] {
  const out = Array.from({ length: groups }, () => x.values.map((): number[] => []));
  const firstKey = d.vary[0]!.key;
  const columnOf = new Map(x.ticks.map((t, k) => [t, k]));
  for (const p of d.points) {
    const column = columnOf.get(p.values[firstKey] ?? '');
    const v = plotValue(p.figures[figure]);
    if (column !== undefined && v !== null) out[groupOf(p)]![column]!.push(v);
  }
  for (const g of out) for (const c of g) c.sort((a, b) => a - b);
  return out;
}

function chartOf(
  d: SweepDocument,
  figure: string,
  describe: Readonly<Record<string, string>>,
  x: ChartX,
  banded: boolean,
): SweepChart {
  const groups = groupsOf(d);
  const byGroup = cells(d, figure, x, groups.of, groups.labels.length);
  const series: SweepSeries[] = [];
  const data: (number | null)[][] = [x.values.slice()];
  const bands: [number, number][] = [];
  const pick = (g: number, f: (c: number[]) => number) =>
    byGroup[g]!.map((c) => (c.length === 0 ? null : f(c)));
  for (const [g, label] of groups.labels.entries()) {
    if (!banded) {
      series.push({ label: label === '' ? figure : label, group: g, role: 'value' });
      data.push(pick(g, (c) => c[0]!));
      continue;
    }
    series.push(
      { label: `${label} median`.trim(), group: g, role: 'median' },
      { label: `${label} max`.trim(), group: g, role: 'max' },
      { label: `${label} min`.trim(), group: g, role: 'min' },
    );
    data.push(
      pick(g, median),
      pick(g, (c) => c[c.length - 1]!),
      pick(g, (c) => c[0]!),
    );
    bands.push([series.length - 1, series.length]);
  }
  const title = describe[figure];
  return {
    id: figure,
    title: title === undefined ? figure : `${figure}: ${title}`,
    xLabel: d.vary[0]!.key,
    yLabel: figure,
    x,
    series,
    data,
    bands,
  };
}

/** The most runs of any one point. */
function seedsPerPoint(d: SweepDocument): number {
  const runs = new Map<string, number>();
  let most = 0;
  for (const p of d.points) {
    const key = JSON.stringify(d.vary.map((v) => p.values[v.key]));
    const n = (runs.get(key) ?? 0) + 1;
    runs.set(key, n);
    most = Math.max(most, n);
  }
  return most;
}

/** `describe`: a sentence per figure name, for the chart titles. */
export function sweepPageData(
  d: SweepDocument,
  describe: Readonly<Record<string, string>> = {},
): SweepPageData {
  const seeds = seedsPerPoint(d);
  const numeric = d.vary.length === 0 ? [] : d.figures.filter((f) => isNumeric(d, f));
  const x = d.vary.length === 0 ? null : chartX(d.vary[0]!.values);
  return {
    scenario: d.scenario,
    complete: d.complete !== false,
    seedsPerPoint: seeds,
    charts: x === null ? [] : numeric.map((f) => chartOf(d, f, describe, x, seeds > 1)),
    unplotted: d.figures.filter((f) => !numeric.includes(f)),
    document: d,
  };
}
