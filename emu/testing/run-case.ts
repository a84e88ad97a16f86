// SPDX-License-Identifier: GPL-2.0-only
/**
 * One property-test case: the base scenario with a variation, built and run as a machine in this
 * process, and its properties (the `expect` keys, docs/scenario.md) checked against the run.
 */
import { buildMachine, type RunResult } from '../machine/machine.js';
import { checkExpectations, type ExpectationResult } from '../report/expectations.js';
import { ScenarioError } from '../scenario/errors.js';
import { expect as expectSection } from '../scenario/expect.js';
import { parseScenarioText } from '../scenario/load.js';
import type { Expectations, Scenario } from '../scenario/types.js';
import { applyVariation } from './apply.js';
import { type BaseScenario, type ScenarioData, scenarioText } from './scenario-file.js';
import type { Variation } from './variation.js';

/** Properties as an `expect` block is written: `{ monotonic: true, max_error: '1ms' }`. */
export type Properties = Readonly<Record<string, unknown>>;

export interface CaseResult {
  readonly variation: Variation;
  /** the case's scenario file data and text */
  readonly data: ScenarioData;
  readonly text: string;
  readonly scenario: Scenario;
  readonly result: RunResult;
  readonly expectations: readonly ExpectationResult[];
  /** the properties that do not hold */
  readonly failed: readonly ExpectationResult[];
}

/** Properties written as an `expect` block, validated; a bad one throws naming the key. */
export function parseProperties(p: Properties): Expectations {
  const r = expectSection.safeParse(p);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new TypeError(`properties.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
}

/**
 * Runs the case `v` of `base` and checks `properties` (the case's own `expect` block, which is the
 * base's, when absent).
 */
export function runCase(base: BaseScenario, v: Variation, properties?: Expectations): CaseResult {
  const data = applyVariation(base, v);
  const text = scenarioText(data);
  let scenario: Scenario;
  try {
    scenario = parseScenarioText(text, `${base.file} (case)`, base.registry);
  } catch (err) {
    if (err instanceof ScenarioError)
      throw new Error(
        `a generated case does not load (a bug of timer-emu/testing):\n${err.message}\n${text}`,
      );
    throw err;
  }
  const result = buildMachine(scenario, { registry: base.registry }).run();
  const expectations = checkExpectations(properties ?? scenario.expect, result);
  return {
    variation: v,
    data,
    text,
    scenario,
    result,
    expectations,
    failed: expectations.filter((e) => !e.pass),
  };
}

/** What failed, one line per property: `max_error: expected ≤ 1ms, measured 3ms`. */
export const failureLines = (failed: readonly ExpectationResult[]): string[] =>
  failed.map((e) => `${e.key}: expected ${e.expected}, measured ${e.measured}`);

/**
 * Runs the case and throws when a property does not hold, with the failed properties and the
 * case's scenario file in the message: the shape `test.prop` of @fast-check/vitest expects.
 */
export function assertCase(base: BaseScenario, v: Variation, properties?: Properties): CaseResult {
  const c = runCase(base, v, properties === undefined ? undefined : parseProperties(properties));
  if (c.failed.length > 0)
    throw new Error(
      `${failureLines(c.failed).join('\n')}\nthe failing scenario (save it and replay it with timer-emu run):\n${c.text}`,
    );
  return c;
}
