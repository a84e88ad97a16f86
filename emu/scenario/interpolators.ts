// SPDX-License-Identifier: GPL-2.0-only
/**
 * The interpolator drivers a scenario may register: an `interpolators` entry (also the body of a
 * `register` event) names the driver and its device; a `custom` entry spells out the struct
 * time_interpolator fields. The drivers' fixed registration parameters are the kernel's
 * (drivers/char/hpet.c hpet_alloc; arch/ia64/kernel/time.c ia64_init_itm; arch/ia64/kernel/cyclone.c
 * cyclone_interpolator; arch/ia64/sn/kernel/sn2/timer.c sn_timer_init; arch/sparc64/kernel/time.c
 * time_init), built by emu/machine/interpolators.ts.
 */
import { z } from 'zod';
import { i64, int, obj, u64, wholeHz } from '../base/values.js';
import type { CustomInterpolatorConfig, InterpolatorConfig, ItcFirmwareConfig } from './types.js';

/** What a driver reads: the device types it knows, or (custom) any device read the way `source` says. */
export type DriverReads = { readonly types: readonly string[] } | { readonly bySource: true };

/** One interpolator driver: its `driver` name, what `list` says of it, its entry schema. */
export interface DriverDescriptor {
  readonly driver: InterpolatorConfig['driver'];
  readonly summary: string;
  readonly schema: z.ZodType<InterpolatorConfig>;
  readonly reads: DriverReads;
}

const device = z.string().describe('name of the device this interpolator reads');

const fixed = (
  driver: 'hpet' | 'cyclone' | 'sn2-rtc' | 'sparc64-tick',
  summary: string,
  types: readonly string[],
): DriverDescriptor => ({
  driver,
  summary,
  schema: obj({ driver: z.literal(driver), device }),
  reads: { types },
});

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

/**
 * What SAL and PAL report to `ia64_init_itm` (arch/ia64/kernel/time.c): SAL_FREQ_BASE_PLATFORM's
 * frequency and drift, PAL_FREQ_RATIOS' ITC ratio and the SAL platform feature ITC_DRIFT. Defaults:
 * the base is the ITC's own nominal frequency with ratio 1/1, the drift unknown (−1), the flag clear.
 */
const itcFirmware = obj({
  base_frequency: wholeHz
    .optional()
    .describe('SAL_FREQ_BASE_PLATFORM frequency (default: the ITC frequency)'),
  base_drift_ppm: i64.prefault(-1).describe('SAL_FREQ_BASE_PLATFORM drift, ppm; −1 = unknown'),
  itc_ratio: obj({ num: u64, den: u64 })
    .optional()
    .describe('PAL_FREQ_RATIOS ITC ratio (default: ITC frequency / base frequency, reduced)'),
  itc_drift: z
    .boolean()
    .default(false)
    .describe('SAL platform feature ITC_DRIFT: the ITC is then never registered'),
}).transform(
  (f): ItcFirmwareConfig => ({
    baseDriftPpm: f.base_drift_ppm,
    itcDriftFeature: f.itc_drift,
    ...(f.base_frequency === undefined ? {} : { baseHz: f.base_frequency }),
    ...(f.itc_ratio === undefined ? {} : { itcRatio: f.itc_ratio }),
  }),
);

const itc = obj({
  driver: z.literal('itc'),
  device,
  nojitter: z.boolean().default(false).describe('the `nojitter` boot option: jitter stays 0'),
  firmware: itcFirmware.prefault({}).describe('what SAL and PAL report to ia64_init_itm'),
});

/** The built-in drivers, in the order `list` shows them. */
export function builtinDrivers(): DriverDescriptor[] {
  return [
    {
      driver: 'itc',
      summary: 'ia64 ITC, registered on every CPU (shift 16, jitter on SMP unless nojitter)',
      schema: itc,
      reads: { types: ['itc', 'tsc'] },
    },
    fixed('hpet', 'drivers/char/hpet.c: MMIO64, shift 10, all-ones mask, drift 500 ppm', ['hpet']),
    fixed('cyclone', 'IBM Summit cyclone: MMIO64, 100 MHz, 40-bit mask, drift -100 ppm', [
      'mmio-counter',
    ]),
    fixed('sn2-rtc', 'SGI SN2 RTC: MMIO64, 55-bit mask, shift 10, drift unknown', ['mmio-counter']),
    fixed('sparc64-tick', 'sparc64 %tick: the CPU counter, shift 16, drift 0', ['itc', 'tsc']),
    {
      driver: 'custom',
      summary: 'every field of struct time_interpolator given by the scenario',
      schema: custom,
      reads: { bySource: true },
    },
  ];
}
