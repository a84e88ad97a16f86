// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `kernel`, `machine`, `tick` and `workload` sections. Values that depend on other sections
 * (`cpus: all`, the default tick source, INITIAL_JIFFIES from HZ) are resolved by schema.ts.
 */
import { z } from 'zod';
import type { CoherencePolicy } from '../base/coherence.js';
import { FAIR_COHERENCE } from '../base/coherence.js';
import type { CostTable } from '../base/costs.js';
import { DEFAULT_COSTS } from '../base/costs.js';
import type { DistSpec } from '../base/distribution.js';
import type { Rational } from '../base/rational.js';
import {
  describeValue,
  durationDist,
  durationFs,
  frequencyHz,
  int,
  obj,
  u64,
  unionError,
  wallTimeNs,
} from '../base/values.js';
import { coherence } from './coherence.js';
import type { ReadCall } from './types.js';

export const MAX_CPUS = 16384;

export const kernel = obj({
  revision: z.enum(['2.6.18', '2.6.13']).default('2.6.18').describe('interpolator core revision'),
  hz: z
    .union([z.literal(100), z.literal(250), z.literal(1000), z.literal(1024)], {
      error: (iss) =>
        `expected 100, 250 or 1000 (2.6.18's choices) or 1024 (the fixed ia64 value up to 2.6.12), got ${describeValue(iss.input)}`,
    })
    .default(250),
  timekeeper: int(0, MAX_CPUS - 1)
    .default(0)
    .describe('the CPU that runs do_timer'),
  boot_wall_time: wallTimeNs.prefault('0s').describe('xtime at simulated time 0'),
  initial_jiffies: u64.optional().describe('default INITIAL_JIFFIES = 2^32 − 300·HZ'),
});

const costShape = Object.fromEntries(
  Object.keys(DEFAULT_COSTS).map((name) => [
    name,
    int(name === 'cache_line_transfer' ? 0 : 1, 1_000_000_000).optional(),
  ]),
) as Record<keyof CostTable, z.ZodOptional<ReturnType<typeof int>>>;

export const machine = obj({
  cpus: int(1, MAX_CPUS).describe('number of CPUs'),
  cpu_frequency: frequencyHz.prefault('1.5GHz').describe('core clock, the unit of operation costs'),
  costs: obj(costShape).default({}).describe('overrides of the built-in cost table, in cycles'),
  coherence: coherence.optional(),
}).transform(
  (
    m,
  ): {
    cpus: number;
    cpuFrequencyHz: Rational;
    costs: Partial<CostTable>;
    coherence: CoherencePolicy;
  } => ({
    cpus: m.cpus,
    cpuFrequencyHz: m.cpu_frequency,
    costs: Object.fromEntries(Object.entries(m.costs).filter(([, v]) => v !== undefined)),
    coherence: m.coherence ?? FAIR_COHERENCE,
  }),
);

/** The tick source before resolution: `itc` names no device yet. */
export type TickSourceInput =
  | { kind: 'itc' }
  | { kind: 'ideal' }
  | { kind: 'hpet-timer'; device: string; timer: number };

const TICK_SOURCE_TEXT = /^(itc|ideal|([A-Za-z][A-Za-z0-9_-]*)\.timer(\d+))$/;

export const tick = obj({
  source: z
    .string()
    .regex(TICK_SOURCE_TEXT, {
      error: (iss) =>
        `expected itc, ideal or <hpet name>.timer<N>, got ${describeValue(iss.input)}`,
    })
    .transform((text): TickSourceInput => {
      const m = TICK_SOURCE_TEXT.exec(text)!;
      if (m[2] !== undefined) return { kind: 'hpet-timer', device: m[2], timer: Number(m[3]) };
      return { kind: text as 'itc' | 'ideal' };
    })
    .optional()
    .describe('itc (default with an itc/tsc device), <hpet name>.timer<N>, or ideal'),
  latency: durationDist.prefault(0).describe('interrupt delivery latency'),
});

const CPU_RANGE_TEXT = /^(\d+)-(\d+)$/;

const cpuList = z
  .array(int(0, MAX_CPUS - 1))
  .min(1)
  .transform((cpus, ctx) => {
    const seen = new Set<number>();
    cpus.forEach((cpu, i) => {
      if (seen.has(cpu)) {
        ctx.issues.push({
          code: 'custom',
          message: `cpu ${cpu} is listed twice`,
          input: cpu,
          path: [i],
        });
      }
      seen.add(cpu);
    });
    return [...seen].sort((a, b) => a - b);
  });

const cpuRange = z
  .string()
  .regex(CPU_RANGE_TEXT, {
    error: (iss) =>
      `expected all, a list, or a range such as "0-7", got ${describeValue(iss.input)}`,
  })
  .transform((text, ctx) => {
    const m = CPU_RANGE_TEXT.exec(text)!;
    const first = Number(m[1]);
    const last = Number(m[2]);
    if (first > last) {
      ctx.issues.push({ code: 'custom', message: `range "${text}" runs backwards`, input: text });
      return [];
    }
    if (last >= MAX_CPUS) {
      ctx.issues.push({
        code: 'custom',
        message: `CPU indices end at ${MAX_CPUS - 1}`,
        input: text,
      });
      return [];
    }
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  });

export const readerGroup = obj({
  cpus: z
    .union([z.literal('all'), cpuRange, cpuList], {
      error: unionError('all, a list of CPU indices, or a range such as "0-7"'),
    })
    .describe('all, a list, or a range "a-b"'),
  call: z.enum([
    'getnstimeofday',
    'gettimeofday',
    'clock_gettime_realtime',
    'clock_gettime_monotonic',
  ]),
  interval: durationDist.prefault(0).describe('think time between calls; 0 = back to back'),
  start: durationFs.prefault(0),
  count: int(1, Number.MAX_SAFE_INTEGER).optional().describe('calls per CPU'),
}).transform(
  (
    g,
  ): {
    cpus: 'all' | number[];
    call: ReadCall;
    intervalFs: DistSpec;
    startFs: bigint;
    count?: number;
  } => ({
    cpus: g.cpus,
    call: g.call,
    intervalFs: g.interval,
    startFs: g.start,
    ...(g.count === undefined ? {} : { count: g.count }),
  }),
);
