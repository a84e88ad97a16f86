// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { Tracer } from '../../../emu/trace/tracer.js';
import { VcdWriter, vcdId } from '../../../emu/trace/vcd.js';
import { VcdTraceSink } from '../../../emu/trace/vcd-sink.js';
import { fc, test } from '../../property-test.js';

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
    const machine = { cpuCount: 2, devices: ['hpet0'], cycleCounter: 'itc' };
    const s = new VcdTraceSink((c) => (out += c), machine);
    s.end();
    const scopes = [...out.matchAll(/\$scope module (\S+)/g)].map((m) => m[1]);
    expect(scopes).toEqual(['machine', 'cpu0', 'cpu1', 'interpolator', 'kernel', 'hpet0', 'itc']);
    const names = [...out.matchAll(/\$var \w+ \d+ \S+ (\w+)/g)].map((m) => m[1]);
    const cpu = ['read_ns', 'read_error_ns', 'cmpxchg_ok', 'in_irq', 'running', 'faulted'];
    expect(names).toEqual([
      ...[...cpu, 'in_syscall', 'stalled'],
      ...[...cpu, 'in_syscall', 'stalled'],
      ...['offset', 'last_counter', 'last_cycle', 'nsec_per_cyc', 'skips'],
      ...['xtime_tv_sec', 'xtime_tv_nsec', 'jiffies'],
      'counter',
      ...['counter_cpu0', 'counter_cpu1'],
    ]);
  });

  it('takes no operation records: the executor builds none for a waveform', () => {
    const s = new VcdTraceSink(() => {}, { cpuCount: 1 });
    expect(s.kinds.has('op')).toBe(false);
    expect(new Tracer([s]).ops).toBe(false);
    expect(new Tracer([s]).refusals).toBe(false);
    expect(new Tracer([s]).signals).toBe(s);
  });

  it("shows reads, errors in two's complement, calls, stalls, skips, writes and counter reads", () => {
    let out = '';
    const s = new VcdTraceSink((c) => (out += c), { cpuCount: 1, devices: ['ctr0'] });
    s.record({ type: 'cpu', t: 0n, cpu: 0, state: 'run' });
    s.callBegin(0, 1000n);
    s.counterRead(0, 'ctr0', 5n, 1000n, 9000n);
    s.written(0, 'offset', 6n, 3000n);
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
    s.written(0, 'jiffies', 1n, 11000n);
    s.cmpxchg(0, false, 11000n);
    s.cmpxchg(0, true, 12000n);
    s.written(0, 'last_cycle', 9n, 12000n);
    s.stalled(0, true, 12000n);
    s.callBegin(0, 13000n);
    s.record({ type: 'kernel', t: 14000n, cpu: 0, kind: 'OOPS', where: 'x', context: 'thread' });
    s.end();
    const body = out.slice(out.indexOf('$end\n#0') + 5);
    const neg2 = (2n ** 64n - 2n).toString(2);
    // ids in declaration order: read_ns !, read_error_ns ", cmpxchg_ok #, in_irq $, running %,
    // faulted &, offset ', last_cycle ), skips +, jiffies ., counter /, in_syscall 0, stalled 1
    const changes = body.slice(body.indexOf('$end\n') + 5);
    expect(changes).toBe(
      `1%\n#1\n10\n#3\nb110 '\n1$\n#9\nb101 /\n#10\nb1100100 !\nb${neg2} "\n00\nb1 +\n#11\nb1 .\n0#\n#12\n1#\nb1001 )\n11\n#13\n10\n#14\n1&\n00\n`,
    );
  });
});
