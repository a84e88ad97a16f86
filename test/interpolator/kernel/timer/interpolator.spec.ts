// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { newInterpolatorKernel } from '../../../../interpolator/include/linux/timex.js';
import {
  get_counter,
  is_better_time_interpolator,
  register_time_interpolator,
  time_interpolator_get_offset,
  time_interpolator_reset,
  time_interpolator_update,
  unregister_time_interpolator,
} from '../../../../interpolator/kernel/timer/interpolator.js';
import { inlineCalls, type Op } from '../../../../interpolator/ops.js';
import { cyclone, hpet, interpolator, itc, recorded, run, value } from './interpolator-harness.js';

describe('register_time_interpolator', () => {
  it('computes nsec_per_cyc = (10^9 << shift) / frequency and selects the first one', () => {
    const k = newInterpolatorKernel('2.6.18');
    const h = hpet();
    value(register_time_interpolator(k, h), [5798n]);
    expect(h.nsec_per_cyc).toBe(71517n);
    expect(k.globals.time_interpolator).toBe(h);
    expect(k.globals.time_interpolator_list).toBe(h);
    expect(h.last_counter).toBe(5798n);
    expect(k.xtime_lock).toEqual({ sequence: 2n, lock: 0n });
    expect(k.time_interpolator_lock.lock).toBe(0n);
  });

  it.each([
    ['frequency', { frequency: 0n, mask: 0xffn }],
    ['mask', { frequency: 1000n, mask: 0n }],
  ])('BUGs when %s is 0, before storing anything or taking a lock', (_name, fields) => {
    const k = newInterpolatorKernel('2.6.18');
    const ti = interpolator({ shift: 10n, ...fields });
    const outcome = run(register_time_interpolator(k, ti));
    expect(outcome.done).toBe(false);
    if (!outcome.done) expect(outcome.fault.kind).toBe('BUG');
    expect(ti.nsec_per_cyc).toBe(0n);
    expect(k.globals).toEqual({ time_interpolator: null, time_interpolator_list: null });
    expect(k.xtime_lock).toEqual({ sequence: 0n, lock: 0n });
    expect(k.time_interpolator_lock.lock).toBe(0n);
  });

  it('registering the list head again makes a self-loop, without a reset', () => {
    const k = newInterpolatorKernel('2.6.18');
    const ti = itc();
    value(register_time_interpolator(k, ti), [100n]);
    value(register_time_interpolator(k, ti));
    expect(ti.next).toBe(ti);
    expect(k.globals.time_interpolator_list).toBe(ti);
    expect(ti.last_counter).toBe(100n);
    expect(k.xtime_lock.sequence).toBe(4n);
  });

  it('unregistering past a self-loop never ends: it keeps loading without a cpu_relax', () => {
    const k = newInterpolatorKernel('2.6.18');
    const ti = itc();
    value(register_time_interpolator(k, ti), [100n]);
    value(register_time_interpolator(k, ti));
    const other = hpet();
    const code = inlineCalls(unregister_time_interpolator(k, other));
    const ops: string[] = [];
    let sent: unknown;
    let finished = false;
    for (let i = 0; i < 100_000 && !finished; i++) {
      const step = code.next(sent);
      if (step.done) {
        finished = true;
        break;
      }
      const op: Op = step.value;
      ops.push(op.op);
      sent = op.op === 'load' ? (op.obj as Record<string, unknown>)[op.field] : 0n;
    }
    expect(finished).toBe(false);
    expect(ops.slice(-1000).every((op) => op === 'load')).toBe(true);
    expect(ops).not.toContain('cpu_relax');
  });
});

describe('is_better_time_interpolator', () => {
  it('depends on the order: each of ITC and HPET wins when registered second', () => {
    const first = newInterpolatorKernel('2.6.18');
    const [itc1, hpet1] = [itc(), hpet()];
    value(register_time_interpolator(first, itc1), [1n]);
    value(register_time_interpolator(first, hpet1), [2n]);
    expect(first.globals.time_interpolator).toBe(hpet1);

    const second = newInterpolatorKernel('2.6.18');
    const [itc2, hpet2] = [itc(), hpet()];
    value(register_time_interpolator(second, hpet2), [1n]);
    value(register_time_interpolator(second, itc2), [2n]);
    expect(second.globals.time_interpolator).toBe(itc2);
  });

  it('compares drifts as unsigned long: cyclone (−100) beats an ITC with drift −1', () => {
    expect(is_better_time_interpolator(itc(), cyclone())).toBe(true);
    expect(is_better_time_interpolator(cyclone(), itc())).toBe(true);
    expect(is_better_time_interpolator({ ...itc(), drift: 0n }, cyclone())).toBe(false);
    const slowItc = { ...itc(), frequency: 150_000_000n };
    expect(is_better_time_interpolator(cyclone(), slowItc)).toBe(false);
  });

  it('prefers anything to none and never prefers an interpolator to itself', () => {
    const h = hpet();
    expect(is_better_time_interpolator(null, h)).toBe(true);
    expect(is_better_time_interpolator(h, h)).toBe(false);
  });

  it('doubles the frequency in u64: a huge current frequency wraps and loses', () => {
    const current = { ...hpet(), frequency: 1n << 63n };
    expect(is_better_time_interpolator(current, { ...hpet(), frequency: 1n, drift: 600n })).toBe(
      true,
    );
  });
});

describe('OOPS on a NULL time_interpolator', () => {
  it('reset with none registered oopses and changes nothing', () => {
    const k = newInterpolatorKernel('2.6.18');
    const outcome = run(time_interpolator_reset(k));
    expect(outcome.done).toBe(false);
    if (!outcome.done) expect(outcome.fault.kind).toBe('OOPS');
  });

  it('unregistering the last one oopses with it unlinked, NULL current, locks held', () => {
    const k = newInterpolatorKernel('2.6.18');
    const h = hpet();
    value(register_time_interpolator(k, h), [10n]);
    const outcome = run(unregister_time_interpolator(k, h));
    expect(outcome.done).toBe(false);
    if (!outcome.done) expect(outcome.fault.kind).toBe('OOPS');
    expect(k.globals).toEqual({ time_interpolator: null, time_interpolator_list: null });
    expect(k.time_interpolator_lock.lock).toBe(1n);
    expect(k.xtime_lock).toEqual({ sequence: 3n, lock: 1n });
  });

  it('unregistering the current one reselects head first, then resets', () => {
    const k = newInterpolatorKernel('2.6.18');
    const [a, b, c] = [hpet(), hpet(), hpet()];
    value(register_time_interpolator(k, a), [1n]);
    value(register_time_interpolator(k, b));
    value(register_time_interpolator(k, c));
    expect(k.globals.time_interpolator).toBe(a);
    value(unregister_time_interpolator(k, a), [77n]);
    expect(k.globals.time_interpolator).toBe(c);
    expect(c.last_counter).toBe(77n);
    expect(k.globals.time_interpolator_list).toBe(c);
    expect(c.next).toBe(b);
    expect(b.next).toBe(null);
  });

  it('get_offset and update with none registered return without touching anything', () => {
    const k = newInterpolatorKernel('2.6.18');
    expect(value(time_interpolator_get_offset(k))).toBe(0n);
    expect(run(time_interpolator_update(k, 1000n)).done).toBe(true);
  });
});

describe('update tuning', () => {
  it('at a multiple of 65536 jiffies slows a clock that carries an offset, wrapping in u32', () => {
    const k = newInterpolatorKernel('2.6.18');
    const ti = interpolator({ source: 0n, shift: 0n, mask: 0xffffn, frequency: 1n << 40n });
    value(register_time_interpolator(k, ti), [0n]);
    expect(ti.nsec_per_cyc).toBe(0n);
    k.jiffies.jiffies = 3n * 65536n;
    value(time_interpolator_update(k, -2_000_000n), [0n]);
    expect(ti.offset).toBe(2_000_000n);
    expect(ti.nsec_per_cyc).toBe(0xffff_ffffn);
  });

  it('speeds up a clock that skipped more than 655360 ns and ends with offset 0', () => {
    const k = newInterpolatorKernel('2.6.18');
    const ti = hpet();
    value(register_time_interpolator(k, ti), [0n]);
    k.jiffies.jiffies = 65536n;
    value(time_interpolator_update(k, 1_000_000n), [0n]);
    expect(ti.nsec_per_cyc).toBe(71518n);
    expect([ti.skips, ti.ns_skipped, ti.offset]).toEqual([0n, 0n, 0n]);
  });
});

describe('get_counter by revision', () => {
  function jittery(revision: '2.6.18' | '2.6.13'): { ops: Op[]; cmpxchg: number } {
    const k = newInterpolatorKernel(revision);
    const ti = { ...itc(), jitter: 1n };
    value(register_time_interpolator(k, ti), [1000n]);
    const ops: Op[] = [];
    value(recorded(time_interpolator_update(k, 4_000_000n), ops), [7000n]);
    value(recorded(time_interpolator_reset(k), ops), [9000n]);
    expect(ti.last_cycle).toBe(9000n);
    const lastCycle = ops.filter((op) => 'field' in op && op.field === 'last_cycle');
    return {
      ops: lastCycle,
      cmpxchg: lastCycle.filter((op) => op.op === 'cmpxchg').length,
    };
  }

  it('2.6.13: update and reset use the cmpxchg loop, never a plain store of last_cycle', () => {
    const { ops, cmpxchg } = jittery('2.6.13');
    expect(cmpxchg).toBe(2);
    expect(ops.some((op) => op.op === 'store')).toBe(false);
  });

  it('2.6.18: update and reset hold the writelock and store last_cycle', () => {
    const { ops, cmpxchg } = jittery('2.6.18');
    expect(cmpxchg).toBe(0);
    expect(ops.filter((op) => op.op === 'store')).toHaveLength(2);
  });

  it('returns last_cycle without storing when the read is behind it', () => {
    const k = newInterpolatorKernel('2.6.18');
    const ti = { ...itc(), jitter: 1n };
    value(register_time_interpolator(k, ti), [5000n]);
    const ops: Op[] = [];
    expect(value(recorded(get_counter(k, 0), ops), [4000n])).toBe(5000n);
    expect(ops.some((op) => op.op === 'cmpxchg' || op.op === 'store')).toBe(false);
  });

  it('reads MMIO32 sources with a 32-bit read, MMIO64 with a 64-bit one, FUNCTION by a call', () => {
    for (const [source, op, width] of [
      [1n, 'mmio_read', 64],
      [2n, 'mmio_read', 32],
      [3n, 'call_source', undefined],
      [0n, 'cycles', undefined],
      [9n, 'cycles', undefined],
    ] as const) {
      const k = newInterpolatorKernel('2.6.18');
      const ti = { ...hpet(), source, addr: 0xfed0_00f0n };
      value(register_time_interpolator(k, ti), [1n]);
      const ops: Op[] = [];
      value(recorded(get_counter(k, 0), ops), [2n]);
      const read = ops.find((o) => ['mmio_read', 'call_source', 'cycles'].includes(o.op))!;
      expect(read.op).toBe(op);
      if (read.op === 'mmio_read') expect([read.width, read.addr]).toEqual([width, 0xfed0_00f0n]);
      if (read.op === 'call_source') expect(read.addr).toBe(0xfed0_00f0n);
    }
  });
});
