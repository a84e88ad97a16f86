// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `itc` and `tsc` device types (docs/scenario.md, "type: itc and type: tsc"): one counter per
 * CPU, read by the CPU itself, so no bus window; the lists given per CPU must have one entry per CPU.
 */
import { z } from 'zod';
import { type DistSpec, fromSpec } from '../../emu/base/distribution.js';
import { floor, type Rational } from '../../emu/base/rational.js';
import type { Rng } from '../../emu/base/rng.js';
import { cyclesDist, frequencyHz, i64, int, obj, unionError } from '../../emu/base/values.js';
import { type ClockModel, clockConfig, clockModel, IDEAL_CLOCK } from '../clock/clock-model.js';
import { type DeviceDescriptor, defineDevice, type LimitIssue } from '../descriptor.js';
import { deviceName } from '../device-name.js';
import { CycleCounter, type TscRateClass } from './cycle-counter.js';

export interface CycleCounterConfig {
  readonly type: 'itc' | 'tsc';
  readonly name: string;
  readonly frequencyHz: Rational;
  /** one value per CPU (length = machine.cpus), or drawn per CPU from a distribution */
  readonly offsetsCycles:
    | { readonly kind: 'per-cpu'; readonly cycles: readonly bigint[] }
    | { readonly kind: 'drawn'; readonly cycles: DistSpec };
  /** the model of every CPU's counter (all zero when absent) */
  readonly clock: ClockModel;
  /** when present, CPU i uses perCpuClock[i] instead of `clock` (length = machine.cpus) */
  readonly perCpuClock?: readonly ClockModel[];
  /** cycles per read; absent = the machine's `rdtsc` cost */
  readonly readCostCycles?: number;
  /** `stops-when-halted`: frozen between a CPU's halt and resume events (cycle-counter.ts) */
  readonly rateClass: TscRateClass;
}

const perCpuOffsets = z.array(i64).describe("offset of each CPU's counter, cycles, one per CPU");

function schemaOf<T extends 'itc' | 'tsc'>(type: T, defaultFrequency: string) {
  return obj({
    type: z.literal(type),
    name: deviceName,
    frequency: frequencyHz.prefault(defaultFrequency),
    offsets_cycles: z
      .union([perCpuOffsets, cyclesDist], {
        error: unionError('a list of cycles (one per CPU) or a distribution'),
      })
      .prefault(0),
    clock: clockModel.optional(),
    per_cpu_clock: z.array(clockModel).optional().describe('one clock model per CPU'),
    rate_class: z
      .enum(['invariant', 'stops-when-halted'])
      .default('invariant')
      .describe('invariant, or stops-when-halted: frozen while its CPU is halted'),
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
      clock: d.clock ?? IDEAL_CLOCK,
      rateClass: d.rate_class,
    };
    if (d.per_cpu_clock !== undefined) out.perCpuClock = d.per_cpu_clock;
    if (d.read_cost !== undefined) out.readCostCycles = d.read_cost;
    return out;
  });
}

/** The lists given per CPU must have one entry per CPU. */
function perCpuLimits(c: CycleCounterConfig, cpus: number): LimitIssue[] {
  const issues: LimitIssue[] = [];
  if (c.offsetsCycles.kind === 'per-cpu' && c.offsetsCycles.cycles.length !== cpus) {
    issues.push({
      path: ['offsets_cycles'],
      message: `needs one value per CPU: ${cpus}, not ${c.offsetsCycles.cycles.length}`,
    });
  }
  if (c.perCpuClock !== undefined && c.perCpuClock.length !== cpus) {
    issues.push({
      path: ['per_cpu_clock'],
      message: `needs one clock per CPU: ${cpus}, not ${c.perCpuClock.length}`,
    });
  }
  return issues;
}

function drawOffsets(spec: DistSpec, rng: Rng, cpus: number): bigint[] {
  const d = fromSpec(spec, 'count', { signed: true });
  return Array.from({ length: cpus }, () => d.sample(rng));
}

function descriptorOf(
  type: 'itc' | 'tsc',
  summary: string,
  defaultFrequency: string,
): DeviceDescriptor<CycleCounterConfig> {
  return defineDevice<CycleCounterConfig>({
    type,
    summary,
    schema: schemaOf(type, defaultFrequency),
    counterAccess: 'cpu',
    perCpu: true,
    busWindow: () => undefined,
    limits: (c, machine) => perCpuLimits(c, machine.cpus),
    create(c, needs) {
      const offsets =
        c.offsetsCycles.kind === 'per-cpu'
          ? c.offsetsCycles.cycles
          : drawOffsets(c.offsetsCycles.cycles, needs.rng.fork('offsets'), needs.cpus);
      const cc = new CycleCounter({
        name: c.name,
        cpus: needs.cpus,
        frequencyHz: c.frequencyHz,
        offsetsCycles: offsets.map((o) => BigInt.asUintN(64, o)),
        clock: clockConfig(c.clock),
        ...(c.perCpuClock ? { perCpuClock: c.perCpuClock.map(clockConfig) } : {}),
        // The executor already charges the machine's `rdtsc` cost for every read; `read_cost`
        // comes on top as the device's latency.
        readCostCycles: BigInt(c.readCostCycles ?? 0),
        rateClass: c.rateClass,
        cpuFrequencyHz: needs.cpuFrequencyHz,
        rng: needs.rng,
        host: needs.host,
      });
      return {
        kind: 'cycle-counter',
        device: cc,
        port: {
          oscillators: () => Array.from({ length: needs.cpus }, (_, cpu) => cc.oscillatorOf(cpu)),
          counterAddress: 0n,
          counterWidth: 64,
          nominalHz: floor(c.frequencyHz),
        },
      };
    },
  });
}

export const itcDevice = descriptorOf(
  'itc',
  'ia64 interval time counter, one per CPU, with the ITM match register',
  '1.5GHz',
);
export const tscDevice = descriptorOf('tsc', 'x86 time-stamp counter, one per CPU', '2.6GHz');
