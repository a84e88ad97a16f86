// SPDX-License-Identifier: GPL-2.0-only
/** arch/ia64/kernel/cyclone.c: the cyclone interpolator. */
import { describe, expect, it } from 'vitest';
import {
  cycloneInterpolator,
  init_cyclone_clock,
} from '../../../../../interpolator/arch/ia64/kernel/cyclone.js';
import { registered } from '../../../registered-harness.js';

describe('cyclone_interpolator', () => {
  it('cyclone: MMIO64, 40-bit mask, 100 MHz, drift -100, nsec_per_cyc 655 360', () => {
    const ti = cycloneInterpolator({ counterAddr: 0xfeb00000n });
    registered(ti, init_cyclone_clock);
    expect(ti).toMatchObject({
      source: 1n,
      shift: 16n,
      mask: (1n << 40n) - 1n,
      frequency: 100_000_000n,
      drift: -100n,
      jitter: 0n,
      nsec_per_cyc: 655_360n,
    });
  });
});
