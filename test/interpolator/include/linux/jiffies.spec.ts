// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { hzConstants, SH_DIV } from '../../../../interpolator/include/linux/jiffies.js';
import { timekeeping_init } from '../../../../interpolator/kernel/timer/tick.js';
import { newTimekeepingKernel } from '../../../../interpolator/kernel/timer/timekeeping-state.js';
import { run } from '../../kernel/timer/timekeeping-harness.js';

describe('HZ-derived constants (include/linux/jiffies.h)', () => {
  it.each([
    [100, 7n, 25_600n, 10_000_000n, 10_000n, 10_000_000n, 2_560_000_000n, 5n, 0n],
    [250, 8n, 64_000n, 4_000_000n, 4_000n, 4_000_000n, 1_024_000_000n, 2n, 0n],
    [1000, 10n, 256_000n, 1_000_000n, 1_000n, 1_000_000n, 256_000_000n, 1n, 0n],
    [1024, 10n, 262_144n, 976_563n, 977n, 976_562n, 249_999_872n, 1n, -33_554n],
  ])('HZ=%i', (hz, shiftHz, acthz, tickNsec, tickUsec, nsecPerJiffy, mult, tickadj, timeFreq) => {
    const c = hzConstants(hz);
    expect(c.SHIFT_HZ).toBe(shiftHz);
    expect(c.LATCH).toBe(100_000n);
    expect(c.ACTHZ).toBe(acthz);
    expect(c.TICK_NSEC).toBe(tickNsec);
    expect(c.TICK_USEC).toBe(tickUsec);
    expect(c.NSEC_PER_JIFFY).toBe(nsecPerJiffy);
    expect(c.TICKADJ).toBe(tickadj);
    expect(c.TIME_FREQ).toBe(timeFreq);
    expect(c.INITIAL_JIFFIES).toBe((1n << 32n) - 300n * BigInt(hz));
    const k = newTimekeepingKernel({ hz, revision: '2.6.18' });
    run(timekeeping_init(k));
    expect(k.clock.mult).toBe(mult);
    expect(k.clock.cycle_interval).toBe(1n);
    expect(k.clock.xtime_interval).toBe(mult);
    expect(k.clock.cycle_last).toBe(c.INITIAL_JIFFIES);
    expect(k.tick.tick_nsec).toBe(tickNsec);
  });

  it('SHIFT_HZ follows the jiffies.h ranges and rejects HZ the kernel cannot build', () => {
    expect(hzConstants(12).SHIFT_HZ).toBe(4n);
    expect(hzConstants(191).SHIFT_HZ).toBe(7n);
    expect(hzConstants(192).SHIFT_HZ).toBe(8n);
    expect(hzConstants(1535).SHIFT_HZ).toBe(10n);
    expect(() => hzConstants(11)).toThrow(RangeError);
    expect(() => hzConstants(1536)).toThrow(RangeError);
  });

  it('SH_DIV rounds the fractional part', () => {
    expect(SH_DIV(10n, 3n, 8n)).toBe((3n << 8n) + ((1n << 8n) + 1n) / 3n);
    expect(SH_DIV(1_000_000_000n, 262_144n, 8n)).toBe(976_563n);
  });
});
