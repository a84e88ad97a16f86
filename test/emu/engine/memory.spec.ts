// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { Memory } from '../../../emu/engine/memory.js';
import { fc, test } from '../../property-test.js';

describe('Memory', () => {
  it('loads, stores and compare-exchanges fields of plain records', () => {
    const m = new Memory(2);
    const rec = { a: 1n, p: null as object | null };
    expect(m.load(0, rec, 'a')).toBe(1n);
    m.store(0, rec, 'a', 5n);
    expect(rec.a).toBe(5n);
    expect(m.cmpxchg(1, rec, 'a', 4n, 9n)).toBe(5n);
    expect(rec.a).toBe(5n);
    expect(m.cmpxchg(1, rec, 'a', 5n, 9n)).toBe(5n);
    expect(rec.a).toBe(9n);
    const other = {};
    expect(m.cmpxchg(0, rec, 'p', null, other)).toBe(null);
    expect(rec.p).toBe(other);
  });

  it('charges no transfer for a line nobody wrote, nor for the writer reading its own line', () => {
    const m = new Memory(2);
    const rec = { a: 0n };
    m.load(1, rec, 'a');
    expect(m.lastTransfer).toBe(false);
    m.store(0, rec, 'a', 1n);
    expect(m.lastTransfer).toBe(false);
    m.load(0, rec, 'a');
    expect(m.lastTransfer).toBe(false);
    expect(m.stats(rec).transfers).toBe(0);
  });

  it('a load by another CPU than the writer pays one transfer, then shares the line', () => {
    const m = new Memory(3);
    const rec = { a: 0n };
    m.store(0, rec, 'a', 1n);
    m.load(1, rec, 'a');
    expect(m.lastTransfer).toBe(true);
    m.load(1, rec, 'a');
    expect(m.lastTransfer).toBe(false);
    m.load(2, rec, 'a');
    expect(m.lastTransfer).toBe(true);
    m.load(0, rec, 'a');
    expect(m.lastTransfer).toBe(false);
    expect(m.stats(rec)).toEqual({ name: 'line#0', transfers: 2, writer: 0 });
  });

  it('a store or cmpxchg takes the line exclusive: later loads elsewhere pay again', () => {
    const m = new Memory(2);
    const rec = { a: 0n };
    m.store(0, rec, 'a', 1n);
    m.load(1, rec, 'a'); // transfer, shared
    m.cmpxchg(1, rec, 'a', 1n, 2n); // upgrade from shared: free
    expect(m.lastTransfer).toBe(false);
    m.cmpxchg(0, rec, 'a', 0n, 3n); // failed, still takes the line: transfer
    expect(m.lastTransfer).toBe(true);
    m.load(1, rec, 'a');
    expect(m.lastTransfer).toBe(true);
    expect(m.stats(rec).transfers).toBe(3);
  });

  it('names lines for statistics; naming after first touch is refused', () => {
    const m = new Memory(1);
    const a = {};
    const b = {};
    m.name(a, 'xtime_lock');
    expect(m.nameOf(a)).toBe('xtime_lock');
    expect(m.nameOf(b)).toBe('line#0');
    expect(() => m.name(b, 'late')).toThrow();
  });

  // Model: a transfer is charged iff the accessing CPU has no valid copy and the last writer is
  // another CPU; valid copies: the writer's after a write, plus every CPU that loaded since. Three
  // lines, so that a line held by one CPU, by several and by none are all exercised.
  const access = fc.tuple(fc.nat(5), fc.nat(2), fc.constantFrom('load', 'store', 'cmpxchg'));
  test.prop([fc.array(access, { minLength: 20, maxLength: 80, size: 'max' })], { numRuns: 200 })(
    'charges transfers as the ownership model says',
    (accesses) => {
      const m = new Memory(6);
      const recs = [{ v: 0n }, { v: 0n }, { v: 0n }];
      const model = recs.map(() => ({ writer: -1, valid: new Set<number>(), transfers: 0 }));
      for (const [cpu, r, kind] of accesses) {
        const line = model[r]!;
        const pays = !line.valid.has(cpu) && line.writer >= 0 && line.writer !== cpu;
        if (kind === 'load') {
          m.load(cpu, recs[r]!, 'v');
          line.valid.add(cpu);
        } else {
          if (kind === 'store') m.store(cpu, recs[r]!, 'v', 1n);
          else m.cmpxchg(cpu, recs[r]!, 'v', 0n, 1n);
          line.writer = cpu;
          line.valid = new Set([cpu]);
        }
        expect(m.lastTransfer).toBe(pays);
        if (pays) line.transfers++;
      }
      for (const [r, rec] of recs.entries())
        expect(m.stats(rec).transfers).toBe(model[r]!.transfers);
    },
  );
});
