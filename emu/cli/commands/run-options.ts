// SPDX-License-Identifier: GPL-2.0-only
/** The options of `run` and `start`, parsed and checked before any scenario runs. */
import { parseDurationFs, UnitError } from '../../base/units.js';
import { UsageError } from '../errors.js';

export interface RunOptions {
  readonly scenarios: readonly string[];
  /** decimal or 0x hex */
  readonly seed?: string;
  /** a duration such as "250ms" */
  readonly duration?: string;
  readonly json?: boolean;
  readonly trace?: string;
  readonly vcd?: string;
  /** no banner (seed and hash) on stderr, no summaries, no progress: warnings and the table */
  readonly quiet?: boolean;
  /** the per-scenario summaries before the table (default true; `start` prints the table only) */
  readonly summaries?: boolean;
}

export function parseSeed(text: string): bigint {
  if (!/^(0x[0-9a-f]+|[0-9]+)$/i.test(text))
    throw new UsageError(`--seed: ${text} is not a decimal or 0x hex integer`);
  const seed = BigInt(text);
  if (seed >= 1n << 64n) throw new UsageError(`--seed: ${text} does not fit 64 bits`);
  return seed;
}

export function parseDuration(text: string): bigint {
  if (text.trim().startsWith('-'))
    throw new UsageError(`--duration: ${text} is negative; give a simulated time such as 250ms`);
  try {
    const fs = parseDurationFs(text);
    if (fs <= 0n) throw new UsageError(`--duration: ${text} must be longer than 0`);
    return fs;
  } catch (err) {
    if (err instanceof UnitError) throw new UsageError(`--duration: ${err.message}`);
    throw err;
  }
}
