// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { alignSeries } from '../../../../emu/report/html/align.js';

describe('alignSeries', () => {
  it('puts series on the union of their x values, null where a series has no point', () => {
    const a = alignSeries([
      { x: [1, 3], y: [10, 30] },
      { x: [2, 3, 3], y: [20, 31, 32] },
    ]);
    expect(a.x).toEqual([1, 2, 3, 3, 3]);
    expect(a.ys).toEqual([
      [10, null, 30, null, null],
      [null, 20, null, 31, 32],
    ]);
  });

  it('aligns nothing to nothing', () => {
    expect(alignSeries([{ x: [], y: [] }])).toEqual({ x: [], ys: [[]] });
  });
});
