// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `hpet` device type: its scenario entry (docs/scenario.md, "type: hpet"), its 1 KiB MMIO
 * window, and the factory. The main counter is enabled at time 0, as firmware leaves it.
 */
import { z } from 'zod';
import { type DistSpec, fromSpec } from '../../emu/base/distribution.js';
import { floor, type Rational } from '../../emu/base/rational.js';
import { frequencyOfPeriodFs } from '../../emu/base/units.js';
import {
  durationDist,
  durationFs,
  frequencyHz,
  int,
  obj,
  u64,
  unionError,
} from '../../emu/base/values.js';
import { type ClockModel, clockConfig, clockModel } from '../clock/clock-model.js';
import { busPort, defineDevice } from '../descriptor.js';
import { deviceName } from '../device-name.js';
import { HPET_DEFAULT_PERIOD_FS, Hpet, type HpetQuirks } from './hpet.js';
import {
  ENABLE_CNF,
  GEN_CONF,
  HPET_DEFAULT_BASE,
  HPET_WINDOW_BYTES,
  MAIN_COUNTER_VAL,
  MAX_PERIOD_FS,
} from './hpet.registers.js';

export interface HpetConfig {
  readonly type: 'hpet';
  readonly name: string;
  /** COUNTER_CLK_PERIOD (capabilities register): `period_fs`, or 10^15 / `frequency` rounded to the nearest fs */
  readonly periodFs: bigint;
  /** the rate the counter runs at (before its clock model): exactly 10^15 / periodFs */
  readonly frequencyHz: Rational;
  readonly counterBits: 32 | 64;
  readonly timers: number;
  readonly base: bigint;
  readonly readLatencyFs: DistSpec;
  readonly clock: ClockModel;
  /** the named quirk policies of the model (hpet.config.ts); {} = none */
  readonly quirks: HpetQuirks;
}

/** The model's named quirk policies (HpetQuirks), each at most once. */
const hpetQuirk = z.union(
  [
    z.literal('period-in-ps').transform((): HpetQuirks => ({ periodInPs: true })),
    obj({
      'split-64bit-read': obj({
        gap: durationFs.describe('time between the two 32-bit halves'),
        order: z.enum(['low-high', 'high-low']).optional(),
      }),
    }).transform(
      ({ 'split-64bit-read': q }): HpetQuirks => ({
        split64BitRead: { gapFs: q.gap, ...(q.order === undefined ? {} : { order: q.order }) },
      }),
    ),
    obj({ 'late-comparator': obj({ max_ticks: u64 }) }).transform(
      ({ 'late-comparator': q }): HpetQuirks => ({ lateComparator: { maxTicks: q.max_ticks } }),
    ),
    obj({ 'val-set': z.enum(['single-write', 'always', 'two-writes']) }).transform(
      ({ 'val-set': valSet }): HpetQuirks => ({ valSet }),
    ),
  ],
  {
    error: unionError(
      'period-in-ps, {split-64bit-read: {gap, order}}, {late-comparator: {max_ticks}} or {val-set: single-write | always | two-writes}',
    ),
  },
);

const hpetQuirks = z
  .array(hpetQuirk)
  .default([])
  .transform((list, ctx): HpetQuirks => {
    const merged: Record<string, unknown> = {};
    list.forEach((q, i) => {
      for (const [key, value] of Object.entries(q)) {
        if (key in merged) {
          ctx.issues.push({
            code: 'custom',
            message: 'this quirk is already given',
            input: q,
            path: [i],
          });
        }
        merged[key] = value;
      }
    });
    return merged as HpetQuirks;
  })
  .describe('named quirk policies of the HPET model');

/** COUNTER_CLK_PERIOD holds whole fs: the nearest one to 10^15 / frequency. */
const nearestPeriodFs = ({ num, den }: Rational): bigint =>
  (2n * 1_000_000_000_000_000n * den + num) / (2n * num);

/** The capabilities register holds the period in whole fs (IA-PC HPET 1.0a §2.3.4). */
const schema = obj({
  type: z.literal('hpet'),
  name: deviceName,
  period_fs: u64.optional().describe('COUNTER_CLK_PERIOD, fs (default 69841279)'),
  frequency: frequencyHz
    .optional()
    .describe('instead of period_fs: the period is 10^15 / frequency fs, rounded'),
  counter_bits: z.union([z.literal(32), z.literal(64)]).default(64),
  timers: int(3, 32).default(3),
  base: u64.prefault(`0x${HPET_DEFAULT_BASE.toString(16)}`),
  read_latency: durationDist.prefault('1us'),
  clock: clockModel.prefault({}),
  quirks: hpetQuirks,
}).transform((d, ctx): HpetConfig => {
  if (d.period_fs !== undefined && d.frequency !== undefined) {
    ctx.issues.push({
      code: 'custom',
      message: 'give period_fs or frequency, not both',
      input: d,
      path: ['frequency'],
    });
  }
  let periodFs = d.period_fs ?? HPET_DEFAULT_PERIOD_FS;
  if (d.frequency !== undefined) periodFs = nearestPeriodFs(d.frequency);
  if (periodFs <= 0n || periodFs > MAX_PERIOD_FS) {
    ctx.issues.push({
      code: 'custom',
      message: `the period must be between 1 and ${MAX_PERIOD_FS} fs: COUNTER_CLK_PERIOD is at most 0x05F5E100, a counter of 10 MHz or more (IA-PC HPET 1.0a §2.3.4)`,
      input: d,
      path: [d.frequency !== undefined ? 'frequency' : 'period_fs'],
    });
    periodFs = 1n;
  }
  return {
    type: 'hpet',
    name: d.name,
    periodFs,
    frequencyHz: frequencyOfPeriodFs(periodFs),
    counterBits: d.counter_bits,
    timers: d.timers,
    base: d.base,
    readLatencyFs: d.read_latency,
    clock: d.clock,
    quirks: d.quirks,
  };
});

export const hpetDevice = defineDevice<HpetConfig>({
  type: 'hpet',
  summary: 'IA-PC HPET: main counter (32 or 64 bits), comparators, quirks',
  schema,
  counterAccess: 'mmio',
  perCpu: false,
  busWindow: (c) => ({ from: c.base, to: c.base + HPET_WINDOW_BYTES, key: 'base' }),
  limits: () => [],
  create(c, needs) {
    const hpet = new Hpet({
      name: c.name,
      base: c.base,
      periodFs: c.periodFs,
      counterBits: c.counterBits,
      timers: c.timers,
      readLatency: fromSpec(c.readLatencyFs, 'fs'),
      clock: clockConfig(c.clock),
      quirks: c.quirks,
      rng: needs.rng,
      host: needs.host,
    });
    // GEN_CONF.ENABLE_CNF set at time 0 (IA-PC HPET 1.0a §2.3.5)
    hpet.write(GEN_CONF, 64, ENABLE_CNF, 0n, 0);
    return {
      kind: 'hpet',
      device: hpet,
      port: busPort(hpet, hpet.oscillator, {
        address: hpet.base + MAIN_COUNTER_VAL,
        width: 64,
        nominalHz: floor(c.frequencyHz),
      }),
    };
  },
});
