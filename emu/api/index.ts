// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu`: the public library API (docs/api.md). Load a scenario, run its machine in this
 * process, read the verdicts and figures, write a scenario back as YAML, add device types of
 * your own. Nothing else of the package is public; `timer-emu/testing` holds the property-test
 * helpers.
 */

export { Oscillator, type OscillatorOptions } from '../../devices/clock/oscillator.js';
export type {
  AnyDeviceDescriptor,
  BusWindow,
  CounterAccess,
  DeviceConfigBase,
  DeviceDescriptor,
  DeviceInstance,
  DeviceNeeds,
  DevicePort,
  LimitIssue,
  MachineShape,
} from '../../devices/descriptor.js';
export { busPort, defineDevice } from '../../devices/descriptor.js';
export type { DeviceHost, MmioDevice } from '../../devices/device.js';
export type { Rational } from '../base/rational.js';
export type { Machine, MachineOptions, RunResult } from '../machine/machine.js';
export { buildMachine } from '../machine/machine.js';
export type { ExpectationResult, ExpectationStatus } from '../report/expectations.js';
export { ScenarioError, type ScenarioIssue } from '../scenario/errors.js';
export { builtinRegistry, Registry } from '../scenario/registry.js';
export { isSerializable, scenarioData, serializeScenario } from '../scenario/serialize.js';
export type {
  DeviceConfig,
  Expectations,
  InterpolatorConfig,
  Scenario,
} from '../scenario/types.js';
export { type RunOptions, runScenario, type ScenarioRun } from './run.js';
export { type LoadOptions, loadScenario, parseScenario } from './scenario.js';
