// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu explain FILE`: narrates a chosen read, chosen ticks, or the interpolator's arithmetic,
 * in the kernel's names and numbers (docs/cli.md, "explain"); `--json` gives the same as a document.
 */
import { type Explanation, explain } from '../../explain/explain.js';
import { explanationLines, type Paint, PLAIN } from '../../explain/text.js';
import { UsageError } from '../errors.js';
import { EXIT_OK } from '../exit-codes.js';
import { type CliIo, colorsFor } from '../io.js';
import { packageRoot } from '../package-root.js';
import { type ExplainArgs, parseBehind, parseSelection } from './explain-options.js';
import { loadScenarios, resolveScenarioArg } from './run-inputs.js';
import { parseSeed } from './run-options.js';

/** bigints as decimal strings: exact in any JSON reader */
const jsonText = (e: Explanation): string =>
  JSON.stringify(
    { format: 'timer-emu-explain', version: 1, ...e },
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
    2,
  );

function missing(e: Explanation, a: ExplainArgs, cpu: number): string | null {
  if ((a.read !== undefined || a.at !== undefined) && e.read === null)
    return `explain: cpu ${cpu} made no such read (${a.read !== undefined ? `--read ${a.read}` : `--at ${a.at}`}) in the scenario's duration`;
  if (a.tick !== undefined && e.ticks.length === 0)
    return `explain: no such call of time_interpolator_update (--tick ${a.tick}) in the scenario's duration`;
  if (a.arith === true && e.arith === null)
    return 'explain: --arith: no interpolator was registered';
  return null;
}

export function explainCommand(a: ExplainArgs, io: CliIo, root: string = packageRoot()): number {
  const selection = parseSelection(a);
  const seed = a.seed === undefined ? undefined : parseSeed(a.seed);
  const behindCycles = parseBehind(a.behind);
  const [loaded] = loadScenarios([resolveScenarioArg(a.file, root)]);
  const scenario = loaded!.scenario;
  if (selection.cpu >= scenario.machine.cpus)
    throw new UsageError(
      `--cpu: ${selection.cpu} is not a CPU of ${scenario.name} (it has ${scenario.machine.cpus})`,
    );
  const e = explain(scenario, {
    selection,
    arith: a.arith === true,
    behindCycles,
    ...(seed === undefined ? {} : { seed }),
  });
  const why = missing(e, a, selection.cpu);
  if (why !== null) throw new UsageError(why);
  if (a.json === true) {
    io.stdout.write(`${jsonText(e)}\n`);
    return EXIT_OK;
  }
  const chalk = colorsFor(io.stdout, io);
  const paint: Paint =
    chalk.level === 0 ? PLAIN : { heading: (s) => chalk.bold(s), note: (s) => chalk.yellow(s) };
  io.stdout.write(`${explanationLines(e, paint).join('\n')}\n`);
  return EXIT_OK;
}
