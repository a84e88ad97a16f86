// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu/testing`: property tests of a time source with fast-check (docs/property-testing.md).
 * Load a base scenario, draw variations of it, run each as a machine in this process and state
 * properties as an `expect` block.
 */
export { applyVariation } from './apply.js';
export {
  defaultMaxCpus,
  dimensionArbitraries,
  type VaryOptions,
  variations,
} from './arbitraries.js';
export { DEFAULT_DIMENSIONS, DIMENSIONS, type Dimension, FAULT_DIMENSIONS } from './dimensions.js';
export {
  assertCase,
  type CaseResult,
  failureLines,
  type Properties,
  parseProperties,
  runCase,
} from './run-case.js';
export {
  type BaseScenario,
  baseScenario,
  type ScenarioData,
  scenarioText,
} from './scenario-file.js';
export {
  type BatchRunner,
  type CaseInput,
  type Counterexample,
  drawCases,
  type SearchOptions,
  type SearchResult,
  searchCounterexample,
} from './search.js';
export type * from './variation.js';
