// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { exactReplacer } from '../../../emu/base/json-integer.js';
import { JsonlWriter } from '../../../emu/trace/jsonl.js';
import { Tracer } from '../../../emu/trace/tracer.js';
import { fc, test } from '../../property-test.js';

describe('JsonlWriter', () => {
  it('writes a versioned header first, then records with type and seq, integers exact', () => {
    let out = '';
    const w = new JsonlWriter((c) => (out += c), { scenario: 'hpet-basic', seed: 1n });
    w.record({ type: 'irq', t: 2n ** 64n + 1n, cpu: 3, edge: 'enter' });
    w.record({ type: 'cpu', t: 5n, cpu: 0, state: 'idle' });
    w.end();
    const lines = out.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual([
      {
        type: 'header',
        format: 'timer-emu-trace',
        version: 2,
        time_unit: 'fs',
        scenario: 'hpet-basic',
        seed: 1,
      },
      { type: 'irq', seq: 0, t: '18446744073709551617', cpu: 3, edge: 'enter' },
      { type: 'cpu', seq: 1, t: 5, cpu: 0, state: 'idle' },
    ]);
    expect(lines[1]!.startsWith('{"type":"irq","seq":0,')).toBe(true);
  });

  it('writes a read record exactly as the generic path would, big values as strings', () => {
    let out = '';
    const w = new JsonlWriter((c) => (out += c));
    const read = {
      type: 'read',
      t: 2n ** 60n,
      start: 7n,
      cpu: 1,
      call: 'gettimeofday',
      clock: 'realtime',
      valueNs: -3n,
      trueNs: 2n ** 53n,
      errorNs: -(2n ** 53n) - 3n,
    } as const;
    w.record(read);
    const line = out.split('\n')[1]!;
    const { type, ...rest } = read;
    const generic = JSON.stringify({ type, seq: 0, ...rest }, (_k, v) =>
      typeof v === 'bigint'
        ? v > 2n ** 53n - 1n || v < 1n - 2n ** 53n
          ? v.toString()
          : Number(v)
        : v,
    );
    expect(line).toBe(generic);
    expect(JSON.parse(line)).toMatchObject({ t: '1152921504606846976', start: 7, valueNs: -3 });
  });

  test.prop([
    fc.bigInt({ min: 0n, max: 1n << 70n }),
    fc.bigInt({ min: 0n, max: 1n << 70n }),
    fc.nat(1023),
    fc.constantFrom('load', 'store', 'cmpxchg', 'mmio_read', 'cycles', 'cpu_relax'),
    fc.string(),
    fc.string(),
    fc.boolean(),
    fc.boolean(),
  ])(
    "writes an op record exactly as the generic path would (the executor's field order)",
    (t, end, cpu, op, target, value, ok, transfer) => {
      let out = '';
      const w = new JsonlWriter((c) => (out += c));
      const record = { type: 'op', t, end, cpu, op, target, value, ok, transfer } as const;
      w.record(record);
      const { type, ...rest } = record;
      expect(out.split('\n')[1]).toBe(JSON.stringify({ type, seq: 0, ...rest }, exactReplacer));
    },
  );

  it('refuses header fields that would shadow the format', () => {
    expect(() => new JsonlWriter(() => {}, { version: 2 })).toThrow(/reserved/);
  });
});

describe('Tracer', () => {
  it('turns on only the sources its sinks take, and routes each record by kind', () => {
    const seen: string[] = [];
    const reads = {
      kinds: new Set(['read'] as const),
      record: (r: { type: string }) => seen.push(r.type),
      end: () => {},
    };
    const t = new Tracer([reads]);
    expect(t.on).toBe(false);
    expect(t.domain).toBe(true);
    t.emit({ type: 'cpu', t: 0n, cpu: 0, state: 'run' });
    t.emit({ type: 'skip', t: 1n, cpu: 0, nsSkipped: 3n });
    t.emit({
      type: 'read',
      t: 2n,
      start: 1n,
      cpu: 0,
      call: 'getnstimeofday',
      clock: 'realtime',
      valueNs: 5n,
      trueNs: 7n,
      errorNs: -2n,
    });
    expect(seen).toEqual(['read']);
  });

  it('is off with no sink and fans records out to every sink', () => {
    expect(new Tracer().on).toBe(false);
    const seen: string[] = [];
    const sink = (name: string) => ({
      record: (r: { type: string }) => seen.push(`${name}:${r.type}`),
      end: () => seen.push(`${name}:end`),
    });
    const t = new Tracer([sink('a'), sink('b')]);
    expect(t.on).toBe(true);
    t.emit({ type: 'cpu', t: 0n, cpu: 0, state: 'run' });
    t.end();
    expect(seen).toEqual(['a:cpu', 'b:cpu', 'a:end', 'b:end']);
  });
});
