// SPDX-License-Identifier: GPL-2.0-only
/** Small Distribution fakes for device tests (FOUNDATIONS owns the real constructors). */
import type { Distribution } from '../../../emu/base/distribution.js';

export const constant = (value: bigint): Distribution => ({ sample: () => value, mean: value });

/** Uniform on [lo, hi]. */
export const uniform = (lo: bigint, hi: bigint): Distribution => ({
  sample: (rng) => lo + rng.belowBig(hi - lo + 1n),
  mean: (lo + hi) / 2n,
});
