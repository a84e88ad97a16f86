// SPDX-License-Identifier: GPL-2.0-only
/**
 * Honest downsampling for plots: the x range is cut into `columns` equal columns (one per pixel)
 * and each column keeps its smallest and its largest point, in the order they came. A single
 * outlier (one backward step, one skip) therefore survives however long the run; only points
 * that lie between a column's extremes are dropped, and a line through the kept points covers
 * the same vertical extent in every column as one through all of them.
 */

export interface Series {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** Index of the column of `x` in [x0, x1] cut into `columns`. */
function columnOf(x: number, x0: number, x1: number, columns: number): number {
  if (x1 <= x0) return 0;
  const c = Math.floor(((x - x0) / (x1 - x0)) * columns);
  return c < 0 ? 0 : c >= columns ? columns - 1 : c;
}

/**
 * At most 2 · `columns` points of `s` (x ascending): per column its minimum and maximum y, first
 * occurrences, in input order. A series that already fits is returned as it is.
 */
export function downsampleMinMax(s: Series, columns: number): Series {
  const n = s.x.length;
  if (n <= 2 * columns || n === 0) return { x: [...s.x], y: [...s.y] };
  const x0 = s.x[0]!;
  const x1 = s.x[n - 1]!;
  const keep: number[] = [];
  let column = -1;
  let lo = 0;
  let hi = 0;
  const flush = (): void => {
    if (column < 0) return;
    if (lo === hi) keep.push(lo);
    else keep.push(Math.min(lo, hi), Math.max(lo, hi));
  };
  for (let i = 0; i < n; i++) {
    const c = columnOf(s.x[i]!, x0, x1, columns);
    if (c !== column) {
      flush();
      column = c;
      lo = i;
      hi = i;
    } else {
      if (s.y[i]! < s.y[lo]!) lo = i;
      if (s.y[i]! > s.y[hi]!) hi = i;
    }
  }
  flush();
  return { x: keep.map((i) => s.x[i]!), y: keep.map((i) => s.y[i]!) };
}
