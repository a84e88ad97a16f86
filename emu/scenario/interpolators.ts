// SPDX-License-Identifier: GPL-2.0-only
/**
 * An `interpolators` entry (also the body of a `register` event). The drivers' fixed parameters
 * (kernel-interpolator.md §8) are the kernel's business; a file names the driver and its device,
 * and a `custom` entry spells out the struct time_interpolator fields.
 */
import { z } from 'zod';
import type { CustomInterpolatorConfig, DeviceType, Driver, InterpolatorConfig } from './types.js';
import { i64, int, obj, u64, wholeHz } from './values.js';

const device = z.string().describe('name of the device this interpolator reads');

const itc = obj({
  driver: z.literal('itc'),
  device,
  nojitter: z.boolean().default(false).describe('the `nojitter` boot option: jitter stays 0'),
});

const fixed = (driver: 'hpet' | 'cyclone' | 'sn2-rtc' | 'sparc64-tick') =>
  obj({ driver: z.literal(driver), device });

const custom = obj({
  driver: z.literal('custom'),
  device,
  source: z.enum(['cpu', 'mmio64', 'mmio32', 'function']).describe('TIME_SOURCE_*'),
  shift: int(0, 255).describe('u8 shift of nsec_per_cyc'),
  jitter: int(0, 255).default(0).describe('u8; non-zero clamps reads to last_cycle'),
  mask: u64.prefault(0).describe('u64 counter mask; 0 when omitted, as in a zeroed struct'),
  drift: i64.prefault(0).describe('long, ppm; −1 = unknown'),
  frequency: wholeHz.optional().describe('u64 counts per second (default: the device frequency)'),
}).transform(
  (c): CustomInterpolatorConfig => ({
    driver: 'custom',
    device: c.device,
    source: c.source,
    shift: c.shift,
    jitter: c.jitter,
    mask: c.mask,
    drift: c.drift,
    ...(c.frequency === undefined ? {} : { frequencyHz: c.frequency }),
  }),
);

export const interpolatorEntry = z
  .discriminatedUnion('driver', [
    itc,
    fixed('hpet'),
    fixed('cyclone'),
    fixed('sn2-rtc'),
    fixed('sparc64-tick'),
    custom,
  ])
  .meta({ id: 'InterpolatorEntry', description: 'a driver and the device it reads' });

/** Which device types each driver can read; for `custom`, by `source`. */
const DRIVER_DEVICES: Readonly<Record<Exclude<Driver, 'custom'>, readonly DeviceType[]>> = {
  itc: ['itc', 'tsc'],
  hpet: ['hpet'],
  cyclone: ['mmio-counter'],
  'sn2-rtc': ['mmio-counter'],
  'sparc64-tick': ['itc', 'tsc'],
};
const SOURCE_DEVICES: Readonly<Record<string, readonly DeviceType[]>> = {
  cpu: ['itc', 'tsc'],
  mmio64: ['hpet', 'mmio-counter', 'acpi-pm'],
  mmio32: ['hpet', 'mmio-counter', 'acpi-pm'],
  function: ['hpet', 'itc', 'tsc', 'mmio-counter', 'acpi-pm'],
};

/** The device types an entry may read, and how to say it in an error. */
export function fittingDeviceTypes(entry: InterpolatorConfig): {
  types: readonly DeviceType[];
  who: string;
} {
  if (entry.driver === 'custom') {
    return { types: SOURCE_DEVICES[entry.source]!, who: `a custom ${entry.source} source` };
  }
  return { types: DRIVER_DEVICES[entry.driver], who: `driver ${entry.driver}` };
}
