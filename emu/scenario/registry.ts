// SPDX-License-Identifier: GPL-2.0-only
/**
 * The registry of what a scenario may declare: device types (one descriptor each, from the
 * device's folder), interpolator drivers, and the clock model schema. The loader, the JSON Schema
 * generator, the machine builder and `timer-emu list` all read one registry passed to them; a new
 * device type is one folder plus one `addDevice` (docs/adding-a-device.md). A registry is a value:
 * `builtinRegistry()` returns a fresh one each time.
 *
 * What is derived from the built-in entries (the scenario schema, about 1 ms to build) is built
 * once per process, from a registry of them that is never handed out: each fresh built-in
 * registry reuses it until an entry is added to that registry, which then derives its own.
 */
import type { z } from 'zod';
import { acpiPmDevice } from '../../devices/acpi-pm/descriptor.js';
import { clockModel } from '../../devices/clock/clock-model.js';
import { itcDevice, tscDevice } from '../../devices/cycle-counter/descriptor.js';
import type { AnyDeviceDescriptor, CounterAccess } from '../../devices/descriptor.js';
import { hpetDevice } from '../../devices/hpet/descriptor.js';
import { mmioCounterDevice } from '../../devices/mmio-counter/descriptor.js';
import { builtinDrivers, type DriverDescriptor } from './interpolators.js';
import type { InterpolatorConfig } from './types.js';

/** Which counters a custom interpolator's TIME_SOURCE_* reads. */
const SOURCE_ACCESS: Readonly<Record<string, readonly CounterAccess[]>> = {
  cpu: ['cpu'],
  mmio64: ['mmio'],
  mmio32: ['mmio'],
  function: ['cpu', 'mmio'],
};

/**
 * Fresh built-in registries that no entry has been added to, each mapped to the registry of the
 * same entries it derives from (see `builtinRegistry`).
 */
const builtinTemplateOf = new WeakMap<Registry, Registry>();

export class Registry {
  private readonly deviceByType = new Map<string, AnyDeviceDescriptor>();
  private readonly driverByName = new Map<string, DriverDescriptor>();
  /** what was derived from the entries (schemas); cleared when an entry is added */
  private readonly derivedCache = new Map<(r: Registry) => unknown, unknown>();
  readonly clockModel: z.ZodType = clockModel;

  /** Adds a device type; its `type` must be new. */
  addDevice(d: AnyDeviceDescriptor): this {
    if (this.deviceByType.has(d.type))
      throw new Error(`device type ${d.type} is already registered`);
    this.deviceByType.set(d.type, d);
    this.entriesChanged();
    return this;
  }

  addDriver(d: DriverDescriptor): this {
    if (this.driverByName.has(d.driver))
      throw new Error(`driver ${d.driver} is already registered`);
    this.driverByName.set(d.driver, d);
    this.entriesChanged();
    return this;
  }

  /** The device types, in registration order. */
  devices(): AnyDeviceDescriptor[] {
    return [...this.deviceByType.values()];
  }

  drivers(): DriverDescriptor[] {
    return [...this.driverByName.values()];
  }

  device(type: string): AnyDeviceDescriptor {
    const d = this.deviceByType.get(type);
    if (d === undefined) throw new Error(`no device type ${type} in the registry`);
    return d;
  }

  /** The device types an interpolator entry may read, and how to say it in an error. */
  fittingDeviceTypes(entry: InterpolatorConfig): { types: readonly string[]; who: string } {
    if (entry.driver === 'custom') {
      const access = SOURCE_ACCESS[entry.source] ?? [];
      const types = this.devices()
        .filter((d) => access.includes(d.counterAccess))
        .map((d) => d.type);
      return { types, who: `a custom ${entry.source} source` };
    }
    const reads = this.driverByName.get(entry.driver)?.reads;
    const types = reads !== undefined && 'types' in reads ? reads.types : [];
    return { types, who: `driver ${entry.driver}` };
  }

  /** `build(this)`, computed once until an entry is added. */
  derived<T>(build: (r: Registry) => T): T {
    const template = builtinTemplateOf.get(this);
    if (template !== undefined) return template.derived(build);
    if (!this.derivedCache.has(build)) this.derivedCache.set(build, build(this));
    return this.derivedCache.get(build) as T;
  }

  private entriesChanged(): void {
    builtinTemplateOf.delete(this);
    this.derivedCache.clear();
  }
}

function withBuiltins(r: Registry): Registry {
  for (const d of [hpetDevice, itcDevice, tscDevice, mmioCounterDevice, acpiPmDevice]) {
    r.addDevice(d);
  }
  for (const d of builtinDrivers()) r.addDriver(d);
  return r;
}

/**
 * The built-in entries that every fresh built-in registry derives from: made at the first call,
 * never returned and never changed, so what is derived from it (immutable schemas) holds for each.
 */
let builtinTemplate: Registry | undefined;

/** A fresh registry with the built-in device types and drivers. */
export function builtinRegistry(): Registry {
  builtinTemplate ??= withBuiltins(new Registry());
  const r = withBuiltins(new Registry());
  builtinTemplateOf.set(r, builtinTemplate);
  return r;
}
