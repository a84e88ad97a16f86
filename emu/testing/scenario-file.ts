// SPDX-License-Identifier: GPL-2.0-only
/**
 * A scenario as the plain data of its file (what YAML parses to), validated once: the base of a
 * property test. Variations are applied to the file's data, so a case is a file a person can
 * read, with the keys and units of the base as written.
 */
import { parse, stringify } from 'yaml';
import { parseScenarioText } from '../scenario/load.js';
import { builtinRegistry, type Registry } from '../scenario/registry.js';
import { isSerializable, serializeScenario } from '../scenario/serialize.js';
import type { Scenario } from '../scenario/types.js';

export type ScenarioData = Record<string, unknown>;

export interface BaseScenario {
  /** where the base came from, for messages */
  readonly file: string;
  /** the file's data */
  readonly data: ScenarioData;
  /** the loaded base */
  readonly scenario: Scenario;
  /**
   * the device types and drivers its cases load with: one registry for every case, so the
   * scenario schema derived from it is built once, not per case
   */
  readonly registry: Registry;
}

/**
 * Loads the base scenario from its text (device types and drivers of `registry`, default the
 * built-in ones); a bad file throws the loader's ScenarioError.
 */
export function baseScenario(
  text: string,
  file: string,
  registry: Registry = builtinRegistry(),
): BaseScenario {
  const scenario = parseScenarioText(text, file, registry);
  const data = parse(text) as ScenarioData;
  return { file, data, scenario, registry };
}

/** The data as a scenario file (YAML), with an optional leading comment. */
export function scenarioText(data: ScenarioData, comment?: string): string {
  return withComment(stringify(data, { lineWidth: 100 }), comment);
}

/**
 * A loaded scenario as the file a person reads (emu/scenario/serialize.ts: documented key order,
 * units for humans, defaults left out), with an optional leading comment. `data` is the fallback
 * when a user device type of `registry` cannot be written back (it has no `toEntry`).
 */
export function readableScenarioText(
  scenario: Scenario,
  data: ScenarioData,
  registry: Registry | undefined,
  comment?: string,
): string {
  const r = registry ?? builtinRegistry();
  return isSerializable(scenario, r)
    ? withComment(serializeScenario(scenario, r), comment)
    : scenarioText(data, comment);
}

function withComment(body: string, comment: string | undefined): string {
  if (comment === undefined) return body;
  const lines = comment.split('\n').map((l) => (l === '' ? '#' : `# ${l}`));
  return `${lines.join('\n')}\n${body}`;
}
