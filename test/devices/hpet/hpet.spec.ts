// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { Hpet, type HpetOptions } from '../../../devices/hpet/hpet.js';
import { FS_PER_US } from '../../../emu/base/time.js';
import { constant } from '../helpers/distributions.js';
import { fakeRng } from '../helpers/fake-rng.js';
import { SteppedHost } from '../helpers/stepped-host.js';

/** 100 MHz: tick k is at k × T fs (QEMU's period). */
const T = 10_000_000n;
const CAP = 0x000n;
const CFG = 0x010n;
const STS = 0x020n;
const CNT = 0x0f0n;
const TCFG = (n: number) => 0x100n + 0x20n * BigInt(n);
const TCMP = (n: number) => 0x108n + 0x20n * BigInt(n);
const TROUTE = (n: number) => 0x110n + 0x20n * BigInt(n);
const ENABLE = 1n;
const LEG_RT = 2n;
const LEVEL = 1n << 1n;
const INT_ENB = 1n << 2n;
const PERIODIC = 1n << 3n;
const VAL_SET = 1n << 6n;
const MODE32 = 1n << 8n;
const route = (pin: number) => BigInt(pin) << 9n;
const FSB_EN = 1n << 14n;

function setup(options: Partial<HpetOptions> = {}) {
  const host = new SteppedHost();
  const hpet = new Hpet({
    name: 'hpet0',
    periodFs: T,
    readLatency: constant(FS_PER_US),
    rng: fakeRng(1n),
    host,
    ...options,
  });
  const w = (offset: bigint, value: bigint, width: 32 | 64 = 64) => {
    const r = hpet.write(offset, width, value, host.nowFs, 0);
    expect(r.error).toBeUndefined();
  };
  const r = (offset: bigint, width: 32 | 64 = 64) => {
    const a = hpet.read(offset, width, host.nowFs, 0);
    expect(a.error).toBeUndefined();
    return a.value;
  };
  const tick = (k: bigint) => host.stepTo(k * T);
  return { host, hpet, w, r, tick };
}

describe('HPET reset state (IA-PC HPET 1.0a §2.3)', () => {
  it('reports its capabilities in GCAP_ID', () => {
    const { r } = setup({ periodFs: 69_841_279n });
    const cap = r(CAP);
    expect(cap >> 32n).toBe(69_841_279n);
    expect((cap >> 16n) & 0xffffn).toBe(0x8086n);
    expect((cap >> 15n) & 1n).toBe(1n);
    expect((cap >> 13n) & 1n).toBe(1n);
    expect((cap >> 8n) & 0x1fn).toBe(2n);
    expect(cap & 0xffn).toBe(1n);
    expect(r(CAP + 4n, 32)).toBe(69_841_279n);
  });

  it('starts halted at 0 with comparators all ones and interrupts off', () => {
    const { r, tick } = setup();
    tick(1000n);
    expect(r(CFG)).toBe(0n);
    expect(r(STS)).toBe(0n);
    expect(r(CNT)).toBe(0n);
    expect(r(TCMP(0))).toBe((1n << 64n) - 1n);
    expect(r(TCFG(1)) & 0xffffn).toBe((1n << 4n) | (1n << 5n));
    expect(r(TCFG(1)) >> 32n).toBe(0xffffffn);
  });
});

describe('HPET main counter', () => {
  it('enable, step to just past tick 500, read MAIN_COUNTER_VAL', () => {
    const { w, r, host } = setup();
    w(CFG, ENABLE);
    host.stepTo(500n * T + 1n);
    expect(r(CNT)).toBe(500n);
    expect(r(CNT, 32)).toBe(500n);
    expect(r(CNT + 4n, 32)).toBe(0n);
  });

  it('halts and resumes with ENABLE_CNF', () => {
    const { w, r, tick } = setup();
    w(CFG, ENABLE);
    tick(100n);
    w(CFG, 0n);
    tick(300n);
    expect(r(CNT)).toBe(100n);
    w(CFG, ENABLE);
    tick(350n);
    expect(r(CNT)).toBe(150n);
  });

  it('is writable while halted; a write while running is lost, as in QEMU and Bochs', () => {
    const { w, r, tick } = setup();
    w(CNT, 0x1234n);
    expect(r(CNT)).toBe(0x1234n);
    w(CFG, ENABLE);
    tick(10n);
    expect(r(CNT)).toBe(0x123en);
    w(CNT, 7n);
    expect(r(CNT)).toBe(0x123en);
    w(CFG, 0n);
    w(CFG, ENABLE);
    expect(r(CNT)).toBe(0x123en);
    // run → write → halt → write 0 → enable reads 0 (it read the first value before)
    w(CNT, 9n);
    w(CFG, 0n);
    w(CNT, 0n);
    w(CFG, ENABLE);
    expect(r(CNT)).toBe(0n);
  });

  it('reads 0 in the upper half of a 32-bit-only counter, which wraps at 2^32', () => {
    const { w, r, tick } = setup({ counterBits: 32 });
    expect((r(CAP) >> 13n) & 1n).toBe(0n);
    w(CNT, 0xffff_fff0n);
    w(CFG, ENABLE);
    tick(0x20n);
    expect(r(CNT)).toBe(0x10n);
    expect(r(CNT + 4n, 32)).toBe(0n);
  });

  it('rejects other widths, misaligned and out-of-window accesses as error events', () => {
    const { hpet } = setup();
    expect(hpet.read(CNT, 8, 0n, 0).error).toBeDefined();
    expect(hpet.read(CNT, 16, 0n, 0).error).toBeDefined();
    expect(hpet.read(CNT + 2n, 32, 0n, 0).error).toBeDefined();
    expect(hpet.read(CNT + 4n, 64, 0n, 0).error).toBeDefined();
    expect(hpet.read(0x400n, 32, 0n, 0).error).toBeDefined();
    expect(hpet.write(CFG + 1n, 32, 1n, 0n, 0).error).toBeDefined();
    expect(hpet.read(0x030n, 64, 0n, 0)).toEqual({ value: 0n, latencyFs: FS_PER_US });
  });

  it('costs the configured read latency', () => {
    const { hpet } = setup({ readLatency: constant(1234n) });
    expect(hpet.read(CNT, 64, 0n, 0).latencyFs).toBe(1234n);
  });
});

describe('HPET comparators', () => {
  it('one-shot, level: fires on equality, sets GINTR_STA, holds the line until write-1-to-clear', () => {
    const { w, r, host, tick } = setup();
    w(TCFG(0), LEVEL | INT_ENB | route(5));
    w(TCMP(0), 1000n);
    w(CFG, ENABLE);
    tick(999n);
    expect(host.irqs).toEqual([]);
    tick(1001n);
    expect(host.irqs).toEqual([{ atFs: 1000n * T, line: { kind: 'ioapic', pin: 5 }, level: true }]);
    expect(r(STS)).toBe(1n);
    expect(r(TCMP(0))).toBe(1000n);
    w(STS, 0n);
    expect(r(STS)).toBe(1n);
    w(STS, 1n);
    expect(r(STS)).toBe(0n);
    expect(host.irqs.at(-1)).toEqual({
      atFs: 1001n * T,
      line: { kind: 'ioapic', pin: 5 },
      level: false,
    });
    tick(5000n);
    expect(host.irqs).toHaveLength(2);
  });

  it('level mode sets status even with the interrupt disabled', () => {
    const { w, r, host, tick } = setup();
    w(TCFG(1), LEVEL);
    w(TCMP(1), 10n);
    w(CFG, ENABLE);
    tick(11n);
    expect(r(STS)).toBe(2n);
    expect(host.irqs).toEqual([]);
  });

  it('edge mode raises an edge and keeps GINTR_STA clear', () => {
    const { w, r, host, tick } = setup();
    w(TCFG(2), INT_ENB | route(20));
    w(TCMP(2), 3n);
    w(CFG, ENABLE);
    tick(4n);
    expect(host.irqs).toEqual([{ atFs: 3n * T, line: { kind: 'ioapic', pin: 20 }, level: true }]);
    expect(r(STS)).toBe(0n);
  });

  it('periodic: re-arms by the last value written; the comparator reads the next match', () => {
    const { w, r, host, tick } = setup();
    w(TCFG(0), INT_ENB | PERIODIC | VAL_SET | route(3));
    w(TCMP(0), 100n);
    expect(r(TCFG(0)) & VAL_SET).toBe(0n);
    w(CFG, ENABLE);
    tick(350n);
    expect(host.irqs.map((e) => e.atFs)).toEqual([100n * T, 200n * T, 300n * T]);
    expect(r(TCMP(0))).toBe(400n);
    w(TCMP(0), 50n);
    expect(r(TCMP(0))).toBe(400n);
    tick(520n);
    expect(host.irqs.map((e) => e.atFs / T)).toEqual([100n, 200n, 300n, 400n, 450n, 500n]);
  });

  it('32-bit mode: a high-half comparator write is ignored and leaves VAL_SET set', () => {
    const { w, r, host, tick } = setup();
    w(TCFG(0), INT_ENB | PERIODIC | VAL_SET | MODE32 | route(3));
    w(TCMP(0) + 4n, 7n, 32);
    expect(r(TCFG(0)) & VAL_SET).toBe(VAL_SET);
    // VAL_SET still applies: the low half sets the accumulator and the period
    w(TCMP(0), 100n, 32);
    expect(r(TCFG(0)) & VAL_SET).toBe(0n);
    w(CFG, ENABLE);
    tick(250n);
    expect(host.irqs.map((e) => e.atFs / T)).toEqual([100n, 200n]);
  });

  it('a Tn_CONF write in the tick of equality does not fire: the match was at the edge', () => {
    const { w, host, tick } = setup();
    w(TCMP(0), 10n);
    w(CFG, ENABLE);
    tick(10n);
    expect(host.irqs).toEqual([]);
    w(TCFG(0), INT_ENB | route(3));
    tick(11n);
    expect(host.irqs).toEqual([]);
    expect(host.deadlines).toContain(((1n << 64n) + 10n) * T);
    // a comparator write onto the counter is a new equality: it fires at once
    w(TCMP(0), 11n);
    tick(12n);
    expect(host.irqs.map((e) => e.atFs / T)).toEqual([11n]);
  });

  it('a target already behind the counter is missed until the wrap', () => {
    const { w, host, tick } = setup();
    w(TCFG(0), INT_ENB);
    w(CFG, ENABLE);
    tick(10n);
    w(TCMP(0), 5n);
    tick(1n << 20n);
    expect(host.irqs).toEqual([]);
    expect(host.deadlines).toContain(((1n << 64n) + 5n) * T);
  });

  it('32-bit mode one-shot: also fires when the counter wraps (IA-PC HPET 1.0a §2.3.9)', () => {
    const { w, r, host, tick } = setup();
    w(TCFG(0), INT_ENB | MODE32 | route(4));
    w(TCMP(0), 0x1_0000_0005n);
    expect(r(TCMP(0))).toBe(5n);
    w(CNT, 0xffff_ff00n);
    w(CFG, ENABLE);
    tick(0x106n);
    expect(host.irqs.map((e) => e.atFs / T)).toEqual([0x100n, 0x105n]);
    expect(r(CNT)).toBe(0x1_0000_0006n);
  });

  it('64-bit mode one-shot: no interrupt at the low-half wrap', () => {
    const { w, host, tick } = setup();
    w(TCFG(0), INT_ENB);
    w(TCMP(0), 0x1_0000_0005n);
    w(CNT, 0xffff_ff00n);
    w(CFG, ENABLE);
    tick(0x106n);
    expect(host.irqs.map((e) => e.atFs / T)).toEqual([0x105n]);
  });

  it('halting suppresses matches; re-enabling re-arms', () => {
    const { w, host, tick } = setup();
    w(TCFG(0), INT_ENB);
    w(TCMP(0), 100n);
    w(CFG, ENABLE);
    tick(50n);
    w(CFG, 0n);
    tick(200n);
    expect(host.irqs).toEqual([]);
    w(CFG, ENABLE);
    tick(260n);
    expect(host.irqs.map((e) => e.atFs / T)).toEqual([250n]);
  });

  it('LegacyReplacement routes timer 0 to pin 2 and timer 1 to pin 8', () => {
    const { w, host, tick } = setup();
    w(TCFG(0), INT_ENB | route(5));
    w(TCFG(1), INT_ENB | route(6));
    w(TCFG(2), INT_ENB | route(7));
    w(TCMP(0), 1n);
    w(TCMP(1), 2n);
    w(TCMP(2), 3n);
    w(CFG, ENABLE | LEG_RT);
    tick(4n);
    expect(host.irqs.map((e) => e.line)).toEqual([
      { kind: 'ioapic', pin: 2 },
      { kind: 'ioapic', pin: 8 },
      { kind: 'ioapic', pin: 7 },
    ]);
  });

  it('FSB delivery sends the route register as address and data', () => {
    const { w, r, host, tick } = setup({ fsbCapable: true });
    expect((r(TCFG(0)) >> 15n) & 1n).toBe(1n);
    w(TROUTE(0), (0xfee00000n << 32n) | 0x41n);
    w(TCFG(0), INT_ENB | FSB_EN);
    w(TCMP(0), 2n);
    w(CFG, ENABLE);
    tick(3n);
    expect(host.irqs).toEqual([
      { atFs: 2n * T, line: { kind: 'fsb', address: 0xfee00000n, data: 0x41n }, level: true },
    ]);
  });

  it('keeps capability bits read-only and refuses unsupported routes', () => {
    const { w, r } = setup({ routeCap: 0b1100n });
    w(TCFG(0), route(2));
    expect((r(TCFG(0)) >> 9n) & 0x1fn).toBe(2n);
    w(TCFG(0), route(5) | 0xffff_0000n | (1n << 15n));
    expect((r(TCFG(0)) >> 9n) & 0x1fn).toBe(2n);
    expect((r(TCFG(0)) >> 15n) & 1n).toBe(0n);
    expect(r(TCFG(0)) >> 32n).toBe(0b1100n);
  });
});

describe('HPET VAL_SET policies (docs/devices.md, HPET quirks)', () => {
  const program = (valSet: 'single-write' | 'always' | 'two-writes') => {
    const s = setup({ quirks: { valSet } });
    s.w(TCFG(0), INT_ENB | PERIODIC | VAL_SET);
    s.w(TCMP(0), 100n);
    s.w(TCMP(0), 30n);
    s.w(CFG, ENABLE);
    s.tick(200n);
    return s.host.irqs.map((e) => e.atFs / T);
  };

  it('single-write: one write with VAL_SET sets both, the next sets the period', () => {
    expect(program('single-write')).toEqual([100n, 130n, 160n, 190n]);
  });

  it('always: every write sets accumulator and period', () => {
    expect(program('always')).toEqual([30n, 60n, 90n, 120n, 150n, 180n]);
  });

  it('two-writes: with VAL_SET the accumulator, without it the period', () => {
    expect(program('two-writes')).toEqual([100n, 130n, 160n, 190n]);
    const s = setup({ quirks: { valSet: 'two-writes' } });
    s.w(TCFG(0), INT_ENB | PERIODIC | VAL_SET);
    s.w(TCMP(0), 100n);
    s.w(CFG, ENABLE);
    s.tick(150n);
    // no period was written: the accumulator re-arms a full wrap later
    expect(s.host.irqs.map((e) => e.atFs / T)).toEqual([100n]);
  });
});

describe('HPET quirks, each with and without', () => {
  it('split-64bit-read: a read across the low-half rollover is torn', () => {
    const near = (0xffff_ffffn - 0n) * T;
    const plain = setup();
    plain.w(CFG, ENABLE);
    plain.host.stepTo(near);
    expect(plain.r(CNT)).toBe(0xffff_ffffn);

    const split = setup({ quirks: { split64BitRead: { gapFs: 2n * T } } });
    split.w(CFG, ENABLE);
    split.host.stepTo(near);
    const a = split.hpet.read(CNT, 64, near, 0);
    expect(a.value).toBe(0x1_ffff_ffffn);
    expect(a.latencyFs).toBe(FS_PER_US + 2n * T);
    expect(split.hpet.peek(CNT, 64, near)).toBe(0x1_ffff_ffffn);

    const highLow = setup({ quirks: { split64BitRead: { gapFs: 2n * T, order: 'high-low' } } });
    highLow.w(CFG, ENABLE);
    expect(highLow.hpet.read(CNT, 64, near, 0).value).toBe(0x1n);
    expect(highLow.hpet.read(CNT, 64, 5n * T, 0).value).toBe(7n);
  });

  it('period-in-ps: GCAP_ID reports the period 1000× too small', () => {
    expect(setup({ periodFs: 69_841_279n }).r(CAP) >> 32n).toBe(69_841_279n);
    const quirky = setup({ periodFs: 69_841_279n, quirks: { periodInPs: true } });
    expect(quirky.r(CAP) >> 32n).toBe(69_841n);
    quirky.w(CFG, ENABLE);
    quirky.host.stepTo(69_841_279n * 10n);
    expect(quirky.r(CNT)).toBe(10n);
  });

  it('late-comparator: writes land 0..2 ticks late and read back stale until then', () => {
    const plain = setup();
    plain.w(CFG, ENABLE);
    plain.tick(10n);
    plain.w(TCMP(0), 500n);
    expect(plain.r(TCMP(0))).toBe(500n);

    const delays = new Set<bigint>();
    for (let seed = 1n; seed <= 12n; seed++) {
      const s = setup({ rng: fakeRng(seed), quirks: { lateComparator: { maxTicks: 2n } } });
      s.w(TCFG(0), INT_ENB);
      s.w(CFG, ENABLE);
      s.tick(10n);
      s.w(TCMP(0), 11n);
      const landsAt = s.host.deadlines[0]!;
      const delay = landsAt / T - 10n;
      delays.add(delay);
      expect(delay >= 0n && delay <= 2n).toBe(true);
      if (delay > 0n) expect(s.r(TCMP(0))).toBe((1n << 64n) - 1n);
      s.tick(20n);
      // a target one tick ahead is hit only if the write landed in time
      expect(s.host.irqs.length).toBe(delay <= 1n ? 1 : 0);
    }
    expect(delays.size).toBeGreaterThan(1);
  });
});

describe('HPET inspection and snapshots', () => {
  it('peek returns what a read returns and changes nothing', () => {
    const { w, hpet, host, tick } = setup({ clock: { jumps: [{ atFs: 50n * T, byCycles: 7n }] } });
    w(TCFG(0), LEVEL | INT_ENB);
    w(TCMP(0), 20n);
    w(CFG, ENABLE);
    tick(60n);
    const before = hpet.snapshot(host.nowFs);
    const offsets = [CAP, CFG, STS, CNT, TCFG(0), TCMP(0), TROUTE(0)];
    const peeked = offsets.map((o) => hpet.peek(o, 64, host.nowFs));
    expect(offsets.map((o) => hpet.peek(o, 64, host.nowFs))).toEqual(peeked);
    expect(hpet.snapshot(host.nowFs)).toEqual(before);
    expect(peeked[3]).toBe(67n);
    expect(offsets.map((o) => hpet.read(o, 64, host.nowFs, 0).value)).toEqual(peeked);
    const halves = [CAP, CAP + 4n, CNT, CNT + 4n, TCFG(0), TCFG(0) + 4n, TCMP(0)];
    const peeked32 = halves.map((o) => hpet.peek(o, 32, host.nowFs));
    expect(peeked32[2]).toBe(67n);
    expect(halves.map((o) => hpet.read(o, 32, host.nowFs, 0).value)).toEqual(peeked32);
    expect(hpet.snapshot(host.nowFs)).not.toEqual(before);
  });

  it('restore on a fresh device gives the same future, pending events included', () => {
    const program = (s: ReturnType<typeof setup>) => {
      s.w(TCFG(0), INT_ENB | PERIODIC | VAL_SET);
      s.w(TCMP(0), 40n);
      s.w(TCFG(1), LEVEL | INT_ENB | route(9));
      s.w(TCMP(1), 90n);
      s.w(CFG, ENABLE);
      s.tick(55n);
      s.w(TCMP(2), 70n);
    };
    const quirks = { lateComparator: { maxTicks: 2n } };
    const a = setup({ quirks });
    program(a);
    const snap = a.hpet.snapshot(a.host.nowFs);
    const b = setup({ quirks });
    b.host.stepTo(a.host.nowFs);
    b.hpet.restore(snap, b.host.nowFs);
    a.host.irqs.length = 0;
    a.tick(300n);
    b.tick(300n);
    expect(b.host.irqs).toEqual(a.host.irqs);
    expect(b.r(CNT)).toBe(a.r(CNT));
    expect(b.r(TCMP(2))).toBe(a.r(TCMP(2)));
    expect(b.hpet.snapshot(b.host.nowFs)).toEqual(a.hpet.snapshot(a.host.nowFs));
  });
});

describe('HPET clock events', () => {
  it('set_drift re-arms the comparators at the new rate', () => {
    const { w, hpet, host, tick } = setup();
    w(TCFG(0), INT_ENB);
    w(TCMP(0), 1_000_000n);
    w(CFG, ENABLE);
    tick(500_000n);
    // +1000 ppm: the remaining 500 000 ticks take 500 000 / 1.001 periods
    hpet.setDrift({ num: 1000n, den: 1n }, host.nowFs);
    const at = hpet.timers[0]!.nextEventFs!;
    expect(hpet.counterAt(at)).toBe(1_000_000n);
    expect(hpet.counterAt(at - 1n)).toBe(999_999n);
    expect(at).toBeLessThan(1_000_000n * T);
    tick(1_000_000n);
    expect(host.irqs.map((e) => e.atFs)).toEqual([at]);
  });

  it('a forward jump over the comparator misses it (equality match); a backward one delays it', () => {
    const over = setup();
    over.w(TCFG(0), INT_ENB);
    over.w(TCMP(0), 100n);
    over.w(CFG, ENABLE);
    over.tick(90n);
    over.hpet.jump(50n, over.host.nowFs);
    over.tick(1000n);
    expect(over.host.irqs).toEqual([]);

    const back = setup();
    back.w(TCFG(0), INT_ENB);
    back.w(TCMP(0), 100n);
    back.w(CFG, ENABLE);
    back.tick(90n);
    back.hpet.jump(-30n, back.host.nowFs);
    expect(back.r(CNT)).toBe(60n);
    back.tick(1000n);
    expect(back.host.irqs.map((e) => e.atFs / T)).toEqual([130n]);
  });

  it('exposes the next match time as a pure function: nextEventFs and timeOfCounter agree', () => {
    const { w, hpet, host } = setup({ clock: { driftPpm: { num: -77n, den: 1n } } });
    w(TCFG(2), INT_ENB);
    w(TCMP(2), 12_345n);
    w(CFG, ENABLE);
    expect(hpet.timers[2]!.nextEventFs).toBe(hpet.timeOfCounter(12_345n, host.nowFs));
    w(CFG, 0n);
    expect(hpet.timers[2]!.nextEventFs).toBeNull();
    expect(hpet.timeOfCounter(12_345n, host.nowFs)).toBeNull();
  });
});

describe('startPeriodic (the kernel legacy-timer set-up as one call)', () => {
  it('does what the three register writes do: the same registers and interrupts', () => {
    const runs = [true, false].map((api) => {
      const m = setup();
      m.w(CFG, ENABLE);
      m.tick(3n);
      if (api) m.hpet.startPeriodic(0, 5n, 2, m.host.nowFs, 0);
      else {
        m.w(TCFG(0), INT_ENB | PERIODIC | VAL_SET | route(2));
        m.w(TCMP(0), 3n + 5n);
        m.w(TCMP(0), 5n);
      }
      m.tick(30n);
      return { cfg: m.r(TCFG(0)), cmp: m.r(TCMP(0)), irqs: m.host.irqs };
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.irqs.filter((e) => e.level).map((e) => e.atFs)).toEqual(
      [8n, 13n, 18n, 23n, 28n].map((k) => k * T),
    );
  });
});
