// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { arith, arithLines, decimal, powerOfTwo } from '../../../emu/explain/arith.js';
import { fc, test } from '../../property-test.js';

const U64_MAX = (1n << 64n) - 1n;
const hpet = {
  frequencyHz: 14_318_180n,
  shift: 10n,
  mask: U64_MAX,
  nsecPerCyc: (1_000_000_000n << 10n) / 14_318_180n,
  hz: 250n,
  behindCycles: 1n,
};

describe('arith', () => {
  it('works the HPET at shift 10: 71517, 6.563 ppm slow, a one-cycle leap of 208.4 days', () => {
    const r = arith(hpet);
    expect(r.nsecPerCyc).toBe(71517n);
    expect(r.remainder).toBe(1_024_000_000_000n - 71517n * 14_318_180n);
    expect(r.ppmText).toBe('6.563');
    expect(r.leapDaysText).toBe('208.4');
    expect(r.tuningPeriodText).toBe('262.144');
  });

  it('works the ITC at 1.5 GHz, shift 16, 1500 cycles behind: a leap just under 2^48 ns', () => {
    const r = arith({
      ...hpet,
      frequencyHz: 1_500_000_000n,
      shift: 16n,
      nsecPerCyc: 43690n,
      behindCycles: 1500n,
    });
    expect(r.leapNs).toBe(((1n << 64n) - 1500n * 43690n) >> 16n);
    expect(powerOfTwo(r.leapNs)).toBe('2^47 < leap < 2^48');
  });

  it('says a clock without truncation never drains a carried second (the cyclone at 100 MHz)', () => {
    const cyclone = { ...hpet, frequencyHz: 100_000_000n, shift: 16n, nsecPerCyc: 655360n };
    const r = arith(cyclone);
    expect(r.remainder).toBe(0n);
    const lines = arithLines(cyclone, r).join('\n');
    expect(lines).toContain('never drains at this rate');
    expect(lines).not.toContain('never hours');
  });

  test.prop([
    fc.bigInt({ min: 1_000_000n, max: 4_000_000_000n }),
    fc.bigInt({ min: 0n, max: 20n }),
  ])('the truncation loses less than one unit of nsec_per_cyc and never gains', (f, shift) => {
    const r = arith({ ...hpet, frequencyHz: f, shift, nsecPerCyc: (1_000_000_000n << shift) / f });
    expect(r.remainder >= 0n && r.remainder < f).toBe(true);
  });
});

describe('drain of a carried second with tuning', () => {
  it('ends in the least round n with n × remainder + f × n(n − 1) / 2 ≥ 10^9 × 2^shift × HZ / 65536, part way through it', () => {
    const itc = { ...hpet, frequencyHz: 1_500_000_000n, shift: 16n, nsecPerCyc: 43690n };
    const r = arith(itc);
    const target = 1_000_000_000n * (1n << 16n) * 250n;
    const sum = (n: bigint) => 65_536n * (n * r.remainder + (1_500_000_000n * n * (n - 1n)) / 2n);
    const n = BigInt(r.drainRounds);
    expect(sum(n) >= target).toBe(true);
    expect(sum(n - 1n) < target).toBe(true);
    expect(r.drainRounds).toBe(19);
    // 18 whole rounds, then the rest at round 19's loss rate: (target − sum(18)) / (rate × HZ) s
    const rate = r.remainder + 18n * 1_500_000_000n;
    const ms = 18n * 262_144n + ((target - sum(18n)) * 1000n) / (rate * 250n);
    expect(r.drainMinutesText).toBe(`${ms / 60_000n}.${(ms % 60_000n) / 6000n}`);
    expect(r.drainMinutesText).toBe('79.0');
  });
});

describe('decimal', () => {
  it('truncates to the digits asked', () => {
    expect(decimal(1n, 3n, 3)).toBe('0.333');
    expect(decimal(2n, 3n, 0)).toBe('0');
    expect(decimal(1_000_005n, 1000n, 2)).toBe('1000.00');
  });
});

describe('powerOfTwo', () => {
  it('names the powers around a value', () => {
    expect(powerOfTwo(1n << 54n)).toBe('exactly 2^54');
    expect(powerOfTwo(3n)).toBe('2^1 < leap < 2^2');
    expect(powerOfTwo(0n)).toBe('none');
  });
});
