// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../../../../emu/report/html/downsample.js';
import { fc, test } from '../../../property-test.js';

/** A series with ascending x (integers, repeats allowed) and arbitrary integer y. */
const series = fc
  .array(fc.tuple(fc.nat(1000), fc.integer({ min: -1e6, max: 1e6 })), { maxLength: 400 })
  .map((pts) => {
    const x = pts.map((p) => p[0]).sort((a, b) => a - b);
    return { x, y: pts.map((p) => p[1]) };
  });

describe('downsampleMinMax', () => {
  it('keeps a single backward step among a million rising points', () => {
    const n = 1_000_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => (i === 654_321 ? -5 : i));
    const d = downsampleMinMax({ x, y }, 500);
    expect(d.x.length).toBeLessThanOrEqual(1000);
    expect(d.y).toContain(-5);
    expect(d.x[d.y.indexOf(-5)]).toBe(654_321);
    expect(Math.max(...d.y)).toBe(n - 1);
  });

  it('returns a series that fits unchanged', () => {
    const s = { x: [1, 2, 3], y: [5, -1, 4] };
    expect(downsampleMinMax(s, 2)).toEqual(s);
  });

  test.prop([series, fc.integer({ min: 1, max: 50 })])(
    'keeps at most two points per column, in order, and every column extreme',
    (s, columns) => {
      const d = downsampleMinMax(s, columns);
      expect(d.x.length).toBeLessThanOrEqual(Math.min(s.x.length, 2 * columns));
      // kept points are points of the input, x still ascending
      for (let i = 1; i < d.x.length; i++) expect(d.x[i]!).toBeGreaterThanOrEqual(d.x[i - 1]!);
      if (s.x.length === 0) return;
      expect(Math.min(...d.y)).toBe(Math.min(...s.y));
      expect(Math.max(...d.y)).toBe(Math.max(...s.y));
      // the extremes of every x value's neighbourhood survive: each input point lies within the
      // y range kept for its column, so no point falls outside the drawn envelope
      const x0 = s.x[0]!;
      const x1 = s.x[s.x.length - 1]!;
      const col = (x: number) =>
        x1 <= x0 ? 0 : Math.min(columns - 1, Math.floor(((x - x0) / (x1 - x0)) * columns));
      if (s.x.length <= 2 * columns) return;
      s.x.forEach((x, i) => {
        const kept = d.y.filter((_, j) => col(d.x[j]!) === col(x));
        expect(Math.min(...kept)).toBeLessThanOrEqual(s.y[i]!);
        expect(Math.max(...kept)).toBeGreaterThanOrEqual(s.y[i]!);
      });
    },
  );
});
