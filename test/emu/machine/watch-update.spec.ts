// SPDX-License-Identifier: GPL-2.0-only
/**
 * The update probe on hand-made operations of one time_interpolator_update call: the branch, the
 * stored offset and counter, the cycles and ns as GET_TI_NSECS makes them, delta_nsec read back.
 */
import { describe, expect, it } from 'vitest';
import type { UpdateRecord } from '../../../emu/base/trace-record.js';
import type { OpTimes } from '../../../emu/engine/executor.js';
import { UpdateProbe } from '../../../emu/machine/watch-update.js';
import type { Op } from '../../../interpolator/ops.js';

const ti = { offset: 0n };
const at = (startFs: bigint): OpTimes => ({
  startFs,
  endFs: startFs + 5n,
  startHi: 0,
  startLo: 0,
  endHi: 0,
  endLo: 0,
});
const load = (field: string): Op => ({ op: 'load', obj: ti, field }) as Op;
const store = (field: string, value: bigint): Op => ({ op: 'store', obj: ti, field, value }) as Op;

/** One call: offset 10 loaded, 100 → 150 cycles at 3 ns (shift 1: 1.5 ns per cycle), then stores. */
function call(stores: readonly [string, bigint][]): UpdateRecord[] {
  const out: UpdateRecord[] = [];
  const p = new UpdateProbe(new Set([ti]), 'ia64', (r) => out.push(r));
  p.enter(2, 1);
  const loads: [string, bigint][] = [
    ['offset', 10n],
    ['last_counter', 100n],
    ['mask', 0xffffn],
    ['nsec_per_cyc', 3n],
    ['shift', 1n],
    ['ns_skipped', 40n],
  ];
  let t = 100n;
  for (const [f, v] of loads) {
    t += 10n;
    p.op(2, 1, load(f), v, at(t));
  }
  p.op(2, 0, store('offset', 999n), undefined, at(t)); // another context: not this call's
  for (const [f, v] of stores) {
    t += 10n;
    p.op(2, 1, store(f, v), undefined, at(t));
  }
  p.exit(2, 1);
  return out;
}

describe('UpdateProbe', () => {
  it('a carry: offset = given - delta, so delta = given - offset', () => {
    const [r] = call([
      ['offset', 35n],
      ['last_counter', 150n],
    ]);
    // cycles 50, nsecs = 50 * 3 >> 1 = 75, given = 10 + 75 = 85
    expect(r).toEqual({
      type: 'update',
      t: 185n,
      start: 110n,
      cpu: 2,
      outcome: 'carry',
      offsetNs: 35n,
      counter: 150n,
      cycles: 50n,
      nsecs: 75n,
      deltaNs: 50n,
    });
  });

  it('a skip: ns_skipped grew by delta - given, offset 0', () => {
    const [r] = call([
      ['skips', 1n],
      ['ns_skipped', 60n],
      ['offset', 0n],
      ['last_counter', 150n],
    ]);
    expect([r?.outcome, r?.offsetNs, r?.deltaNs]).toEqual(['skip', 0n, 105n]);
  });

  it('no record when the call stored no last_counter (no interpolator)', () => {
    expect(call([])).toEqual([]);
  });
});
