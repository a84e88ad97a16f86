// SPDX-License-Identifier: GPL-2.0-only
/** A constant `Distribution`, for device defaults (the scenario normally supplies its own). */
import type { Distribution } from '../emu/base/distribution.js';

export const fixedLatency = (fs: bigint): Distribution => ({ sample: () => fs, mean: fs });
