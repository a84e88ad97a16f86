// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { MmioCounter } from '../../../devices/mmio-counter/mmio-counter.js';
import { rational } from '../../../emu/base/rational.js';
import { FS_PER_NS, FS_PER_S, FS_PER_US } from '../../../emu/base/time.js';
import { fakeRng } from '../helpers/fake-rng.js';

describe('MmioCounter', () => {
  it('cyclone: 40 bits at the real 99.78 MHz by default, or at the nominal 100 MHz', () => {
    const nominal = new MmioCounter({
      name: 'cyclone',
      preset: 'cyclone',
      cycloneRealRate: false,
      base: 0xfeb051d0n,
      rng: fakeRng(1n),
    });
    expect(nominal.bits).toBe(40);
    expect(nominal.peek(0n, 64, FS_PER_S)).toBe(100_000_000n);
    const real = new MmioCounter({
      name: 'c',
      preset: 'cyclone',
      base: 0n,
      rng: fakeRng(1n),
    });
    expect(real.peek(0n, 64, FS_PER_S)).toBe(99_780_000n);
    // 2^40 ticks at 100 MHz ≈ 3.05 h: the counter wraps
    const wrapFs = ((1n << 40n) * FS_PER_S) / 100_000_000n;
    expect(nominal.peek(0n, 64, wrapFs + 10n * FS_PER_NS)).toBe(1n);
  });

  it('sn2-rtc: 55 bits at the 10^12/30000 Hz fallback, the same value for every CPU', () => {
    const rtc = new MmioCounter({ name: 'rtc', preset: 'sn2-rtc', base: 0n, rng: fakeRng(1n) });
    expect(rtc.bits).toBe(55);
    expect(rtc.peek(0n, 64, 3n * FS_PER_S)).toBe(100_000_000n);
    expect(rtc.read(0n, 64, FS_PER_S, 0).value).toBe(rtc.read(0n, 64, FS_PER_S, 7).value);
    expect(rtc.read(0n, 64, FS_PER_S, 0).latencyFs).toBe(500n * FS_PER_NS);
  });

  it('serves 32-bit halves at +0/+4 and rejects other accesses', () => {
    const d = new MmioCounter({
      name: 'm',
      bits: 64,
      frequencyHz: rational(1n << 32n),
      base: 0n,
      rng: fakeRng(1n),
    });
    const t = 3n * FS_PER_S + FS_PER_S / 2n;
    expect(d.peek(0n, 64, t)).toBe((3n << 32n) + (1n << 31n));
    expect(d.read(0n, 32, t, 0).value).toBe(1n << 31n);
    expect(d.read(4n, 32, t, 0).value).toBe(3n);
    expect(d.read(2n, 32, t, 0).error).toBeDefined();
    expect(d.read(0n, 16, t, 0).error).toBeDefined();
    expect(d.write(0n, 64).error).toBeUndefined();
    expect(d.write(1n, 8).error).toBeDefined();
  });

  it('timeOfValue inverts the counter, across its wrap', () => {
    const d = new MmioCounter({
      name: 'm',
      bits: 8,
      frequencyHz: rational(1_000_000n),
      base: 0n,
      rng: fakeRng(1n),
    });
    expect(d.timeOfValue(3n, 250n * FS_PER_US)).toBe(259n * FS_PER_US);
    expect(d.counterAt(259n * FS_PER_US)).toBe(3n);
  });

  it('requires a width and a frequency without a preset', () => {
    expect(() => new MmioCounter({ name: 'm', base: 0n, rng: fakeRng(1n) })).toThrow(/bits/);
    expect(() => new MmioCounter({ name: 'm', bits: 32, base: 0n, rng: fakeRng(1n) })).toThrow(
      /frequency/,
    );
  });
});
