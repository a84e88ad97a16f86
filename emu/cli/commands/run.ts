// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu run <scenario..>`: check every option and output, load every scenario (an invalid
 * one is exit 2, nothing runs), run each on its machine, print per scenario a summary and then the
 * table (or, with `--json`, one versioned JSON document), and return 0 when every expectation is
 * met, 1 otherwise. The seed and the scenario hash of each run go to stderr. A signal stops the run
 * with the figures so far, marked incomplete (exit 130 for SIGINT, 143 for SIGTERM).
 */
import { buildMachine } from '../../machine/machine.js';
import { errorJson } from '../../report/error-json.js';
import { checkExpectations } from '../../report/expectations.js';
import { approxDuration } from '../../report/format.js';
import { resultsTable, scenarioSummary } from '../../report/human.js';
import { runJson, type ScenarioReport } from '../../report/json.js';
import { JsonlWriter } from '../../trace/jsonl.js';
import { Tracer, type TraceSink } from '../../trace/tracer.js';
import { VcdTraceSink } from '../../trace/vcd-sink.js';
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
import { type LoadedScenario, loadScenarios, resolveScenarioArg } from './run-inputs.js';
import { type ProgressStyle, runInSlices } from './run-loop.js';
import { parseDuration, parseSeed, type RunOptions } from './run-options.js';

export type { RunOptions } from './run-options.js';

/** Everything checked before the first run. */
interface RunPlan {
  readonly seed: bigint | undefined;
  readonly durationFs: bigint | undefined;
  readonly trace: OutputPlan | null;
  readonly vcd: OutputPlan | null;
  readonly loaded: readonly LoadedScenario[];
}

function plan(o: RunOptions, root: string): RunPlan {
  if (o.scenarios.length === 0)
    throw new UsageError('run: name at least one scenario file (or a bundled scenario)');
  const seed = o.seed === undefined ? undefined : parseSeed(o.seed);
  const durationFs = o.duration === undefined ? undefined : parseDuration(o.duration);
  const files = o.scenarios.map((arg) => resolveScenarioArg(arg, root));
  const trace = o.trace === undefined ? null : planOutput('--trace', o.trace);
  const vcd = o.vcd === undefined ? null : planOutput('--vcd', o.vcd);
  if ((trace !== null || vcd !== null) && files.length > 1)
    throw new UsageError('--trace and --vcd take one scenario per run');
  checkDistinct(
    files,
    [trace, vcd].filter((p) => p !== null),
  );
  return { seed, durationFs, trace, vcd, loaded: loadScenarios(files) };
}

interface RunContext {
  readonly plan: RunPlan;
  readonly io: CliIo;
  readonly progress: ProgressStyle | null;
  readonly interrupt: RunInterrupt;
}

function traceSinks(l: LoadedScenario, c: RunContext, runSeed: bigint, files: OutputFile[]) {
  const sinks: TraceSink[] = [];
  const open = (p: OutputPlan): OutputFile => {
    const f = openOutput(p, c.io.stdout);
    files.push(f);
    return f;
  };
  if (c.plan.trace !== null) {
    const f = open(c.plan.trace);
    const header = { scenario: l.scenario.name, hash: l.hash, seed: runSeed.toString() };
    sinks.push(new JsonlWriter(f.write, header));
  }
  if (c.plan.vcd !== null) {
    const f = open(c.plan.vcd);
    const devices = l.scenario.devices.filter((d) => d.type !== 'itc' && d.type !== 'tsc');
    sinks.push(
      new VcdTraceSink(
        f.write,
        { cpuCount: l.scenario.machine.cpus, devices: devices.map((d) => d.name) },
        { date: 'timer-emu', top: l.scenario.name },
      ),
    );
  }
  return sinks;
}

/**
 * Runs one scenario, with its trace files if asked. An interrupted run still returns what it
 * measured (`complete: false`), but its trace files are removed: they would be partial.
 */
async function runOne(l: LoadedScenario, c: RunContext) {
  const files: OutputFile[] = [];
  const forget = c.interrupt.onExit(() => {
    for (const f of files) f.abort();
  });
  const runSeed = c.plan.seed ?? l.scenario.seed;
  try {
    const sinks = traceSinks(l, c, runSeed, files);
    const machine = buildMachine(l.scenario, {
      seed: runSeed,
      ...(c.plan.durationFs !== undefined ? { durationFs: c.plan.durationFs } : {}),
      ...(sinks.length > 0 ? { tracer: new Tracer(sinks) } : {}),
    });
    const complete = await runInSlices(machine, {
      progress: c.progress,
      label: l.scenario.name,
      scenarioFs: l.scenario.durationFs,
      stopped: c.interrupt.stopped,
    });
    const result = machine.finish();
    for (const f of files)
      if (complete) f.commit();
      else f.abort();
    return { result, complete };
  } catch (err) {
    for (const f of files) f.abort();
    throw err;
  } finally {
    forget();
  }
}

async function runReport(l: LoadedScenario, c: RunContext, o: RunOptions, results: OutStream) {
  const { io } = c;
  // each warning reads `file:line:col path: warning: message`
  for (const w of l.scenario.warnings) io.stderr.write(`timer-emu: ${w}\n`);
  const runSeed = c.plan.seed ?? l.scenario.seed;
  if (!o.quiet)
    io.stderr.write(
      `timer-emu: run ${l.scenario.name} (${l.file}) seed ${runSeed} sha256 ${l.hash.slice(0, 16)}\n`,
    );
  const { result, complete } = await runOne(l, c);
  if (!complete)
    io.stderr.write(
      `timer-emu: interrupted at ${approxDuration(result.endFs)} of ${approxDuration(result.durationFs)}; figures so far\n`,
    );
  const expectations = checkExpectations(l.scenario.expect, result);
  const report: ScenarioReport = {
    file: l.file,
    hash: l.hash,
    result,
    expectations,
    passed: complete && expectations.every((e) => e.pass),
    complete,
  };
  if (!o.json && !o.quiet && o.summaries !== false)
    results.write(`${scenarioSummary(report, colorsFor(results, io))}\n`);
  return report;
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
    runPlan = plan(o, root);
  } catch (err) {
    if (o.json && err instanceof UsageError) io.stdout.write(errorJson(err.issues, err.message));
    throw err;
  }
  // with an output on stdout (`-`), the results go to stderr
  const onStdout = runPlan.trace?.kind === 'stdout' || runPlan.vcd?.kind === 'stdout';
  const results = onStdout ? io.stderr : io.stdout;
  const interrupt = new RunInterrupt(host, (line) => io.stderr.write(`\ntimer-emu: ${line}\n`));
  const c: RunContext = { plan: runPlan, io, progress: progressStyle(o, io.stderr), interrupt };
  const reports: ScenarioReport[] = [];
  interrupt.install();
  try {
    for (const l of runPlan.loaded) {
      if (interrupt.stopped()) break;
      reports.push(await runReport(l, c, o, results));
    }
  } finally {
    interrupt.uninstall();
  }
  const stoppedCode = interrupt.exitCode();
  const complete = stoppedCode === null;
  if (o.json) results.write(runJson(reports, complete));
  else results.write(resultsTable(reports, colorsFor(results, io), complete));
  if (stoppedCode !== null) return stoppedCode;
  return reports.every((r) => r.passed) ? EXIT_OK : EXIT_FAILED;
}
