// SPDX-License-Identifier: GPL-2.0-only
/** Running a loaded scenario in this process: the machine's result and its `expect` verdicts. */
import { buildMachine, type RunResult } from '../machine/machine.js';
import { checkExpectations, type ExpectationResult } from '../report/expectations.js';
import type { Registry } from '../scenario/registry.js';
import type { Scenario } from '../scenario/types.js';

export interface RunOptions {
  /** the run's seed (default: the scenario's `seed`) */
  readonly seed?: bigint;
  /** simulated time to run, fs (default: the scenario's `duration`) */
  readonly durationFs?: bigint;
  /** the registry the scenario was loaded with, when it holds user device types */
  readonly registry?: Registry;
}

export interface ScenarioRun {
  readonly scenario: Scenario;
  /** the machine's figures: reads, verdicts of the checkers, kernel state at the end */
  readonly result: RunResult;
  /** one line per `expect` key, in the report's order */
  readonly expectations: readonly ExpectationResult[];
  /** every expectation holds (`timer-emu run` exits 0) */
  readonly passed: boolean;
}

/** Builds the scenario's machine, runs it to the end and checks the scenario's `expect` block. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const result = buildMachine(scenario, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.durationFs === undefined ? {} : { durationFs: options.durationFs }),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
  }).run();
  const expectations = checkExpectations(scenario.expect, result);
  return { scenario, result, expectations, passed: expectations.every((e) => e.pass) };
}
