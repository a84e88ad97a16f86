// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { Log2Histogram } from '../../../../emu/report/html/histogram.js';

describe('Log2Histogram', () => {
  it('counts 0 apart and each value in [2^k, 2^(k+1))', () => {
    const h = new Log2Histogram();
    for (const ns of [0n, 1n, 2n, 3n, 4n, 7n, 8n, 1n << 50n]) h.add(ns);
    const b = h.buckets();
    expect(b.lowNs.slice(0, 5)).toEqual(['0', '1', '2', '4', '8']);
    expect(b.counts.slice(0, 5)).toEqual([1, 1, 2, 2, 1]);
    expect(b.lowNs.at(-1)).toBe((1n << 50n).toString());
    expect(b.counts.at(-1)).toBe(1);
    expect(b.counts.reduce((s, c) => s + c, 0)).toBe(8);
  });
});
