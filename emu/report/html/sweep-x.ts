// SPDX-License-Identifier: GPL-2.0-only
/**
 * The x axis of a sweep's charts, from the first varied key's values as written: numbers are
 * placed at their value (in increasing order; on a base-2 logarithmic axis when each is at least
 * twice the one before, as CPU counts 1, 2, 4, 8 are), anything else (`1.5GHz`, `true`, two ways of
 * writing one number) is a category, at its position in the order given.
 */
export interface ChartX {
  readonly scale: 'linear' | 'log2' | 'category';
  /** uPlot's x column: the numbers, or the positions 0, 1, … of the categories */
  readonly values: readonly number[];
  /** the value as written, per column: the tick labels */
  readonly ticks: readonly string[];
}

/** A number as a scenario value is written: `4`, `-50`, `0.5`. */
const NUMBER = /^[-+]?\d+(\.\d+)?$/;

const doubling = (sorted: readonly number[]): boolean =>
  sorted.length >= 3 &&
  sorted[0]! > 0 &&
  sorted.every((v, k) => k === 0 || v >= 2 * sorted[k - 1]!);

export function chartX(written: readonly string[]): ChartX {
  const ticks = [...new Set(written)];
  const numbers = ticks.map(Number);
  const numeric = ticks.every((t) => NUMBER.test(t)) && new Set(numbers).size === numbers.length;
  if (!numeric) return { scale: 'category', values: ticks.map((_, k) => k), ticks };
  const order = ticks.map((_, k) => k).sort((a, b) => numbers[a]! - numbers[b]!);
  const values = order.map((k) => numbers[k]!);
  return {
    scale: doubling(values) ? 'log2' : 'linear',
    values,
    ticks: order.map((k) => ticks[k]!),
  };
}
