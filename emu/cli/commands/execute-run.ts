// SPDX-License-Identifier: GPL-2.0-only
/**
 * One scenario run with one seed, and its verdict: the part of `run` that happens alike on the
 * main thread (`--jobs 1`, and every run with a trace) and in a worker thread (`--jobs N`).
 */
import { buildMachine, type RunResult } from '../../machine/machine.js';
import type { RunObserver } from '../../machine/run-observer.js';
import { checkExpectations } from '../../report/expectations.js';
import type { ScenarioReport } from '../../report/json.js';
import type { Registry } from '../../scenario/registry.js';
import type { Scenario } from '../../scenario/types.js';
import type { Tracer } from '../../trace/tracer.js';
import { type ProgressStyle, runInSlices } from './run-loop.js';

export interface ExecuteOptions {
  readonly seed: bigint;
  readonly durationFs: bigint | undefined;
  readonly tracer: Tracer | undefined;
  /** the device types the scenario was loaded with (default: the built-in ones) */
  readonly registry?: Registry;
  /** sees the run (the HTML report's collector) */
  readonly observer?: RunObserver;
  readonly progress: ProgressStyle | null;
  /** polled between slices: true stops the run with the figures so far */
  readonly stopped: () => boolean;
}

/** Runs the scenario to its end or until stopped. */
export async function executeRun(
  scenario: Scenario,
  o: ExecuteOptions,
): Promise<{ result: RunResult; complete: boolean }> {
  const machine = buildMachine(scenario, {
    seed: o.seed,
    ...(o.durationFs !== undefined ? { durationFs: o.durationFs } : {}),
    ...(o.tracer !== undefined ? { tracer: o.tracer } : {}),
    ...(o.observer !== undefined ? { observer: o.observer } : {}),
    ...(o.registry !== undefined ? { registry: o.registry } : {}),
  });
  const complete = await runInSlices(machine, {
    progress: o.progress,
    label: scenario.name,
    scenarioFs: scenario.durationFs,
    stopped: o.stopped,
  });
  return { result: machine.finish(), complete };
}

/** The verdict of a run: an incomplete run has not passed. */
export function scenarioReport(
  file: string,
  hash: string,
  scenario: Scenario,
  run: { result: RunResult; complete: boolean },
): ScenarioReport {
  const expectations = checkExpectations(scenario.expect, run.result);
  return {
    file,
    hash,
    result: run.result,
    expectations,
    passed: run.complete && expectations.every((e) => e.pass),
    complete: run.complete,
  };
}
