// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu run <scenario..>`: check every option and output, load every scenario (an invalid
 * one is exit 2, nothing runs), run each on its machine, print per scenario a summary and then the
 * table (or, with `--json`, one versioned JSON document), and return 0 when every expectation is
 * met, 1 otherwise. The seed and the scenario hash of each run go to stderr. A signal stops the run
 * with the figures so far, marked incomplete (exit 130 for SIGINT, 143 for SIGTERM).
 */
import { errorJson } from '../../report/error-json.js';
import { approxDuration } from '../../report/format.js';
import { ReportCollector } from '../../report/html/collector.js';
import { htmlReport } from '../../report/html/html-report.js';
import { resultsTable, scenarioSummary } from '../../report/human.js';
import { runJson, type ScenarioReport, type ShardJson } from '../../report/json.js';
import type { Registry } from '../../scenario/registry.js';
import type { Scenario } from '../../scenario/types.js';
import { FilteredSink, type TraceFilter } from '../../trace/filter.js';
import { JsonlWriter } from '../../trace/jsonl.js';
import { PerfettoSink } from '../../trace/perfetto.js';
import { Tracer, type TraceSink } from '../../trace/tracer.js';
import { VcdTraceSink } from '../../trace/vcd-sink.js';
import { chartAssets } from '../chart-assets.js';
import { UsageError } from '../errors.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import { type InterruptHost, RunInterrupt } from '../interrupt.js';
import { type CliIo, colorsFor, type OutStream } from '../io.js';
import {
  checkDistinct,
  type OutputFile,
  type OutputPlan,
  openOutput,
  planOutput,
} from '../output-file.js';
import { packageRoot } from '../package-root.js';
import { registryWith } from '../plugins-option.js';
import { executeRun, scenarioReport } from './execute-run.js';
import { type LoadedScenario, loadScenarios, resolveScenarioArg } from './run-inputs.js';
import type { ProgressStyle } from './run-loop.js';
import { parseDuration, parseJobs, parseSeed, type RunOptions } from './run-options.js';
import { runOnPool, usesPool } from './run-pool.js';
import {
  expandUnits,
  parseSeeds,
  parseShard,
  type RunUnit,
  type Shard,
  selectShard,
} from './run-units.js';
import { vcdMachine } from './run-vcd.js';
import {
  bytesText,
  estimateTraceBytes,
  estimateVcdBytes,
  SIZE_WARNING_BYTES,
} from './trace-estimate.js';
import { anyTraceFilter, parseTraceFilter } from './trace-options.js';

export type { RunOptions } from './run-options.js';

/** Everything checked before the first run. */
interface RunPlan {
  readonly durationFs: bigint | undefined;
  readonly trace: OutputPlan | null;
  readonly traceFilter: TraceFilter;
  readonly vcd: OutputPlan | null;
  readonly html: OutputPlan | null;
  readonly perfetto: OutputPlan | null;
  /** the runs of this invocation (of this shard) */
  readonly units: readonly RunUnit[];
  /** runs in the unsharded invocation */
  readonly totalUnits: number;
  readonly shard: Shard | null;
  readonly jobs: number;
  /** the built-in device types and the plugins' */
  readonly registry: Registry;
}

/** `--jobs`; 1 with plugins: worker threads know the built-in device types only. */
const jobsOf = (o: RunOptions): number =>
  o.jobs === undefined || (o.plugin ?? []).length > 0 ? 1 : parseJobs(o.jobs);

function plan(o: RunOptions, root: string, registry: Registry): RunPlan {
  if (o.scenarios.length === 0)
    throw new UsageError('run: name at least one scenario file (or a bundled scenario)');
  const seed = o.seed === undefined ? undefined : parseSeed(o.seed);
  const seeds = o.seeds === undefined ? 1 : parseSeeds(o.seeds);
  const shard = o.shard === undefined ? null : parseShard(o.shard);
  const jobs = jobsOf(o);
  const durationFs = o.duration === undefined ? undefined : parseDuration(o.duration);
  const files = o.scenarios.map((arg) => resolveScenarioArg(arg, root));
  const trace = o.trace === undefined ? null : planOutput('--trace', o.trace);
  const vcd = o.vcd === undefined ? null : planOutput('--vcd', o.vcd);
  const html = o.html === undefined ? null : planOutput('--html', o.html);
  const perfetto = o.perfetto === undefined ? null : planOutput('--perfetto', o.perfetto);
  const traceFilter = parseTraceFilter(o);
  if (trace === null && anyTraceFilter(o))
    throw new UsageError(
      '--trace-ops, --trace-kinds, --trace-window and --trace-cpus need --trace',
    );
  const outputs = [trace, vcd, html, perfetto].filter((p) => p !== null);
  if (outputs.length > 0 && (files.length > 1 || seeds > 1 || shard !== null))
    throw new UsageError(
      '--trace, --vcd, --html and --perfetto take one scenario and one seed per run, unsharded',
    );
  checkDistinct(files, outputs);
  const all = expandUnits(loadScenarios(files, registry), seed, seeds);
  const units = selectShard(all, shard);
  return {
    durationFs,
    trace,
    traceFilter,
    vcd,
    html,
    perfetto,
    units,
    totalUnits: all.length,
    shard,
    jobs,
    registry,
  };
}

interface RunContext {
  readonly plan: RunPlan;
  readonly io: CliIo;
  readonly progress: ProgressStyle | null;
  readonly interrupt: RunInterrupt;
  readonly options: RunOptions;
  /** where the summaries and the table go */
  readonly results: OutStream;
}

function traceSinks(u: RunUnit, c: RunContext, files: OutputFile[]) {
  const l = u.loaded;
  const sinks: TraceSink[] = [];
  const open = (p: OutputPlan): OutputFile => {
    const f = openOutput(p, c.io.stdout);
    files.push(f);
    return f;
  };
  if (c.plan.trace !== null) {
    const f = open(c.plan.trace);
    const header = { scenario: l.scenario.name, hash: l.hash, seed: u.seed };
    sinks.push(new FilteredSink(new JsonlWriter(f.write, header), c.plan.traceFilter));
  }
  if (c.plan.vcd !== null) {
    const f = open(c.plan.vcd);
    sinks.push(
      new VcdTraceSink(f.write, vcdMachine(l.scenario), {
        date: 'timer-emu',
        top: l.scenario.name,
      }),
    );
  }
  if (c.plan.perfetto !== null) {
    const f = open(c.plan.perfetto);
    sinks.push(
      new PerfettoSink(f.write, { name: l.scenario.name, cpuCount: l.scenario.machine.cpus }),
    );
  }
  return sinks;
}

/** The HTML report's collector, and the page written into its file once the run is over. */
function htmlOutput(p: OutputPlan, scenario: Scenario, c: RunContext, files: OutputFile[]) {
  const f = openOutput(p, c.io.stdout);
  files.push(f);
  const collector = new ReportCollector(scenario.machine.cpus);
  return {
    collector,
    write: (r: ScenarioReport) => f.write(htmlReport(r, collector, chartAssets())),
  };
}

/**
 * Runs one scenario on this thread, with its trace files if asked. An interrupted run still
 * returns what it measured (`complete: false`), but its trace files are removed: they would be
 * partial.
 */
async function runHere(u: RunUnit, c: RunContext): Promise<ScenarioReport> {
  const files: OutputFile[] = [];
  const forget = c.interrupt.onExit(() => {
    for (const f of files) f.abort();
  });
  try {
    const sinks = traceSinks(u, c, files);
    const html = c.plan.html === null ? null : htmlOutput(c.plan.html, u.loaded.scenario, c, files);
    const run = await executeRun(u.loaded.scenario, {
      seed: u.seed,
      durationFs: c.plan.durationFs,
      registry: c.plan.registry,
      tracer: sinks.length > 0 ? new Tracer(sinks) : undefined,
      ...(html === null ? {} : { observer: html.collector }),
      progress: c.progress,
      stopped: c.interrupt.stopped,
    });
    const report = scenarioReport(u.loaded.file, u.loaded.hash, u.loaded.scenario, run);
    if (run.complete) html?.write(report);
    for (const f of files)
      if (run.complete) f.commit();
      else f.abort();
    return report;
  } catch (err) {
    for (const f of files) f.abort();
    throw err;
  } finally {
    forget();
  }
}

/** A warning on stderr when the trace or the VCD of the run may grow large (docs/outputs.md). */
function warnSize(u: RunUnit, c: RunContext): void {
  const s = u.loaded.scenario;
  const durationFs = c.plan.durationFs ?? s.durationFs;
  const files: [string, bigint][] = [];
  if (c.plan.trace !== null)
    files.push(['--trace', estimateTraceBytes(s, durationFs, c.plan.traceFilter)]);
  if (c.plan.vcd !== null) files.push(['--vcd', estimateVcdBytes(s, durationFs)]);
  for (const [option, bytes] of files)
    if (bytes > SIZE_WARNING_BYTES)
      c.io.stderr.write(
        `timer-emu: warning: ${option} may reach about ${bytesText(bytes)} (estimated from the workload's read rate); narrow it with --duration${option === '--trace' ? ', --trace-window, --trace-cpus or --trace-kinds' : ''}\n`,
      );
}

/** The lines on stderr before a run: its warnings, then (unless quiet) its seed and hash. */
function announce(u: RunUnit, c: RunContext): void {
  const l: LoadedScenario = u.loaded;
  // each warning reads `file:line:col path: warning: message`
  for (const w of l.scenario.warnings) c.io.stderr.write(`timer-emu: ${w}\n`);
  warnSize(u, c);
  if (!c.options.quiet)
    c.io.stderr.write(
      `timer-emu: run ${l.scenario.name} (${l.file}) seed ${u.seed} sha256 ${l.hash.slice(0, 16)}\n`,
    );
}

/** What is printed after a run: a note when it was stopped, its summary. */
function conclude(r: ScenarioReport, c: RunContext): void {
  const { io, options: o } = c;
  if (r.complete === false)
    io.stderr.write(
      `timer-emu: interrupted at ${approxDuration(r.result.endFs)} of ${approxDuration(r.result.durationFs)}; figures so far\n`,
    );
  if (!o.json && !o.quiet && o.summaries !== false)
    c.results.write(`${scenarioSummary(r, colorsFor(c.results, io))}\n`);
}

async function runSequential(c: RunContext): Promise<ScenarioReport[]> {
  const reports: ScenarioReport[] = [];
  for (const u of c.plan.units) {
    if (c.interrupt.stopped()) break;
    announce(u, c);
    const r = await runHere(u, c);
    conclude(r, c);
    reports.push(r);
  }
  return reports;
}

/** Runs on worker threads, printing in the input order what `--jobs 1` prints. */
function runPooled(c: RunContext): Promise<ScenarioReport[]> {
  return runOnPool(c.plan.units, {
    jobs: c.plan.jobs,
    durationFs: c.plan.durationFs,
    interrupt: c.interrupt,
    progressLines: c.progress !== null && !c.progress.tty,
    onReport: (u, r) => {
      announce(u, c);
      conclude(r, c);
    },
  });
}

function shardJson(p: RunPlan): ShardJson | null {
  if (p.shard === null) return null;
  const positions = p.units.map((u) => u.position);
  return { index: p.shard.index, count: p.shard.count, runs: p.totalUnits, positions };
}

function progressStyle(o: RunOptions, stderr: OutStream): ProgressStyle | null {
  if (o.quiet) return null;
  if (stderr.isTTY === true) return o.json ? null : { stream: stderr, tty: true };
  return { stream: stderr, tty: false };
}

/** `host` receives the signals (the process; a fake in tests). */
export async function runCommand(
  o: RunOptions,
  io: CliIo,
  root = packageRoot(),
  host?: InterruptHost,
): Promise<number> {
  let runPlan: RunPlan;
  try {
    runPlan = plan(o, root, await registryWith(o.plugin));
  } catch (err) {
    if (o.json && err instanceof UsageError) io.stdout.write(errorJson(err.issues, err.message));
    throw err;
  }
  // with an output on stdout (`-`), the results go to stderr
  const onStdout = [runPlan.trace, runPlan.vcd, runPlan.html].some((p) => p?.kind === 'stdout');
  const results = onStdout ? io.stderr : io.stdout;
  const interrupt = new RunInterrupt(host, (line) => io.stderr.write(`\ntimer-emu: ${line}\n`));
  const c: RunContext = {
    plan: runPlan,
    io,
    progress: progressStyle(o, io.stderr),
    interrupt,
    options: o,
    results,
  };
  if (runPlan.shard !== null && !o.quiet)
    io.stderr.write(
      `timer-emu: shard ${runPlan.shard.index}/${runPlan.shard.count}: ${runPlan.units.length} of ${runPlan.totalUnits} runs\n`,
    );
  interrupt.install();
  let reports: ScenarioReport[];
  try {
    reports = usesPool(runPlan.jobs, runPlan.units) ? await runPooled(c) : await runSequential(c);
  } finally {
    interrupt.uninstall();
  }
  const stoppedCode = interrupt.exitCode();
  const complete = stoppedCode === null;
  if (o.json) results.write(runJson(reports, complete, shardJson(runPlan)));
  else results.write(resultsTable(reports, colorsFor(results, io), complete));
  if (stoppedCode !== null) return stoppedCode;
  return reports.every((r) => r.passed) ? EXIT_OK : EXIT_FAILED;
}
