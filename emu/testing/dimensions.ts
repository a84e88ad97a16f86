// SPDX-License-Identifier: GPL-2.0-only
/**
 * The dimensions a property test can vary, by the names of a scenario's `check: { vary }` and of
 * `timer-emu check --vary` (defined with the `check` section, emu/scenario/check.ts).
 */
export {
  DEFAULT_DIMENSIONS,
  DEFAULTS_WORD,
  DIMENSIONS,
  type Dimension,
  expandDimensions,
  FAULT_DIMENSIONS,
  isDimension,
} from '../scenario/check.js';
