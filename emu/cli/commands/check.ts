// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu check FILE... [--vary d1,d2,…] [--runs N] [--seed S] [--out DIR] [--jobs N] [--json]`:
 * property-tests each scenario file's `expect` block over variations of the file (its `check`
 * section, docs/property-testing.md). On a failure it shrinks the case, writes
 * `<DIR>/<name>.counterexample.yaml`, prints the replay command and exits 1; exit 0 when every
 * case of every file holds; 2 for invalid input.
 */

import { exactReplacer } from '../../base/json-integer.js';
import { searchCounterexample } from '../../testing/search.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { packageRoot } from '../package-root.js';
import { registryWith } from '../plugins-option.js';
import { type FileOutcome, outcomeJson, outcomeText, writeCounterexample } from './check-output.js';
import {
  type CheckCliOptions,
  type CheckPlan,
  parseCheckSeed,
  parseRuns,
  planCheck,
} from './check-plan.js';
import { casePool } from './check-pool.js';
import { loadScenarios, resolveScenarioArg } from './run-inputs.js';
import { parseJobs } from './run-options.js';

export interface CheckOptions {
  readonly files: readonly string[];
  /** `--plugin` files: ES modules of device descriptors (docs/adding-a-device.md) */
  readonly plugin?: readonly string[];
  readonly vary?: string;
  readonly runs?: string;
  readonly seed?: string;
  readonly out?: string;
  readonly jobs?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

function cliOptions(o: CheckOptions): CheckCliOptions {
  const c: { -readonly [K in keyof CheckCliOptions]: CheckCliOptions[K] } = {};
  if (o.vary !== undefined) c.vary = o.vary;
  if (o.runs !== undefined) c.runs = parseRuns(o.runs);
  if (o.seed !== undefined) c.seed = parseCheckSeed(o.seed);
  return c;
}

/** A progress line on a terminal: `check x.yaml: 40/100 cases`, rewritten in place. */
function progressOf(
  p: CheckPlan,
  io: CliIo,
  o: CheckOptions,
): ((done: number) => void) | undefined {
  if (o.quiet || o.json || io.stderr.isTTY !== true) return undefined;
  return (done) => io.stderr.write(`\r\x1b[Kcheck ${p.file}: ${done}/${p.runs} cases`);
}

async function checkFile(
  p: CheckPlan,
  o: CheckOptions,
  io: CliIo,
  jobs: number,
): Promise<FileOutcome> {
  const pool = casePool(p.base, Math.min(jobs, p.runs));
  const progress = progressOf(p, io, o);
  try {
    const result = await searchCounterexample(p.base, p.arbitrary, {
      seed: p.seed,
      runs: p.runs,
      ...(pool === null ? {} : { runBatch: pool.runBatch, batchSize: 4 * jobs }),
      ...(progress === undefined ? {} : { onProgress: progress }),
    });
    if (progress !== undefined) io.stderr.write('\r\x1b[K');
    const written =
      result.counterexample === null ? null : writeCounterexample(p, result, o.out ?? '.', io);
    return { plan: p, result, written };
  } finally {
    await pool?.close();
  }
}

export async function checkCommand(
  o: CheckOptions,
  io: CliIo,
  root = packageRoot(),
): Promise<number> {
  const cli = cliOptions(o);
  const plugins = o.plugin ?? [];
  // worker threads know the built-in device types only: with plugins the cases run here
  const jobs = o.jobs === undefined || plugins.length > 0 ? 1 : parseJobs(o.jobs);
  const registry = await registryWith(plugins);
  const loaded = loadScenarios(
    o.files.map((f) => resolveScenarioArg(f, root)),
    registry,
  );
  const plans = loaded.map((l) => planCheck(l, cli, registry));
  const outcomes: FileOutcome[] = [];
  for (const p of plans) {
    const outcome = await checkFile(p, o, io, jobs);
    outcomes.push(outcome);
    if (!o.json) io.stdout.write(outcomeText(outcome));
  }
  if (o.json)
    io.stdout.write(`${JSON.stringify({ check: outcomes.map(outcomeJson) }, exactReplacer, 2)}\n`);
  return outcomes.every((x) => x.result.counterexample === null) ? EXIT_OK : EXIT_FAILED;
}
