// SPDX-License-Identifier: GPL-2.0-only
/**
 * What `timer-emu check` writes: the counterexample file (the shrunk case's scenario with a comment
 * saying how it was found and how to replay it), and its report, as text or as JSON.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { failureLines } from '../../testing/run-case.js';
import { readableScenarioText } from '../../testing/scenario-file.js';
import type { SearchResult } from '../../testing/search.js';
import { errnoCode, OutputIoError } from '../errors.js';
import type { CliIo } from '../io.js';
import { openOutput, planOutput } from '../output-file.js';
import { type CheckPlan, variedText } from './check-plan.js';

export interface FileOutcome {
  readonly plan: CheckPlan;
  readonly result: SearchResult;
  /** the counterexample's path, when a case failed */
  readonly written: string | null;
}

/** `<out>/<name>.counterexample.yaml`. */
export const counterexamplePath = (p: CheckPlan, outDir: string): string =>
  join(outDir, `${p.base.scenario.name}.counterexample.yaml`);

/** The counterexample file's text. */
export function counterexampleText(p: CheckPlan, r: SearchResult, path: string): string {
  const c = r.counterexample!;
  const comment = [
    `A counterexample found by timer-emu check in ${p.file}:`,
    `  timer-emu check ${p.file} --seed ${p.seed} --runs ${p.runs} --vary ${p.vary.join(',')}`,
    `case ${c.index + 1} of ${p.runs} failed ${c.property}; shrunk in ${c.shrinkSteps} steps (fast-check seed ${p.seed}, path ${c.path}).`,
    `Replay: timer-emu run ${path}`,
    ...failureLines(c.shrunk.failed).map((l) => `  ${l}`),
  ].join('\n');
  return readableScenarioText(c.shrunk.scenario, c.shrunk.data, p.base.registry, comment);
}

/** Writes the counterexample completely or not at all; returns its path. */
export function writeCounterexample(
  p: CheckPlan,
  r: SearchResult,
  outDir: string,
  io: CliIo,
): string {
  const path = counterexamplePath(p, outDir);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (err) {
    throw new OutputIoError(outDir, errnoCode(err), 'create the folder');
  }
  const f = openOutput(planOutput('--out', path), io.stdout);
  f.write(counterexampleText(p, r, path));
  f.commit();
  return path;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The human report of one file. */
export function outcomeText(o: FileOutcome): string {
  const { plan: p, result: r } = o;
  const c = r.counterexample;
  if (c === null)
    return `check ${p.file}: ${plural(r.casesRun, 'case')} hold (seed ${p.seed}; varied ${variedText(p)}; properties ${p.properties.join(', ')})\n`;
  return [
    `check ${p.file}: case ${c.index + 1} of ${p.runs} FAILED ${c.property}; shrunk in ${plural(c.shrinkSteps, 'step')} to ${plural(c.shrunk.scenario.machine.cpus, 'CPU')}`,
    ...failureLines(c.shrunk.failed).map((l) => `  ${l}`),
    `  wrote ${o.written}`,
    `  replay: timer-emu run ${o.written}`,
    '',
  ].join('\n');
}

/** The JSON report of one file. */
export function outcomeJson(o: FileOutcome): Record<string, unknown> {
  const { plan: p, result: r } = o;
  const c = r.counterexample;
  return {
    file: p.file,
    scenario: p.base.scenario.name,
    seed: p.seed,
    runs: p.runs,
    varied: p.vary,
    properties: p.properties,
    casesRun: r.casesRun,
    passed: c === null,
    failure:
      c === null
        ? null
        : {
            case: c.index + 1,
            property: c.property,
            shrinkSteps: c.shrinkSteps,
            path: c.path,
            cpus: c.shrunk.scenario.machine.cpus,
            failed: c.shrunk.failed,
            counterexample: o.written,
            replay: `timer-emu run ${o.written}`,
          },
  };
}
