// SPDX-License-Identifier: GPL-2.0-only
/**
 * What a plugin must export (docs/adding-a-device.md, "In your own module"): device descriptors,
 * as the default export (one descriptor or an array) or a named `devices` array. Each descriptor
 * is checked for the members the registry and the machine use, so a wrong one fails at load with
 * a message, not later inside a run.
 */
import type { AnyDeviceDescriptor } from '../../devices/descriptor.js';

const TYPE_NAME = /^[a-z][a-z0-9-]*$/;
const ACCESS = ['cpu', 'mmio'];
const METHODS = ['busWindow', 'limits', 'create'] as const;

/** The descriptors a module's namespace holds; a string saying what is wrong otherwise. */
export function descriptorsOf(module: Record<string, unknown>): unknown[] | string {
  const held = module.devices ?? module.default;
  if (held === undefined) {
    return 'exports no device descriptors: give a default export (a descriptor or an array) or a named `devices` array';
  }
  return Array.isArray(held) ? held : [held];
}

/** Why `d` is no device descriptor, or undefined when it is one. */
export function descriptorProblem(d: unknown): string | undefined {
  if (typeof d !== 'object' || d === null)
    return `is ${d === null ? 'null' : typeof d}, not a descriptor object`;
  const o = d as Record<string, unknown>;
  if (typeof o.type !== 'string' || !TYPE_NAME.test(o.type)) {
    return 'type must be a name of lowercase letters, digits and "-", starting with a letter';
  }
  if (typeof o.summary !== 'string') return `${o.type}: summary must be a string`;
  const schema = o.schema as { safeParse?: unknown } | null | undefined;
  if (typeof schema?.safeParse !== 'function') return `${o.type}: schema must be a zod schema`;
  if (typeof o.counterAccess !== 'string' || !ACCESS.includes(o.counterAccess)) {
    return `${o.type}: counterAccess must be "cpu" or "mmio"`;
  }
  if (typeof o.perCpu !== 'boolean') return `${o.type}: perCpu must be true or false`;
  const missing = METHODS.find((m) => typeof o[m] !== 'function');
  if (missing !== undefined) return `${o.type}: ${missing} must be a function`;
  if (o.toEntry !== undefined && typeof o.toEntry !== 'function') {
    return `${o.type}: toEntry, when given, must be a function`;
  }
  return undefined;
}

export const asDescriptor = (d: unknown): AnyDeviceDescriptor => d as AnyDeviceDescriptor;
