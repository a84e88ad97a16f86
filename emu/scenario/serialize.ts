// SPDX-License-Identifier: GPL-2.0-only
/**
 * A loaded Scenario back to scenario-file YAML that loads to the same Scenario (only `warnings`,
 * which depend on the file's text and name, may differ). Keys come in the order docs/scenario.md
 * documents them; values are written in the largest exact unit (serialize-values.ts); a key
 * whose value the loader would fill in anyway is left out.
 */
import type { CheckConfig } from './check.js';
import { DEFAULT_DIMENSIONS, DEFAULTS_WORD } from './check.js';
import { interpolatorEntryOf } from './devices.js';
import { EXPECTATION_KEYS, type ExpectationKind } from './expect.js';
import { builtinRegistry, type Registry } from './registry.js';
import { initialJiffiesOf } from './schema.js';
import { kernel as kernelSchema, machine as machineSchema } from './sections.js';
import { type Entry, withoutDefaults } from './serialize-defaults.js';
import { builtinDeviceEntry, isBuiltinDeviceType } from './serialize-devices.js';
import { eventEntry, interpolatorEntry } from './serialize-events.js';
import { cpusValue, tickEntry } from './serialize-sections.js';
import { styledYaml } from './serialize-style.js';
import {
  distValue,
  durationText,
  frequencyEntry,
  intValue,
  nsText,
  rangeValue,
} from './serialize-values.js';
import type { DeviceConfig, Expectations, KernelFault, Range, Scenario } from './types.js';

/** The YAML text of `s`; `registry` serializes its user device types (their `toEntry`). */
export function serializeScenario(s: Scenario, registry: Registry = builtinRegistry()): string {
  return styledYaml(scenarioData(s, registry));
}

/** Whether every device of `s` can be written: a built-in type, or a user type with `toEntry`. */
export const isSerializable = (s: Scenario, registry: Registry = builtinRegistry()): boolean =>
  s.devices.every(
    (d) => isBuiltinDeviceType(d.type) || registry.device(d.type).toEntry !== undefined,
  );

/** `s` as the plain data of its file (what YAML parsing it gives). */
export function scenarioData(s: Scenario, registry: Registry = builtinRegistry()): Entry {
  const out: Entry = { name: s.name };
  if (s.description !== '') out.description = s.description;
  if (s.seed !== 1n) out.seed = intValue(s.seed);
  out.duration = durationText(s.durationFs);
  const kernel = kernelEntry(s);
  if (Object.keys(kernel).length > 0) out.kernel = kernel;
  out.machine = withoutDefaults(machineEntry(s), machineSchema, ['cpus']);
  out.devices = s.devices.map((d) => deviceEntry(d, registry));
  out.interpolators = s.interpolators.map((i) =>
    withoutDefaults(interpolatorEntry(i), interpolatorEntryOf(registry), ['driver', 'device']),
  );
  const tick = tickEntry(s);
  if (Object.keys(tick).length > 0) out.tick = tick;
  out.workload = s.workload.map((g) => ({
    cpus: cpusValue(g.cpus, s.machine.cpus),
    call: g.call,
    ...(g.intervalFs.kind === 'constant' && g.intervalFs.value === 0n
      ? {}
      : { interval: distValue(g.intervalFs, durationText) }),
    ...(g.startFs === 0n ? {} : { start: durationText(g.startFs) }),
    ...(g.count === undefined ? {} : { count: g.count }),
  }));
  if (s.events.length > 0) out.events = s.events.map(eventEntry);
  const expect = expectEntry(s.expect);
  if (Object.keys(expect).length > 0) out.expect = expect;
  if (s.check !== undefined) out.check = checkEntry(s.check);
  return out;
}

function kernelEntry(s: Scenario): Entry {
  const k = s.kernel;
  const full: Entry = {
    revision: k.revision,
    hz: k.hz,
    timekeeper: k.timekeeper,
    boot_wall_time: nsText(k.bootWallTimeNs),
  };
  const out = withoutDefaults(full, kernelSchema, []);
  if (k.initialJiffies !== initialJiffiesOf(k.hz)) out.initial_jiffies = intValue(k.initialJiffies);
  return out;
}

function machineEntry(s: Scenario): Entry {
  const m = s.machine;
  const c = m.coherence;
  return {
    cpus: m.cpus,
    cpu_frequency: frequencyEntry(m.cpuFrequencyHz, 'machine.cpu_frequency'),
    costs: { ...m.costs },
    coherence:
      c.policy !== 'owner-biased'
        ? { policy: c.policy }
        : {
            policy: c.policy,
            reuse_window: durationText(c.reuseWindowFs),
            max_hold: durationText(c.maxHoldFs),
            retry: durationText(c.retryFs),
            cpus_per_node: c.cpusPerNode,
            hop_latency: durationText(c.hopFs),
          },
  };
}

function deviceEntry(d: DeviceConfig, registry: Registry): Entry {
  const descriptor = registry.device(d.type);
  const full = builtinDeviceEntry(d) ?? descriptor.toEntry?.(d);
  if (full === undefined) {
    throw new Error(
      `device type ${d.type} has no toEntry: a scenario with one cannot be written as YAML`,
    );
  }
  return withoutDefaults(full, descriptor.schema, ['type', 'name']);
}

function expectEntry(e: Expectations): Entry {
  const out: Entry = {};
  for (const { key, field, kind } of EXPECTATION_KEYS) {
    const value = e[field];
    if (value !== undefined) out[key] = expectationValue(kind, value);
  }
  return out;
}

function expectationValue(
  kind: ExpectationKind,
  value: NonNullable<Expectations[keyof Expectations]>,
) {
  switch (kind) {
    case 'time':
      return rangeValue(value as Range<bigint>, durationText);
    case 'count':
      return rangeValue(value as Range<bigint>, intValue);
    case 'faults':
      return value === 'none' ? 'none' : [...(value as readonly KernelFault[])];
    case 'plain':
      return value;
  }
}

function checkEntry(c: CheckConfig): Entry {
  const hasDefaults = DEFAULT_DIMENSIONS.every((d) => c.vary.includes(d));
  const vary = hasDefaults
    ? [
        DEFAULTS_WORD,
        ...c.vary.filter((d) => !(DEFAULT_DIMENSIONS as readonly string[]).includes(d)),
      ]
    : [...c.vary];
  return {
    vary,
    ...(c.maxCpus === undefined ? {} : { max_cpus: c.maxCpus }),
    ...(c.driftPpm === undefined ? {} : { drift_ppm: c.driftPpm }),
    ...(c.minDurationFs === undefined ? {} : { min_duration: durationText(c.minDurationFs) }),
    ...(c.runs === undefined ? {} : { runs: c.runs }),
  };
}
