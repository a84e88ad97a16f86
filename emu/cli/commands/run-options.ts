// SPDX-License-Identifier: GPL-2.0-only
/** The options of `run` and `start`, parsed and checked before any scenario runs. */
import { MAX_TIME_TEXT, timeWithinLimit } from '../../base/limits.js';
import { parseDurationFs, UnitError } from '../../base/units.js';
import { UsageError } from '../errors.js';
import type { TraceFilterOptions } from './trace-options.js';

export interface RunOptions extends TraceFilterOptions {
  readonly scenarios: readonly string[];
  /** `--plugin` files: ES modules of device descriptors (docs/adding-a-device.md) */
  readonly plugin?: readonly string[];
  /** decimal or 0x hex */
  readonly seed?: string;
  /** a duration such as "250ms" */
  readonly duration?: string;
  readonly json?: boolean;
  readonly trace?: string;
  readonly vcd?: string;
  /** write the HTML report (charts) of the run to this file */
  readonly html?: string;
  /** a Chrome trace-event file for ui.perfetto.dev */
  readonly perfetto?: string;
  /** no banner (seed and hash) on stderr, no summaries, no progress: warnings and the table */
  readonly quiet?: boolean;
  /** the per-scenario summaries before the table (default true; `start` prints the table only) */
  readonly summaries?: boolean;
  /** worker threads for the runs (default 1 here; the command line defaults to every core) */
  readonly jobs?: string;
  /** runs per scenario, with consecutive seeds (default 1) */
  readonly seeds?: string;
  /** `K/N`: only the runs of the K-th of N shards */
  readonly shard?: string;
}

/** The most worker threads `--jobs` may ask for. */
export const MAX_JOBS = 256;

export function parseJobs(text: string): number {
  if (!/^[0-9]{1,4}$/.test(text.trim()))
    throw new UsageError(`--jobs: ${text} is not a number of worker threads from 1 to ${MAX_JOBS}`);
  const n = Number(text);
  if (n < 1 || n > MAX_JOBS)
    throw new UsageError(`--jobs: give from 1 to ${MAX_JOBS} worker threads, not ${n}`);
  return n;
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
    // the scenario's own duration has this limit too (its times stay inside the scheduler's range)
    if (!timeWithinLimit(fs))
      throw new UsageError(
        `--duration: ${text} must be at most ${MAX_TIME_TEXT} (docs/cli.md, "Limits")`,
      );
    return fs;
  } catch (err) {
    if (err instanceof UnitError) throw new UsageError(`--duration: ${err.message}`);
    throw err;
  }
}
