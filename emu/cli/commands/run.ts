// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu run <scenario..>`: load every scenario (all are validated before any runs; an invalid
 * one is exit 2), run each on its machine, print per scenario a summary and then the table (or,
 * with `--json`, one versioned JSON document), and return 0 when every expectation is met, 1
 * otherwise. The seed and the scenario hash of each run go to stderr. `--trace` / `--vcd` files
 * are written completely or not at all (a temporary file in the same folder, renamed at the end).
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseDurationFs, UnitError } from '../../base/units.js';
import { buildMachine } from '../../machine/machine.js';
import { checkExpectations } from '../../report/expectations.js';
import { approxDuration } from '../../report/format.js';
import { resultsTable, scenarioSummary } from '../../report/human.js';
import { runJson, type ScenarioReport } from '../../report/json.js';
import { ScenarioError } from '../../scenario/errors.js';
import { loadScenario } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/types.js';
import { JsonlWriter } from '../../trace/jsonl.js';
import { Tracer, type TraceSink } from '../../trace/tracer.js';
import { VcdTraceSink } from '../../trace/vcd-sink.js';
import { UsageError } from '../errors.js';
import { type CliIo, colorsFor, type OutStream } from '../io.js';
import { bundledScenarioFiles } from './list.js';
import { runInSlices } from './run-loop.js';

export interface RunOptions {
  readonly scenarios: readonly string[];
  /** decimal or 0x hex */
  readonly seed?: string;
  /** a duration such as "250ms" */
  readonly duration?: string;
  readonly json?: boolean;
  readonly trace?: string;
  readonly vcd?: string;
  readonly quiet?: boolean;
}

/**
 * A file written through a temporary sibling, renamed into place only by `commit`. Whatever can
 * be checked before the run is: the target must not be a directory and its folder must take the
 * temporary file.
 */
class AtomicFile {
  private readonly tmp: string;
  private fd: number | null;

  constructor(readonly path: string) {
    if (isDirectory(path)) throw new UsageError(`cannot write ${path}: it is a directory`);
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      this.fd = openSync(this.tmp, 'w');
    } catch (err) {
      throw new UsageError(`cannot write ${path} (${(err as NodeJS.ErrnoException).code})`);
    }
  }

  readonly write = (chunk: string): void => {
    if (this.fd !== null) writeSync(this.fd, chunk);
  };

  commit(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    try {
      renameSync(this.tmp, this.path);
    } catch (err) {
      unlinkSync(this.tmp);
      throw new UsageError(`cannot write ${this.path} (${(err as NodeJS.ErrnoException).code})`);
    }
  }

  abort(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    unlinkSync(this.tmp);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function parseSeed(text: string): bigint {
  if (!/^(0x[0-9a-f]+|[0-9]+)$/i.test(text))
    throw new UsageError(`--seed: ${text} is not a decimal or 0x hex integer`);
  const seed = BigInt(text);
  if (seed >= 1n << 64n) throw new UsageError(`--seed: ${text} does not fit 64 bits`);
  return seed;
}

function parseDuration(text: string): bigint {
  try {
    const fs = parseDurationFs(text);
    if (fs <= 0n) throw new UsageError(`--duration: ${text} must be longer than 0`);
    return fs;
  } catch (err) {
    if (err instanceof UnitError) throw new UsageError(`--duration: ${err.message}`);
    throw err;
  }
}

interface Loaded {
  readonly file: string;
  readonly scenario: Scenario;
  readonly hash: string;
}

function loadAll(files: readonly string[]): Loaded[] {
  const loaded: Loaded[] = [];
  const errors: string[] = [];
  for (const file of files) {
    try {
      const scenario = loadScenario(file);
      const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
      loaded.push({ file, scenario, hash });
    } catch (err) {
      if (err instanceof ScenarioError) errors.push(err.message);
      else throw err;
    }
  }
  if (errors.length > 0) throw new UsageError(errors.join('\n'));
  return loaded;
}

interface RunContext {
  readonly seed: bigint | undefined;
  readonly durationFs: bigint | undefined;
  readonly progress: OutStream | null;
  readonly stopped: () => boolean;
}

/**
 * Runs one loaded scenario, with its trace files if asked. An interrupted run still returns what
 * it measured (`complete: false`), but its trace files are removed: they would be partial.
 */
async function runOne(l: Loaded, o: RunOptions, c: RunContext) {
  const { seed, durationFs } = c;
  const files: AtomicFile[] = [];
  const sinks: TraceSink[] = [];
  const runSeed = seed ?? l.scenario.seed;
  try {
    if (o.trace !== undefined) {
      const f = new AtomicFile(o.trace);
      files.push(f);
      sinks.push(
        new JsonlWriter(f.write, {
          scenario: l.scenario.name,
          hash: l.hash,
          seed: runSeed.toString(),
        }),
      );
    }
    if (o.vcd !== undefined) {
      const f = new AtomicFile(o.vcd);
      files.push(f);
      const devices = l.scenario.devices.filter((d) => d.type !== 'itc' && d.type !== 'tsc');
      sinks.push(
        new VcdTraceSink(
          f.write,
          { cpuCount: l.scenario.machine.cpus, devices: devices.map((d) => d.name) },
          { date: 'timer-emu', top: l.scenario.name },
        ),
      );
    }
    const machine = buildMachine(l.scenario, {
      seed: runSeed,
      ...(durationFs !== undefined ? { durationFs } : {}),
      ...(sinks.length > 0 ? { tracer: new Tracer(sinks) } : {}),
    });
    const complete = await runInSlices(machine, {
      progress: c.progress,
      label: l.scenario.name,
      stopped: c.stopped,
    });
    const result = machine.finish();
    for (const f of files)
      if (complete) f.commit();
      else f.abort();
    return { result, complete };
  } catch (err) {
    for (const f of files) f.abort();
    throw err;
  }
}

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

export async function runCommand(o: RunOptions, io: CliIo): Promise<number> {
  const seed = o.seed === undefined ? undefined : parseSeed(o.seed);
  const durationFs = o.duration === undefined ? undefined : parseDuration(o.duration);
  if ((o.trace !== undefined || o.vcd !== undefined) && o.scenarios.length > 1)
    throw new UsageError('--trace and --vcd take one scenario per run');
  const loaded = loadAll(o.scenarios);
  const colors = colorsFor(io.stdout, io);
  const reports: ScenarioReport[] = [];
  const progress = io.stderr.isTTY === true && !o.json && !o.quiet ? io.stderr : null;
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    for (const l of loaded) {
      if (interrupted) break;
      reports.push(
        await runReport(l, o, io, { seed, durationFs, progress, stopped: () => interrupted }),
      );
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (o.json) io.stdout.write(runJson(reports));
  else io.stdout.write(resultsTable(reports, colors));
  if (interrupted) return EXIT_INTERRUPTED;
  return reports.every((r) => r.passed) ? 0 : 1;
}

async function runReport(
  l: Loaded,
  o: RunOptions,
  io: CliIo,
  c: RunContext,
): Promise<ScenarioReport> {
  const colors = colorsFor(io.stdout, io);
  // each warning reads `file:line:col path: warning: message`
  for (const w of l.scenario.warnings) io.stderr.write(`timer-emu: ${w}\n`);
  const runSeed = c.seed ?? l.scenario.seed;
  io.stderr.write(
    `timer-emu: run ${l.scenario.name} (${l.file}) seed ${runSeed} sha256 ${l.hash.slice(0, 16)}\n`,
  );
  const { result, complete } = await runOne(l, o, c);
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
    passed: expectations.every((e) => e.pass),
    complete,
  };
  if (!o.json && !o.quiet) io.stdout.write(`${scenarioSummary(report, colors)}\n`);
  return report;
}

/** Every bundled scenario, table only (what `npm start` should run). */
export function runBundledCommand(io: CliIo, root?: string): Promise<number> {
  return runCommand({ scenarios: bundledScenarioFiles(root), quiet: true }, io);
}
