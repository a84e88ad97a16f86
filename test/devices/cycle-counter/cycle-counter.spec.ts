// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import {
  CycleCounter,
  type CycleCounterOptions,
} from '../../../devices/cycle-counter/cycle-counter.js';
import { rational } from '../../../emu/base/rational.js';
import { FS_PER_MS, FS_PER_NS, FS_PER_S, FS_PER_US } from '../../../emu/base/time.js';
import { uniform } from '../helpers/distributions.js';
import { fakeRng } from '../helpers/fake-rng.js';
import { SteppedHost } from '../helpers/stepped-host.js';

/** 1 GHz: one cycle per ns. */
const GHZ = rational(1_000_000_000n);

function setup(options: Partial<CycleCounterOptions> = {}) {
  const host = new SteppedHost();
  const tsc = new CycleCounter({
    name: 'tsc',
    cpus: 2,
    frequencyHz: GHZ,
    readCostCycles: 24n,
    cpuFrequencyHz: rational(2_000_000_000n),
    rng: fakeRng(3n),
    host,
    ...options,
  });
  return { host, tsc };
}

describe('CycleCounter (TSC / ITC)', () => {
  it('counts per CPU from its offset; a read costs readCostCycles at the CPU clock', () => {
    const { tsc } = setup({ offsetsCycles: [0n, 500n] });
    expect(tsc.peekCycles(0, FS_PER_US)).toBe(1000n);
    expect(tsc.peekCycles(1, FS_PER_US)).toBe(1500n);
    expect(tsc.readCycles(1, FS_PER_US)).toEqual({ value: 1500n, latencyFs: 12n * FS_PER_NS });
  });

  it('gives each CPU its own crystal: sockets with different drift drift apart', () => {
    const { tsc } = setup({
      perCpuClock: [{ driftPpm: rational(-10n) }, { driftPpm: rational(15n) }],
    });
    expect(tsc.peekCycles(1, FS_PER_S) - tsc.peekCycles(0, FS_PER_S)).toBe(25_000n);
  });

  it('one clock is one crystal: a wandering clock keeps every CPU at its boot offset', () => {
    const wander = {
      stepPpm: rational(50n),
      everyFs: FS_PER_US,
      minPpm: rational(-500n),
      maxPpm: rational(500n),
    };
    const { tsc } = setup({ offsetsCycles: [0n, 7n], clock: { wander } });
    expect(tsc.sharesCrystal).toBe(true);
    for (const t of [FS_PER_US, 333n * FS_PER_US, FS_PER_MS, 7n * FS_PER_MS])
      expect(tsc.peekCycles(1, t) - tsc.peekCycles(0, t)).toBe(7n);
    // the same walk given per CPU: two crystals, which drift apart
    const split = setup({ perCpuClock: [{ wander }, { wander }] }).tsc;
    expect(split.sharesCrystal).toBe(false);
    expect(split.peekCycles(1, 7n * FS_PER_MS)).not.toBe(split.peekCycles(0, 7n * FS_PER_MS));
  });

  it('on a shared crystal a per-CPU jump steps that counter only; set_drift moves every CPU', () => {
    const { tsc } = setup();
    tsc.jump(1, -300n, FS_PER_US);
    expect(tsc.peekCycles(1, 2n * FS_PER_US)).toBe(1_700n);
    expect(tsc.peekCycles(0, 2n * FS_PER_US)).toBe(2_000n);
    tsc.setDrift(1, rational(1000n), FS_PER_MS);
    expect(tsc.peekCycles(0, 2n * FS_PER_MS)).toBe(2_001_000n);
    expect(tsc.peekCycles(1, 2n * FS_PER_MS)).toBe(2_000_700n);
  });

  it('TSC_ADJUST: a TSC write moves both; writing TSC_ADJUST = 0 undoes it', () => {
    const { tsc } = setup();
    tsc.writeTsc(0, 10_000n, FS_PER_US);
    expect(tsc.peekCycles(0, FS_PER_US)).toBe(10_000n);
    expect(tsc.readTscAdjust(0)).toBe(9_000n);
    expect(tsc.peekCycles(0, 2n * FS_PER_US)).toBe(11_000n);
    expect(tsc.readTscAdjust(1)).toBe(0n);
    tsc.writeTscAdjust(0, 0n, 2n * FS_PER_US);
    expect(tsc.peekCycles(0, 2n * FS_PER_US)).toBe(2_000n);
    tsc.writeTsc(0, 0n, 3n * FS_PER_US);
    expect(tsc.readTscAdjust(0)).toBe(-3_000n);
  });

  it('reset zeroes the counter and TSC_ADJUST', () => {
    const { tsc } = setup();
    tsc.writeTscAdjust(1, 77n, 0n);
    tsc.reset(1, FS_PER_US);
    expect(tsc.peekCycles(1, FS_PER_US)).toBe(0n);
    expect(tsc.peekCycles(1, 2n * FS_PER_US)).toBe(1_000n);
    expect(tsc.readTscAdjust(1)).toBe(0n);
  });

  it('an invariant TSC ignores halts; a non-invariant one stops while halted', () => {
    const invariant = setup().tsc;
    invariant.halt(0, FS_PER_US);
    expect(invariant.peekCycles(0, 3n * FS_PER_US)).toBe(3_000n);
    const { tsc } = setup({ rateClass: 'stops-when-halted' });
    tsc.halt(0, FS_PER_US);
    expect(tsc.peekCycles(0, 3n * FS_PER_US)).toBe(1_000n);
    tsc.resume(0, 3n * FS_PER_US);
    expect(tsc.peekCycles(0, 4n * FS_PER_US)).toBe(2_000n);
    expect(tsc.peekCycles(1, 4n * FS_PER_US)).toBe(4_000n);
  });

  it('jumps and set_drift act on one CPU at run time', () => {
    const { tsc } = setup();
    tsc.jump(1, -300n, FS_PER_US);
    expect(tsc.peekCycles(1, FS_PER_US)).toBe(700n);
    expect(tsc.peekCycles(0, FS_PER_US)).toBe(1_000n);
    tsc.setDrift(0, rational(1000n), FS_PER_MS);
    expect(tsc.peekCycles(0, 2n * FS_PER_MS)).toBe(2_001_000n);
  });

  it('ITM: raises the CPU timer line exactly when the ITC reaches the match value', () => {
    const { tsc, host } = setup({
      offsetsCycles: [0n, 40n],
      perCpuClock: [{}, { driftPpm: rational(100n) }],
    });
    tsc.setMatch(1, 1_000_040n, 0n);
    const at = tsc.timeOfValue(1, 1_000_040n, 0n)!;
    expect(tsc.peekCycles(1, at)).toBe(1_000_040n);
    expect(tsc.peekCycles(1, at - 1n)).toBe(1_000_039n);
    host.stepTo(at - 1n);
    expect(host.irqs).toEqual([]);
    host.stepTo(FS_PER_S);
    expect(host.irqs).toEqual([{ atFs: at, line: { kind: 'cpu-timer', cpu: 1 }, level: true }]);
  });

  it('ITM: a new match replaces the old one; a stopped counter never matches', () => {
    const { tsc, host } = setup({ rateClass: 'stops-when-halted' });
    tsc.setMatch(0, 5_000n, 0n);
    tsc.setMatch(0, 3_000n, FS_PER_US);
    tsc.halt(1, 0n);
    tsc.setMatch(1, 10n, 0n);
    host.stepTo(10n * FS_PER_US);
    expect(host.irqs).toEqual([
      { atFs: 3n * FS_PER_US, line: { kind: 'cpu-timer', cpu: 0 }, level: true },
    ]);
  });

  it('snapshot then restore gives the same counters and the same ITM interrupt', () => {
    const a = setup({ rateClass: 'stops-when-halted' });
    a.tsc.writeTsc(0, 99n, FS_PER_US);
    a.tsc.halt(1, FS_PER_US);
    a.tsc.setMatch(0, 50_000n, FS_PER_US);
    a.host.stepTo(2n * FS_PER_US);
    const b = setup({ rateClass: 'stops-when-halted' });
    b.host.stepTo(2n * FS_PER_US);
    b.tsc.restore(structuredClone(a.tsc.snapshot()), b.host.nowFs);
    a.host.stepTo(FS_PER_MS);
    b.host.stepTo(FS_PER_MS);
    expect(b.host.irqs).toEqual(a.host.irqs);
    expect(b.host.irqs).toHaveLength(1);
    expect(b.tsc.peekCycles(1, FS_PER_MS)).toBe(a.tsc.peekCycles(1, FS_PER_MS));
    expect(b.tsc.peekCycles(0, FS_PER_MS)).toBe(a.tsc.peekCycles(0, FS_PER_MS));
  });

  it('ITM on a wandering crystal: a match far away is searched in bounded steps, never hangs', () => {
    const wander = {
      stepPpm: rational(1n),
      everyFs: FS_PER_US,
      minPpm: rational(-5n),
      maxPpm: rational(5n),
    };
    const { tsc, host } = setup({ clock: { wander } });
    tsc.setMatch(0, 0n, FS_PER_US / 2n);
    // the match is 2^64 cycles away: only a re-check event is armed
    expect(host.deadlines).toHaveLength(1);
    expect(host.deadlines[0]!).toBeLessThan(FS_PER_MS);
    const target = tsc.peekCycles(0, 300n * FS_PER_US) + 1_000n;
    tsc.setMatch(0, target, 0n);
    host.stepTo(FS_PER_MS);
    expect(host.irqs).toHaveLength(1);
    expect(tsc.peekCycles(0, host.irqs[0]!.atFs)).toBe(target);
    expect(tsc.peekCycles(0, host.irqs[0]!.atFs - 1n)).toBe(target - 1n);
  });

  it('draws per-CPU offsets from a distribution, the same for the same seed', () => {
    const make = (seed: bigint) =>
      setup({ cpus: 8, offsetsCycles: uniform(-250n, 250n), rng: fakeRng(seed) }).tsc;
    const offsets = (tsc: CycleCounter) =>
      Array.from({ length: 8 }, (_, cpu) => tsc.peekCycles(cpu, 0n));
    const a = offsets(make(1n));
    expect(offsets(make(1n))).toEqual(a);
    expect(offsets(make(2n))).not.toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(1);
    for (const o of a)
      expect(BigInt.asIntN(64, o) >= -250n && BigInt.asIntN(64, o) <= 250n).toBe(true);
    expect(() => setup({ offsetsCycles: [1n] })).toThrow(/offsets_cycles/);
  });
});
