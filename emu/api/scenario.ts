// SPDX-License-Identifier: GPL-2.0-only
/** Loading a scenario from a file or from text, against the built-in or a user's registry. */
import { loadScenario as loadFile, parseScenarioText } from '../scenario/load.js';
import { builtinRegistry, type Registry } from '../scenario/registry.js';
import type { Scenario } from '../scenario/types.js';

export interface LoadOptions {
  /** the device types and drivers a scenario may use (default: `builtinRegistry()`) */
  readonly registry?: Registry;
}

/** Reads and validates a scenario file; a bad file throws ScenarioError (every finding located). */
export const loadScenario = (file: string, options: LoadOptions = {}): Scenario =>
  loadFile(file, options.registry ?? builtinRegistry());

/** Validates scenario text; `file` names it in the messages of a ScenarioError. */
export const parseScenario = (
  text: string,
  file = 'scenario.yaml',
  options: LoadOptions = {},
): Scenario => parseScenarioText(text, file, options.registry ?? builtinRegistry());
