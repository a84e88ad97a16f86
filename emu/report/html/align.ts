// SPDX-License-Identifier: GPL-2.0-only
/**
 * Series with x values of their own, put on one shared x axis as uPlot draws them: the union of
 * the x values, ascending, and for each series its y at those of its own x values, null elsewhere
 * (a gap the plot spans). Where one series has one x twice (two reads ending together), each
 * occurrence gets its own row.
 */
import type { Series } from './downsample.js';

export interface Aligned {
  readonly x: number[];
  readonly ys: (number | null)[][];
}

export function alignSeries(series: readonly Series[]): Aligned {
  const x: number[] = [];
  const ys: (number | null)[][] = series.map(() => []);
  const at = series.map(() => 0);
  for (;;) {
    let next = Number.POSITIVE_INFINITY;
    let from = -1;
    series.forEach((s, i) => {
      const v = s.x[at[i]!];
      if (v !== undefined && v < next) {
        next = v;
        from = i;
      }
    });
    if (from < 0) return { x, ys };
    x.push(next);
    series.forEach((s, i) => {
      const take = i === from;
      ys[i]!.push(take ? s.y[at[i]!]! : null);
      if (take) at[i]!++;
    });
  }
}
