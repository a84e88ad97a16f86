// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { costTable, DEFAULT_COSTS } from '../../../emu/base/costs.js';

describe('costTable', () => {
  it('returns the defaults with overrides applied', () => {
    expect(costTable()).toEqual(DEFAULT_COSTS);
    expect(costTable({ cache_line_transfer: 0, load: 3 })).toMatchObject({
      cache_line_transfer: 0,
      load: 3,
      store: DEFAULT_COSTS.store,
    });
  });

  it('refuses costs that are not whole cycles, or zero where time must advance', () => {
    expect(() => costTable({ load: 0 })).toThrow(/load/);
    expect(() => costTable({ cpu_relax: 1.5 })).toThrow(/cpu_relax/);
    expect(() => costTable({ cache_line_transfer: -1 })).toThrow(/cache_line_transfer/);
  });
});
