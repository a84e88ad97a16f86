// SPDX-License-Identifier: GPL-2.0-only
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { VcdWriter, vcdId } from '../../../emu/trace/vcd.js';
import { VcdTraceSink } from '../../../emu/trace/vcd-sink.js';

describe('vcdId', () => {
  it('counts in base 94 over printable ASCII', () => {
    expect(vcdId(0)).toBe('!');
    expect(vcdId(93)).toBe('~');
    expect(vcdId(94)).toBe('!"');
  });
  test.prop([fc.nat(1_000_000), fc.nat(1_000_000)])('is injective and printable', (a, b) => {
    expect(vcdId(a) === vcdId(b)).toBe(a === b);
    expect(/^[!-~]+$/.test(vcdId(a))).toBe(true);
  });
});

describe('VcdWriter', () => {
  it('writes the header, initial values, and changes merged in time order', () => {
    let out = '';
    const w = new VcdWriter((c) => (out += c), { date: '2025-01-01', version: 'timer-emu 0.1.0' });
    const ctr = w.declare('hpet0', 'counter_sampled', 'wire', 64);
    const irq = w.declare('hpet0', 't0_irq', 'wire', 1);
    const val = w.declare('cpu0', 'read_value', 'wire', 64);
    const off = w.declare('cpu1', 'offset_ns', 'real', 64);
    w.change(1_600_000_000n, val, 22n);
    w.change(1_000_000_000n, ctr, 14n);
    w.change(1_000_000_999n, val, 14n);
    w.change(1_500_000_000n, irq, true);
    w.flushBefore(1_200_000_000n);
    w.change(1_200_000_000n, off, -220.5);
    w.end();
    expect(out).toBe(
      [
        '$date 2025-01-01 $end',
        '$version timer-emu 0.1.0 $end',
        '$timescale 1 ps $end',
        '$scope module machine $end',
        '$scope module hpet0 $end',
        '$var wire 64 ! counter_sampled [63:0] $end',
        '$var wire 1 " t0_irq $end',
        '$upscope $end',
        '$scope module cpu0 $end',
        '$var wire 64 # read_value [63:0] $end',
        '$upscope $end',
        '$scope module cpu1 $end',
        '$var real 64 $ offset_ns $end',
        '$upscope $end',
        '$upscope $end',
        '$enddefinitions $end',
        '#0',
        '$dumpvars',
        'b0 !',
        '0"',
        'b0 #',
        'r0 $',
        '$end',
        '#1000000',
        'b1110 !',
        'b1110 #',
        '#1200000',
        'r-220.5 $',
        '#1500000',
        '1"',
        '#1600000',
        'b10110 #',
        '',
      ].join('\n'),
    );
  });

  it('refuses a change before what was already written, and late declarations', () => {
    const w = new VcdWriter(() => {});
    const a = w.declare('m', 'a', 'wire', 8);
    w.change(5000n, a, 1n);
    w.flushBefore(6000n);
    expect(() => w.change(4000n, a, 2n)).toThrow(/after/);
    expect(() => w.declare('m', 'b', 'wire', 1)).toThrow(/declarations/);
  });

  test.prop([
    fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 7n }), fc.nat(2)), { maxLength: 60 }),
  ])('#t lines strictly increase whatever the arrival order before a flush', (changes) => {
    let out = '';
    const w = new VcdWriter((c) => (out += c));
    const ids = [
      w.declare('a', 'x', 'wire', 8),
      w.declare('b', 'y', 'wire', 8),
      w.declare('c', 'z', 'wire', 1),
    ];
    for (const [t, i] of changes) w.change(t, ids[i]!, 1n);
    w.end();
    const times = out
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => BigInt(l.slice(1)));
    for (let i = 1; i < times.length; i++) expect(times[i]! > times[i - 1]!).toBe(true);
  });
});

describe('VcdTraceSink', () => {
  it('declares the scopes cpuN, interpolator, kernel and one per device', () => {
    let out = '';
    const s = new VcdTraceSink((c) => (out += c), { cpuCount: 2, devices: ['hpet0'] });
    s.end();
    const scopes = [...out.matchAll(/\$scope module (\S+)/g)].map((m) => m[1]);
    expect(scopes).toEqual(['machine', 'cpu0', 'cpu1', 'interpolator', 'kernel', 'hpet0']);
    const names = [...out.matchAll(/\$var \w+ \d+ \S+ (\w+)/g)].map((m) => m[1]);
    expect(names).toEqual([
      ...['read_ns', 'read_error_ns', 'cmpxchg_ok', 'in_irq', 'running', 'faulted'],
      ...['read_ns', 'read_error_ns', 'cmpxchg_ok', 'in_irq', 'running', 'faulted'],
      ...['offset', 'last_counter', 'last_cycle', 'nsec_per_cyc', 'skips'],
      ...['xtime_tv_sec', 'xtime_tv_nsec', 'jiffies'],
      'counter',
    ]);
  });

  it("shows reads, errors in two's complement, skips, stores and counter reads", () => {
    let out = '';
    const s = new VcdTraceSink((c) => (out += c), { cpuCount: 1, devices: ['ctr0'] });
    const op = { type: 'op', cpu: 0, ok: true, transfer: false } as const;
    s.record({ type: 'cpu', t: 0n, cpu: 0, state: 'run' });
    s.record({ ...op, t: 1000n, end: 9000n, op: 'mmio_read', target: 'ctr0+0x0', value: '5' });
    s.record({ ...op, t: 2000n, end: 3000n, op: 'load', target: 'ti:ctr0.offset', value: '7' });
    s.record({ ...op, t: 3000n, end: 4000n, op: 'store', target: 'ti:ctr0.offset', value: '6' });
    s.record({ type: 'irq', t: 3000n, cpu: 0, edge: 'enter' });
    s.record({
      type: 'read',
      t: 10000n,
      start: 1000n,
      cpu: 0,
      call: 'getnstimeofday',
      clock: 'realtime',
      valueNs: 100n,
      trueNs: 102n,
      errorNs: -2n,
    });
    s.record({ type: 'skip', t: 10000n, cpu: 0, nsSkipped: 3n });
    s.record({ ...op, t: 11000n, end: 12000n, op: 'store', target: 'jiffies.jiffies', value: '1' });
    s.record({
      ...op,
      ok: false,
      t: 11000n,
      end: 12000n,
      op: 'cmpxchg',
      target: 'ti:ctr0.last_cycle',
      value: '9',
    });
    s.end();
    const body = out.slice(out.indexOf('$end\n#0') + 5);
    const neg2 = (2n ** 64n - 2n).toString(2);
    // ids: read_ns !, read_error_ns ", cmpxchg_ok #, in_irq $, running %, offset ', skips +,
    // jiffies ., counter / (declaration order)
    const changes = body.slice(body.indexOf('$end\n') + 5);
    expect(changes).toBe(
      `1%\n#3\nb110 '\n1$\n#9\nb101 /\n#10\nb1100100 !\nb${neg2} "\nb1 +\n#11\nb1 .\n0#\n`,
    );
  });
});
