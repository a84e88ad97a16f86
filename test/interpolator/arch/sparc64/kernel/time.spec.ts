// SPDX-License-Identifier: GPL-2.0-only
/** arch/sparc64/kernel/time.c: the %tick interpolator. */
import { describe, expect, it } from 'vitest';
import {
  sparc64_register_interpolator,
  sparc64Interpolator,
} from '../../../../../interpolator/arch/sparc64/kernel/time.js';
import { ALL_ONES, registered } from '../../../registered-harness.js';

describe('sparc64_cpu_interpolator', () => {
  it('sparc64 %tick 1.2 GHz: CPU source, shift 16, all-ones mask, drift 0', () => {
    const ti = sparc64Interpolator({ clockHz: 1_200_000_000n });
    registered(ti, sparc64_register_interpolator);
    expect(ti).toMatchObject({
      source: 0n,
      shift: 16n,
      mask: ALL_ONES,
      drift: 0n,
      jitter: 0n,
      nsec_per_cyc: 54_613n,
    });
  });
});
