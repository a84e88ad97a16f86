// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { JsonlWriter } from '../../../emu/trace/jsonl.js';
import { Tracer } from '../../../emu/trace/tracer.js';

describe('JsonlWriter', () => {
  it('writes a versioned header first, then records with type and seq, bigints as strings', () => {
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
        version: 1,
        time_unit: 'fs',
        scenario: 'hpet-basic',
        seed: '1',
      },
      { type: 'irq', seq: 0, t: '18446744073709551617', cpu: 3, edge: 'enter' },
      { type: 'cpu', seq: 1, t: '5', cpu: 0, state: 'idle' },
    ]);
    expect(lines[1]!.startsWith('{"type":"irq","seq":0,')).toBe(true);
  });

  it('refuses header fields that would shadow the format', () => {
    expect(() => new JsonlWriter(() => {}, { version: 2 })).toThrow(/reserved/);
  });
});

describe('Tracer', () => {
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
