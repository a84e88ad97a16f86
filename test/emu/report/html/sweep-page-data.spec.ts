// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import {
  median,
  plotValue,
  type SweepDocument,
  sweepPageData,
} from '../../../../emu/report/html/sweep-page-data.js';
import { fc, test } from '../../../property-test.js';

/** A sweep of `cpus` × `hz` with `seeds` seeds; reads from the CPUs, hz and seed; an error beyond 2^53. */
function doc(cpus: readonly string[], hz: readonly string[], seeds = 2): SweepDocument {
  const points: SweepDocument['points'][number][] = [];
  for (const c of cpus)
    for (const h of hz)
      for (let s = 1; s <= seeds; s++)
        points.push({
          values: { 'machine.cpus': c, 'kernel.hz': h },
          seed: String(s),
          figures: {
            passed: s === 1,
            reads: Number.parseInt(c, 10) * 100 + s * (h === '1000' ? 10 : 1),
            max_abs_error_ns: '9007199254740993',
            max_stall_ns: `${s}.5`,
          },
        });
  return {
    scenario: 'x',
    vary: [
      { key: 'machine.cpus', values: [...cpus] },
      { key: 'kernel.hz', values: [...hz] },
    ],
    figures: ['passed', 'reads', 'max_abs_error_ns', 'max_stall_ns'],
    points,
  };
}

describe('sweepPageData', () => {
  const d = sweepPageData(doc(['4', '1', '2'], ['100', '1000']), { reads: 'completed reads' });

  it('charts every numeric figure, titled by its description; booleans stay in the table', () => {
    expect(d.charts.map((c) => c.id)).toEqual(['reads', 'max_abs_error_ns', 'max_stall_ns']);
    expect(d.charts[0]!.title).toBe('reads: completed reads');
    expect(d.unplotted).toEqual(['passed']);
    expect(d.seedsPerPoint).toBe(2);
    expect(d.complete).toBe(true);
  });

  it('puts numbers on the x axis at their value, the ticks as written', () => {
    const x = d.charts[0]!.x;
    expect(x).toEqual({ scale: 'log2', values: [1, 2, 4], ticks: ['1', '2', '4'] });
    expect(d.charts[0]!.xLabel).toBe('machine.cpus');
  });

  it('draws per combination of the other keys the median, max and min over the seeds', () => {
    const reads = d.charts[0]!;
    expect(reads.series.map((s) => [s.label, s.group, s.role])).toEqual([
      ['kernel.hz=100 median', 0, 'median'],
      ['kernel.hz=100 max', 0, 'max'],
      ['kernel.hz=100 min', 0, 'min'],
      ['kernel.hz=1000 median', 1, 'median'],
      ['kernel.hz=1000 max', 1, 'max'],
      ['kernel.hz=1000 min', 1, 'min'],
    ]);
    expect(reads.data).toEqual([
      [1, 2, 4],
      [101.5, 201.5, 401.5],
      [102, 202, 402],
      [101, 201, 401],
      [115, 215, 415],
      [120, 220, 420],
      [110, 210, 410],
    ]);
    expect(reads.bands).toEqual([
      [2, 3],
      [5, 6],
    ]);
  });

  it('keeps the document as it is: exact integers beyond 2^53, decimals as written', () => {
    const doc0 = doc(['1'], ['100']);
    const page = sweepPageData(doc0);
    expect(page.document).toBe(doc0);
    expect(JSON.parse(JSON.stringify(page)).document.points[0].figures).toEqual({
      passed: true,
      reads: 101,
      max_abs_error_ns: '9007199254740993',
      max_stall_ns: '1.5',
    });
  });

  it('one seed: one line per group, no band', () => {
    const one = sweepPageData(doc(['1', '2'], ['100'], 1));
    expect(one.charts[0]!.series).toEqual([{ label: 'kernel.hz=100', group: 0, role: 'value' }]);
    expect(one.charts[0]!.data).toEqual([
      [1, 2],
      [101, 201],
    ]);
    expect(one.charts[0]!.bands).toEqual([]);
  });

  it('values that are not numbers are categories in the order given', () => {
    const c = sweepPageData(doc(['2GHz', '1GHz'], ['100'], 1)).charts[0]!;
    expect(c.x).toEqual({ scale: 'category', values: [0, 1], ticks: ['2GHz', '1GHz'] });
    expect(c.data[1]).toEqual([201, 101]);
  });

  it('a run missing from an incomplete sweep leaves a gap', () => {
    const full = doc(['1', '2'], ['100'], 1);
    const cut = { ...full, complete: false, points: full.points.slice(0, 1) };
    const page = sweepPageData(cut);
    expect(page.complete).toBe(false);
    expect(page.charts[0]!.data).toEqual([
      [1, 2],
      [101, null],
    ]);
  });

  it('no point: nothing to plot', () => {
    const page = sweepPageData({ ...doc(['1'], ['100']), points: [] });
    expect(page.charts).toEqual([]);
    expect(page.unplotted).toEqual(['passed', 'reads', 'max_abs_error_ns', 'max_stall_ns']);
  });
});

describe('plotValue', () => {
  it.each([
    [3, 3],
    ['-12.25', -12.25],
    ['18446744073709551616', 2 ** 64],
    [true, null],
    ['1e3', null],
    ['', null],
    [undefined, null],
    [Number.NaN, null],
  ] as const)('%s → %s', (v, plotted) => expect(plotValue(v)).toBe(plotted));
});

describe('median', () => {
  test.prop([fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 30 })])(
    'has as many values at or below it as at or above it',
    (values) => {
      const sorted = [...values].sort((a, b) => a - b);
      const m = median(sorted);
      const below = sorted.filter((v) => v <= m).length;
      const above = sorted.filter((v) => v >= m).length;
      expect(below * 2).toBeGreaterThanOrEqual(sorted.length);
      expect(above * 2).toBeGreaterThanOrEqual(sorted.length);
      expect(m).toBeGreaterThanOrEqual(sorted[0]!);
      expect(m).toBeLessThanOrEqual(sorted[sorted.length - 1]!);
    },
  );
});
