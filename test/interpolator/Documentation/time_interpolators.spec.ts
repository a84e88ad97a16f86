// SPDX-License-Identifier: GPL-2.0-only
/** A driver that fills every field (Documentation/time_interpolators.txt). */
import { describe, expect, it } from 'vitest';
import {
  customInterpolator,
  register_custom_interpolator,
} from '../../../interpolator/Documentation/time_interpolators.js';
import { ALL_ONES, registered } from '../registered-harness.js';

describe('custom interpolator', () => {
  it('custom: fields reduced to their C widths', () => {
    const ti = customInterpolator({
      source: 0x1_0003n,
      shift: 0x110n,
      jitter: 0x100n,
      mask: -1n,
      frequency: 1_000_000n,
      drift: (1n << 64n) - 5n,
      addr: 0x1234n,
    });
    expect(ti).toMatchObject({
      source: 3n,
      shift: 16n,
      jitter: 0n,
      mask: ALL_ONES,
      drift: -5n,
      addr: 0x1234n,
    });
    registered(ti, register_custom_interpolator);
  });
});
