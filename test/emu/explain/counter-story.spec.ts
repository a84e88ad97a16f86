// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { counterStory, passLines } from '../../../emu/explain/counter-story.js';
import type { Step } from '../../../emu/explain/steps.js';

const step = (kind: string, field: string, value: bigint, extra: Partial<Step> = {}): Step => ({
  kind,
  record: field === '' ? '' : 'ti',
  field,
  value,
  expected: null,
  proposed: null,
  ok: true,
  startFs: 0n,
  counterCall: 1,
  ...extra,
});

describe('counterStory', () => {
  it('tells a lost cmpxchg, then a won one, and returns the counter of the winning pass', () => {
    const s = counterStory(
      [
        step('load', 'last_cycle', 100n),
        step('cycles', '', 150n),
        step('cmpxchg', 'last_cycle', 140n, { ok: false, expected: 100n, proposed: 150n }),
        step('load', 'last_cycle', 140n),
        step('cycles', '', 160n),
        step('cmpxchg', 'last_cycle', 140n, { expected: 140n, proposed: 160n }),
      ],
      1,
    );
    expect(s.passes.map((p) => p.outcome)).toEqual(['lost', 'won']);
    expect(s.passes[0]!.found).toBe(140n);
    expect(s.count).toBe(160n);
    expect(passLines(s)[0]).toContain('another CPU had stored 140');
  });

  it('returns last_cycle when it is ahead of the counter: a stall', () => {
    const s = counterStory([step('load', 'last_cycle', 200n), step('cycles', '', 150n)], 1);
    expect(s.passes[0]!.outcome).toBe('stall');
    expect(s.count).toBe(200n);
    expect(passLines(s)[0]).toContain('50 cycles ahead');
  });

  it('uses the counter raw without jitter, and ignores other get_counter calls', () => {
    const s = counterStory(
      [
        step('mmio_read', '', 7n, { counterCall: 1 }),
        step('mmio_read', '', 9n, { counterCall: 2 }),
      ],
      2,
    );
    expect(s.passes).toEqual([{ lastCycle: null, counter: 9n, outcome: 'raw', found: null }]);
    expect(s.count).toBe(9n);
  });
});
