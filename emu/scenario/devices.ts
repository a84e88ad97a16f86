// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `devices` list and the `interpolators` entry, as the registry's descriptors define them
 * (docs/scenario.md, "devices" and "interpolators"): one entry, chosen by its `type` (`driver`).
 */
import { z } from 'zod';
import type { Registry } from './registry.js';
import type { DeviceConfig, InterpolatorConfig } from './types.js';

type Discriminable = z.core.$ZodTypeDiscriminable;

/** zod wants a non-empty tuple of options; a registry without entries has nothing to accept. */
function union(key: string, options: readonly z.ZodType[]): z.ZodType {
  if (options.length === 0) return z.never();
  return z.discriminatedUnion(key, options as unknown as [Discriminable, ...Discriminable[]]);
}

/**
 * One device, chosen by `type`. The output is typed as the built-in entries' union: an entry of a
 * type added to the registry is its own descriptor's Config, which code narrowing on `type` skips.
 */
export const deviceEntryOf = (r: Registry): z.ZodType<DeviceConfig> =>
  union(
    'type',
    r.devices().map((d) => d.schema),
  ) as z.ZodType<DeviceConfig>;

/** One interpolator registration, chosen by `driver`. */
export const interpolatorEntryOf = (r: Registry): z.ZodType<InterpolatorConfig> =>
  union(
    'driver',
    r.drivers().map((d) => d.schema),
  ).meta({
    id: 'InterpolatorEntry',
    description: 'a driver and the device it reads',
  }) as z.ZodType<InterpolatorConfig>;
