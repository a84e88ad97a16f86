// SPDX-License-Identifier: GPL-2.0-only
/**
 * The scenario's devices, built by their registry descriptors and mapped: one seeded stream per
 * device (forked from the run's root by `device:<name>`), each model from its descriptor's factory,
 * the ones with a bus window on the bus.
 */
import type { Oscillator } from '../../devices/clock/oscillator.js';
import type { CycleCounter } from '../../devices/cycle-counter/cycle-counter.js';
import type { DeviceInstance } from '../../devices/descriptor.js';
import type { DeviceHost } from '../../devices/device.js';
import type { Rng } from '../base/rng.js';
import type { Bus } from '../engine/bus.js';
import { builtinRegistry, type Registry } from '../scenario/registry.js';
import type { DeviceConfig, Scenario } from '../scenario/types.js';

/** A built device: its model (by the role the machine gives it), its port, its entry. */
export type BuiltDevice = DeviceInstance & { readonly config: DeviceConfig };

export interface MachineDevices {
  readonly byName: ReadonlyMap<string, BuiltDevice>;
  /** the per-CPU counter `get_cycles()` reads (the first itc/tsc device), if any */
  readonly cycleCounter: CycleCounter | undefined;
}

/** The register a driver reads for this device: the HPET main counter, else the device's base. */
export const counterAddress = (d: BuiltDevice): bigint => d.port.counterAddress;

/** Counts per second of a device's nominal clock, as an integer (what firmware would report). */
export const deviceHz = (d: BuiltDevice): bigint => d.port.nominalHz;

/** The oscillators behind a device (one per CPU for a cycle counter), for jumps and drift. */
export const oscillatorsOf = (d: BuiltDevice, _cpus: number): Oscillator[] => d.port.oscillators();

export function buildDevices(
  scenario: Scenario,
  root: Rng,
  bus: Bus,
  hostFor: (name: string) => DeviceHost,
  registry: Registry = builtinRegistry(),
): MachineDevices {
  const byName = new Map<string, BuiltDevice>();
  let cycleCounter: CycleCounter | undefined;
  for (const c of scenario.devices) {
    const built: BuiltDevice = {
      ...registry.device(c.type).create(c, {
        rng: root.fork(`device:${c.name}`),
        host: hostFor(c.name),
        cpus: scenario.machine.cpus,
        cpuFrequencyHz: scenario.machine.cpuFrequencyHz,
      }),
      config: c,
    };
    if (built.port.mmio !== undefined) bus.map(built.port.mmio);
    if (built.kind === 'cycle-counter') cycleCounter ??= built.device;
    byName.set(c.name, built);
  }
  return { byName, cycleCounter };
}
