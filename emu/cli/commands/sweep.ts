// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu sweep FILE --vary key=v1,v2,… [--vary …] [--seeds N]`: runs the scenario at every
 * point of the cross product of the `--vary` values, with every seed, through the same threads
 * (`--jobs`) and shards (`--shard K/N`, joined by `merge`) as `run`, and prints a table of the
 * chosen figures per run (`--figures`); `--json` prints it as a document, `--csv FILE` writes it as
 * CSV, `--html FILE` as a page with a chart per numeric figure (not with `--shard`: a shard has
 * no whole table; `merge --html` makes the page of the shards). Exit 0 once every run has
 * finished, whatever the runs' verdicts (they are in the table).
 */
import { readFileSync } from 'node:fs';
import { sweepPage } from '../../report/html/sweep-page.js';
import type { ScenarioReport } from '../../report/json.js';
import { chartAssets } from '../chart-assets.js';
import { errnoCode, UsageError } from '../errors.js';
import { EXIT_OK } from '../exit-codes.js';
import { type InterruptHost, RunInterrupt } from '../interrupt.js';
import type { CliIo } from '../io.js';
import { checkDistinct, type OutputPlan, openOutput, planOutput } from '../output-file.js';
import { packageRoot } from '../package-root.js';
import { executeRun, scenarioReport } from './execute-run.js';
import { resolveScenarioArg } from './run-inputs.js';
import { parseDuration, parseJobs, parseSeed } from './run-options.js';
import { runOnPool, usesPool } from './run-pool.js';
import { parseSeeds, parseShard, type RunUnit, type Shard, selectShard } from './run-units.js';
import { DEFAULT_FIGURES, FIGURES, type FigureValue, figureDescriptions } from './sweep-figures.js';
import { crossProduct, parseVary, pointScenario, type Vary } from './sweep-points.js';
import { type SweepTable, sweepCsv, sweepJson, sweepTable } from './sweep-table.js';

export interface SweepOptions {
  readonly file: string;
  readonly vary: readonly string[];
  readonly seed?: string;
  readonly seeds?: string;
  readonly duration?: string;
  readonly figures?: string;
  readonly jobs?: string;
  readonly shard?: string;
  readonly json?: boolean;
  readonly csv?: string;
  readonly html?: string;
  readonly quiet?: boolean;
}

/** One run of the sweep with its figures. */
export interface SweepRow {
  readonly position: number;
  readonly values: readonly string[];
  readonly seed: bigint;
  readonly figures: readonly FigureValue[];
}

interface SweepPlan {
  readonly varies: readonly Vary[];
  readonly figures: readonly string[];
  readonly units: readonly RunUnit[];
  readonly pointValues: ReadonlyMap<RunUnit, readonly string[]>;
  readonly totalUnits: number;
  readonly shard: Shard | null;
  readonly durationFs: bigint | undefined;
  readonly jobs: number;
  readonly scenarioName: string;
  readonly csv: OutputPlan | null;
  readonly html: OutputPlan | null;
}

function parseFigures(text: string | undefined): string[] {
  if (text === undefined) return DEFAULT_FIGURES;
  const names = text.split(',').map((f) => f.trim());
  // own keys only: "toString" and the like are inherited by every object
  for (const n of names)
    if (!Object.hasOwn(FIGURES, n))
      throw new UsageError(
        `--figures: no figure ${n}; figures: ${Object.keys(FIGURES).join(', ')}`,
      );
  return names;
}

function readOnce(file: string): string {
  try {
    return readFileSync(file === '/dev/stdin' ? 0 : file, 'utf8');
  } catch (err) {
    throw new UsageError(`${file}: cannot read the file (${errnoCode(err)})`);
  }
}

function plan(o: SweepOptions, root: string): SweepPlan {
  if (o.vary.length === 0) throw new UsageError('sweep: name what to vary: --vary key=v1,v2,…');
  const varies = o.vary.map(parseVary);
  const figures = parseFigures(o.figures);
  const seed = o.seed === undefined ? undefined : parseSeed(o.seed);
  const seeds = o.seeds === undefined ? 1 : parseSeeds(o.seeds);
  const shard = o.shard === undefined ? null : parseShard(o.shard);
  const durationFs = o.duration === undefined ? undefined : parseDuration(o.duration);
  const jobs = o.jobs === undefined ? 1 : parseJobs(o.jobs);
  const file = resolveScenarioArg(o.file, root);
  const csv = o.csv === undefined ? null : planOutput('--csv', o.csv);
  const html = o.html === undefined ? null : planOutput('--html', o.html);
  if (html !== null && shard !== null)
    throw new UsageError(
      '--html takes the whole table, which a shard does not have: merge the shards with merge --html',
    );
  checkDistinct(
    [file],
    [csv, html].filter((p) => p !== null),
  );
  const text = readOnce(file);
  const all: RunUnit[] = [];
  const pointValues = new Map<RunUnit, readonly string[]>();
  let scenarioName = '';
  for (const values of crossProduct(varies)) {
    const loaded = pointScenario(file, text, varies, values);
    scenarioName = loaded.scenario.name;
    const base = seed ?? loaded.scenario.seed;
    for (let k = 0; k < seeds; k++) {
      const unit = { position: all.length, loaded, seed: (base + BigInt(k)) % (1n << 64n) };
      all.push(unit);
      pointValues.set(unit, values);
    }
  }
  const units = selectShard(all, shard);
  return {
    varies,
    figures,
    units,
    pointValues,
    totalUnits: all.length,
    shard,
    durationFs,
    jobs,
    scenarioName,
    csv,
    html,
  };
}

async function runAll(p: SweepPlan, interrupt: RunInterrupt): Promise<ScenarioReport[]> {
  if (usesPool(p.jobs, p.units))
    return runOnPool(p.units, {
      jobs: p.jobs,
      durationFs: p.durationFs,
      interrupt,
      progressLines: false,
      onReport: () => {},
    });
  const reports: ScenarioReport[] = [];
  for (const u of p.units) {
    if (interrupt.stopped()) break;
    const run = await executeRun(u.loaded.scenario, {
      seed: u.seed,
      durationFs: p.durationFs,
      tracer: undefined,
      progress: null,
      stopped: interrupt.stopped,
    });
    reports.push(scenarioReport(u.loaded.file, u.loaded.hash, u.loaded.scenario, run));
  }
  return reports;
}

/** Writes a file output completely, or (an interrupted sweep) not at all. */
function writeFile(plan: OutputPlan, text: string, complete: boolean, io: CliIo): void {
  const f = openOutput(plan, io.stdout);
  f.write(text);
  if (complete) f.commit();
  else f.abort();
}

/**
 * The table as asked: CSV and page files, and the JSON document or the text table, which go to
 * stderr when a file output is the standard output (`-`); the text table not at all then.
 */
function writeOutputs(
  p: SweepPlan,
  rows: readonly SweepRow[],
  complete: boolean,
  o: SweepOptions,
  io: CliIo,
): void {
  const table: SweepTable = { varies: p.varies, figures: p.figures, rows, complete };
  const json = () => {
    const shard =
      p.shard === null
        ? null
        : { ...p.shard, runs: p.totalUnits, positions: rows.map((r) => r.position) };
    return sweepJson(p.scenarioName, table, shard);
  };
  if (p.csv !== null) writeFile(p.csv, sweepCsv(table), table.complete, io);
  if (p.html !== null) {
    const page = sweepPage(JSON.parse(json()), figureDescriptions(p.figures), chartAssets());
    writeFile(p.html, page, table.complete, io);
  }
  const onStdout = [p.csv, p.html].some((f) => f?.kind === 'stdout');
  if (o.json) (onStdout ? io.stderr : io.stdout).write(json());
  else if (!onStdout) io.stdout.write(sweepTable(table));
}

export async function sweepCommand(
  o: SweepOptions,
  io: CliIo,
  root = packageRoot(),
  host?: InterruptHost,
): Promise<number> {
  const p = plan(o, root);
  if (!o.quiet)
    io.stderr.write(
      `timer-emu: sweep ${p.scenarioName}: ${p.units.length} runs${p.shard === null ? '' : ` (shard ${p.shard.index}/${p.shard.count} of ${p.totalUnits})`}\n`,
    );
  const interrupt = new RunInterrupt(host, (line) => io.stderr.write(`\ntimer-emu: ${line}\n`));
  interrupt.install();
  let reports: ScenarioReport[];
  try {
    reports = await runAll(p, interrupt);
  } finally {
    interrupt.uninstall();
  }
  const rows: SweepRow[] = reports.map((r, k) => {
    const u = p.units[k]!;
    return {
      position: u.position,
      values: p.pointValues.get(u)!,
      seed: u.seed,
      figures: p.figures.map((f) => FIGURES[f]!.of(r)),
    };
  });
  const complete = interrupt.exitCode() === null && reports.every((r) => r.complete !== false);
  writeOutputs(p, rows, complete, o, io);
  return interrupt.exitCode() ?? EXIT_OK;
}
