// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { HPET_QUIRK_NAMES, hpetQuirksFromNames } from '../../../devices/hpet/hpet.config.js';

describe('hpetQuirksFromNames', () => {
  it('maps every scenario quirk name to its policy, with documented defaults', () => {
    expect(hpetQuirksFromNames([...HPET_QUIRK_NAMES])).toEqual({
      split64BitRead: { gapFs: 1_000_000_000n },
      periodInPs: true,
      lateComparator: { maxTicks: 2n },
    });
    expect(hpetQuirksFromNames([])).toEqual({});
    expect(
      hpetQuirksFromNames(['late-comparator'], { lateMaxTicks: 1n, valSet: 'two-writes' }),
    ).toEqual({ lateComparator: { maxTicks: 1n }, valSet: 'two-writes' });
  });

  it('names the unknown quirk', () => {
    expect(() => hpetQuirksFromNames(['smm-all-ones'])).toThrow(/smm-all-ones/);
  });
});
