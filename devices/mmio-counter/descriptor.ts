// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `mmio-counter` device type (docs/scenario.md, "type: mmio-counter"): an 8-byte MMIO window;
 * a preset fills every key the entry leaves out.
 */
import { z } from 'zod';
import { type DistSpec, fromSpec } from '../../emu/base/distribution.js';
import { floor, type Rational } from '../../emu/base/rational.js';
import { durationDist, frequencyHz, int, obj, u64 } from '../../emu/base/values.js';
import { type ClockModel, clockConfig, clockModel } from '../clock/clock-model.js';
import { busPort, defineDevice } from '../descriptor.js';
import { deviceName } from '../device-name.js';
import {
  CYCLONE_REAL_HZ,
  MMIO_COUNTER_WINDOW_BYTES,
  MmioCounter,
  SN2_RTC_FALLBACK_HZ,
} from './mmio-counter.js';

export interface MmioCounterConfig {
  readonly type: 'mmio-counter';
  readonly name: string;
  /** the preset that filled the keys the file left out, or null */
  readonly preset: 'cyclone' | 'sn2-rtc' | null;
  readonly bits: number;
  readonly frequencyHz: Rational;
  readonly base: bigint;
  readonly readLatencyFs: DistSpec;
  readonly clock: ClockModel;
}

/**
 * Preset values, as the device model fills them (mmio-counter.ts: the IBM Summit chipset's
 * cyclone counter at the real part's 99.78 MHz, drivers/clocksource/cyclone.c; the SGI SHub RTC,
 * arch/ia64/sn/kernel/sn2/timer.c). The bases are free choices: the bus only needs windows that
 * do not overlap.
 */
const MMIO_PRESETS = {
  cyclone: { bits: 40, frequencyHz: CYCLONE_REAL_HZ, base: 0xfeb00000n, readLatency: '1us' },
  'sn2-rtc': {
    bits: 55,
    frequencyHz: SN2_RTC_FALLBACK_HZ,
    base: 0xfe000000n,
    readLatency: '0.5us',
  },
} as const;

const schema = obj({
  type: z.literal('mmio-counter'),
  name: deviceName,
  preset: z.enum(['cyclone', 'sn2-rtc']).optional().describe('fills every other key'),
  bits: int(1, 64).optional(),
  frequency: frequencyHz.optional(),
  base: u64.optional(),
  read_latency: durationDist.optional(),
  clock: clockModel.prefault({}),
}).transform((d, ctx): MmioCounterConfig => {
  const preset = d.preset === undefined ? undefined : MMIO_PRESETS[d.preset];
  const need = <V>(key: string, value: V | undefined, fallback: () => V): V => {
    if (value !== undefined) return value;
    if (preset === undefined) {
      ctx.issues.push({
        code: 'custom',
        message: `required without a preset (cyclone or sn2-rtc)`,
        input: d,
        path: [key],
      });
    }
    return fallback();
  };
  return {
    type: 'mmio-counter',
    name: d.name,
    preset: d.preset ?? null,
    bits: need('bits', d.bits, () => preset?.bits ?? 64),
    frequencyHz: need('frequency', d.frequency, () => preset?.frequencyHz ?? { num: 1n, den: 1n }),
    base: need('base', d.base, () => preset?.base ?? 0n),
    readLatencyFs: d.read_latency ?? durationDist.parse(preset?.readLatency ?? '1us'),
    clock: d.clock,
  };
});

export const mmioCounterDevice = defineDevice<MmioCounterConfig>({
  type: 'mmio-counter',
  summary: 'free-running MMIO counter; presets cyclone (IBM Summit), sn2-rtc (SGI SHub)',
  schema,
  counterAccess: 'mmio',
  perCpu: false,
  busWindow: (c) => ({ from: c.base, to: c.base + MMIO_COUNTER_WINDOW_BYTES, key: 'base' }),
  limits: () => [],
  create(c, needs) {
    const m = new MmioCounter({
      name: c.name,
      bits: c.bits,
      frequencyHz: c.frequencyHz,
      base: c.base,
      readLatency: fromSpec(c.readLatencyFs, 'fs'),
      clock: clockConfig(c.clock),
      rng: needs.rng,
    });
    return {
      kind: 'counter',
      device: m,
      port: busPort(m, m.oscillator, { width: 64, nominalHz: floor(c.frequencyHz) }),
    };
  },
});
