// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `devices` list (SCENARIO-FORMAT.md, "devices") and the clock model. Defaults follow
 * timer-hardware.md's "Recommended model parameters" tables; where the device models define a
 * default (HPET period and base, mmio-counter presets), it is taken from them.
 */
import { z } from 'zod';
import { staysPositive } from '../../devices/clock/config.js';
import { HPET_DEFAULT_PERIOD_FS, type HpetQuirks } from '../../devices/hpet/hpet.js';
import { HPET_DEFAULT_BASE, MAX_PERIOD_FS } from '../../devices/hpet/hpet.registers.js';
import {
  CYCLONE_NOMINAL_HZ,
  SN2_RTC_FALLBACK_HZ,
} from '../../devices/mmio-counter/mmio-counter.js';
import { ZERO } from '../base/rational.js';
import { frequencyOfPeriodFs } from '../base/units.js';
import type {
  AcpiPmConfig,
  ClockModel,
  CycleCounterConfig,
  HpetConfig,
  MmioCounterConfig,
} from './types.js';
import {
  cyclesDist,
  durationDist,
  durationFs,
  frequencyHz,
  i64,
  int,
  obj,
  positiveDurationFs,
  ppm,
  u64,
  unionError,
} from './values.js';

/** How a clock model that could stop or run backwards is reported. */
export const FREQUENCY_FLOOR = 'the frequency would reach zero or below';

const wander = obj({
  step_ppm: ppm.describe('size of one random-walk step of the frequency, ppm'),
  every: positiveDurationFs.describe('time between steps'),
  min_ppm: ppm,
  max_ppm: ppm,
}).transform((w, ctx) => {
  if (w.step_ppm.num <= 0n) {
    ctx.issues.push({
      code: 'custom',
      message: 'step_ppm must be positive',
      input: w,
      path: ['step_ppm'],
    });
  }
  if (w.min_ppm.num * w.max_ppm.den > w.max_ppm.num * w.min_ppm.den) {
    ctx.issues.push({
      code: 'custom',
      message: 'min_ppm must not exceed max_ppm',
      input: w,
      path: ['min_ppm'],
    });
  }
  return { stepPpm: w.step_ppm, everyFs: w.every, minPpm: w.min_ppm, maxPpm: w.max_ppm };
});

const temperature = obj({
  amplitude_ppm: ppm.describe('peak frequency error of the periodic profile, ppm'),
  period: positiveDurationFs,
}).transform((t) => ({ amplitudePpm: t.amplitude_ppm, periodFs: t.period }));

const jump = obj({
  at: durationFs.describe('when the counter steps'),
  by_cycles: i64.describe('the step in counter cycles; negative = backwards'),
}).transform((j) => ({ atFs: j.at, byCycles: j.by_cycles }));

/** The clock model: every knob optional, all combined. */
export const clockModel = obj(
  {
    drift_ppm: ppm.optional().describe('constant frequency error, ppm'),
    wander: wander.optional(),
    temperature: temperature.optional(),
    jumps: z.array(jump).optional(),
    jitter: obj({
      cycles: cyclesDist.describe('cycles added to each read, never stored'),
    }).optional(),
  },
  'clock model: drift, wander, temperature, jumps and jitter, combined',
)
  .transform((c, ctx): ClockModel => {
    if (!staysPositive(c.drift_ppm ?? ZERO, c)) {
      const at =
        c.drift_ppm !== undefined
          ? ['drift_ppm']
          : c.wander !== undefined
            ? ['wander', 'min_ppm']
            : ['temperature', 'amplitude_ppm'];
      ctx.issues.push({
        code: 'custom',
        message: `${FREQUENCY_FLOOR}: drift_ppm + wander.min_ppm − |temperature.amplitude_ppm| must stay above −1000000`,
        input: c,
        path: at,
      });
    }
    const model: {
      -readonly [K in keyof ClockModel]: ClockModel[K];
    } = { driftPpm: c.drift_ppm ?? { num: 0n, den: 1n }, jumps: c.jumps ?? [] };
    if (c.wander) model.wander = c.wander;
    if (c.temperature) model.temperature = c.temperature;
    if (c.jitter) model.jitterCycles = c.jitter.cycles;
    return model;
  })
  .meta({ id: 'ClockModel' });

const name = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, {
    error: 'a device name is letters, digits, "_" and "-", starting with a letter',
  })
  .describe('unique name, used by interpolators, events and the tick source');

/** The HPET model's named quirk policies (devices/hpet.ts HpetQuirks), each at most once. */
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

/** HPET: the capabilities register holds the period in whole fs (IA-PC HPET 1.0a §2.3.4). */
const hpet = obj({
  type: z.literal('hpet'),
  name,
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
  if (d.frequency !== undefined) {
    // COUNTER_CLK_PERIOD holds whole fs: the nearest one to 10^15 / frequency
    const { num, den } = d.frequency;
    periodFs = (2n * 1_000_000_000_000_000n * den + num) / (2n * num);
  }
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

const perCpuOffsets = z.array(i64).describe("offset of each CPU's counter, cycles, one per CPU");

function cycleCounter<T extends 'itc' | 'tsc'>(type: T, defaultFrequency: string) {
  return obj({
    type: z.literal(type),
    name,
    frequency: frequencyHz.prefault(defaultFrequency),
    offsets_cycles: z
      .union([perCpuOffsets, cyclesDist], {
        error: unionError('a list of cycles (one per CPU) or a distribution'),
      })
      .prefault(0),
    clock: clockModel.optional(),
    per_cpu_clock: z.array(clockModel).optional().describe('one clock model per CPU'),
    read_cost: int(1, 1_000_000_000)
      .optional()
      .describe('cycles per read (default: machine.costs.rdtsc)'),
  }).transform((d, ctx): CycleCounterConfig => {
    if (d.clock !== undefined && d.per_cpu_clock !== undefined) {
      ctx.issues.push({
        code: 'custom',
        message: 'give clock or per_cpu_clock, not both',
        input: d,
        path: ['per_cpu_clock'],
      });
    }
    const out: { -readonly [K in keyof CycleCounterConfig]: CycleCounterConfig[K] } = {
      type: d.type,
      name: d.name,
      frequencyHz: d.frequency,
      offsetsCycles: Array.isArray(d.offsets_cycles)
        ? { kind: 'per-cpu', cycles: d.offsets_cycles }
        : { kind: 'drawn', cycles: d.offsets_cycles },
      clock: d.clock ?? { driftPpm: { num: 0n, den: 1n }, jumps: [] },
    };
    if (d.per_cpu_clock !== undefined) out.perCpuClock = d.per_cpu_clock;
    if (d.read_cost !== undefined) out.readCostCycles = d.read_cost;
    return out;
  });
}

/**
 * Preset values, as the device model fills them (devices/mmio-counter.ts; timer-hardware.md §5, §6).
 * The bases are free choices: the bus only needs windows that do not overlap.
 */
const MMIO_PRESETS = {
  cyclone: { bits: 40, frequencyHz: CYCLONE_NOMINAL_HZ, base: 0xfeb00000n, readLatency: '1us' },
  'sn2-rtc': {
    bits: 55,
    frequencyHz: SN2_RTC_FALLBACK_HZ,
    base: 0xfe000000n,
    readLatency: '0.5us',
  },
} as const;

const mmioCounter = obj({
  type: z.literal('mmio-counter'),
  name,
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

const acpiPm = obj({
  type: z.literal('acpi-pm'),
  name,
  bits: z.union([z.literal(24), z.literal(32)]).default(24),
  read_latency: durationDist.prefault('1us'),
  glitch: z.enum(['none', 'piix4']).default('none'),
  clock: clockModel.prefault({}),
}).transform(
  (d): AcpiPmConfig => ({
    type: 'acpi-pm',
    name: d.name,
    bits: d.bits,
    readLatencyFs: d.read_latency,
    glitch: d.glitch,
    clock: d.clock,
  }),
);

/** One device, chosen by `type`. */
export const device = z.discriminatedUnion('type', [
  hpet,
  cycleCounter('itc', '1.5GHz'),
  cycleCounter('tsc', '2.6GHz'),
  mmioCounter,
  acpiPm,
]);
