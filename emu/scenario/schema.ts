// SPDX-License-Identifier: GPL-2.0-only
/**
 * The zod schema of a scenario file (docs/scenario.md), for the device types and drivers of a
 * registry: structure and value syntaxes from the
 * section modules, then the checks across sections (names unique, references resolve, CPU
 * indices in range) with the path of the offending field, then the resolution of defaults that
 * depend on other sections. The output is a `Scenario` without `warnings` (load.ts adds them).
 */
import { z } from 'zod';
import { obj, positiveDurationFs, u64 } from '../base/values.js';
import { check } from './check.js';
import { deviceEntryOf, interpolatorEntryOf } from './devices.js';
import { eventOf } from './events.js';
import { expect } from './expect.js';
import { type Checked, crossCheck } from './references.js';
import type { Registry } from './registry.js';
import { kernel, machine, readerGroup, tick } from './sections.js';
import type { Hz, Scenario, TickSource } from './types.js';

/** INITIAL_JIFFIES on LP64: `(unsigned long)(unsigned int)(-300*HZ)` = 2^32 − 300·HZ. */
export const initialJiffiesOf = (hz: Hz): bigint => (1n << 32n) - 300n * BigInt(hz);

const bodyOf = (r: Registry) => {
  const interpolatorEntry = interpolatorEntryOf(r);
  return obj({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
        error: 'a scenario name is letters, digits, ".", "_" and "-"',
      })
      .describe('identifier, shown in reports'),
    description: z.string().default('').describe('what the scenario shows, in prose'),
    seed: u64.prefault(1).describe('default seed; --seed overrides'),
    duration: positiveDurationFs.describe('simulated time to run, e.g. "2s"'),
    kernel: kernel.prefault({}),
    machine,
    devices: z.array(deviceEntryOf(r)).describe('the hardware; each has a type and a unique name'),
    interpolators: z.array(interpolatorEntry).describe('registered at boot, in this order'),
    tick: tick.prefault({}).describe('what raises the timer interrupt'),
    workload: z.array(readerGroup).describe('reader groups'),
    events: z.array(eventOf(interpolatorEntry)).default([]).describe('timed events'),
    expect: expect.prefault({}),
    check: check.optional(),
  });
};

/** The scenario schema of registry `r`, built once per registry state. */
export const scenarioSchemaOf = (r: Registry) => r.derived(buildScenarioSchema);

const buildScenarioSchema = (r: Registry) =>
  bodyOf(r)
    // runs despite issues elsewhere (zod skips refinements after any issue by default): crossCheck
    // itself skips the sections that failed
    .superRefine((value, payload) => crossCheck(value as Checked, payload, r), { when: () => true })
    .transform((s): Omit<Scenario, 'warnings'> => {
      const cpus = s.machine.cpus;
      const all = Array.from({ length: cpus }, (_, i) => i);
      return {
        name: s.name,
        description: s.description,
        seed: s.seed,
        durationFs: s.duration,
        kernel: {
          revision: s.kernel.revision,
          hz: s.kernel.hz,
          timekeeper: s.kernel.timekeeper,
          bootWallTimeNs: s.kernel.boot_wall_time,
          initialJiffies: s.kernel.initial_jiffies ?? initialJiffiesOf(s.kernel.hz),
        },
        machine: s.machine,
        devices: s.devices,
        interpolators: s.interpolators,
        tick: { source: resolveTick(s as Checked), latencyFs: s.tick.latency },
        workload: s.workload.map((g) => ({ ...g, cpus: g.cpus === 'all' ? all : g.cpus })),
        events: s.events,
        expect: s.expect,
        ...(s.check === undefined ? {} : { check: s.check }),
      };
    })
    .meta({
      title: 'timer-emu scenario',
      description: 'A timer-emu scenario file (docs/scenario.md).',
    });

function resolveTick(s: Checked): TickSource {
  const source = s.tick.source;
  const counter = s.devices.find((d) => d.type === 'itc' || d.type === 'tsc');
  if (source === undefined) {
    return counter ? { kind: 'itc', device: counter.name } : { kind: 'ideal' };
  }
  if (source.kind === 'itc') return { kind: 'itc', device: counter!.name };
  return source;
}

export type ScenarioInput = z.input<ReturnType<typeof buildScenarioSchema>>;
