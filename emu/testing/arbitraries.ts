// SPDX-License-Identifier: GPL-2.0-only
/**
 * fast-check arbitraries of variations around a base scenario. Each dimension is optional in the
 * variation and shrinks to its absence (the base's own value) or towards the simplest value: one
 * CPU, no fault, no window, a shorter run, drift 0, round microseconds.
 */
import fc from 'fast-check';
import { MAX_CPUS } from '../scenario/sections.js';
import { durationUsOf } from './apply.js';
import { DEFAULT_DIMENSIONS, type Dimension } from './dimensions.js';
import type { BaseScenario } from './scenario-file.js';
import type { ClockSet, CounterJump, GroupTiming, IrqOffWindow, Variation } from './variation.js';

export interface VaryOptions {
  /** what to vary (default: DEFAULT_DIMENSIONS) */
  readonly vary?: readonly Dimension[];
  /** the most CPUs a case has (default: the base's CPU count, at least 4, at most 16; never above the machine limit) */
  readonly maxCpus?: number;
  /** the largest |drift| in ppm (default: the drift the base's interpolators register) */
  readonly driftPpm?: number;
  /** the shortest run, µs (default 1000) */
  readonly minDurationUs?: number;
}

type Entry = { readonly name: string; readonly type: string };

const PER_CPU = new Set(['itc', 'tsc']);
const MMIO = new Set(['hpet', 'mmio-counter', 'acpi-pm']);

/** |drift| the driver registers, ppm (0 when unknown): docs/scenario.md, interpolators. */
function registeredDriftPpm(i: BaseScenario['scenario']['interpolators'][number]): number {
  if (i.driver === 'custom') return i.drift === -1n ? 0 : Math.abs(Number(i.drift));
  return { itc: 100, hpet: 500, cyclone: 100, 'sn2-rtc': 0, 'sparc64-tick': 0 }[i.driver];
}

export const defaultMaxCpus = (base: BaseScenario): number =>
  Math.min(16, Math.max(4, base.scenario.machine.cpus));

/** Microseconds from 0 to `max`, shrinking to 0. */
const usUpTo = (max: number) => fc.integer({ min: 0, max: Math.max(0, max) });

function cpusArb(maxCpus: number) {
  return fc.integer({ min: 1, max: maxCpus });
}

function workloadArb(base: BaseScenario, durationUs: number) {
  const group: fc.Arbitrary<GroupTiming | null> = fc.option(
    fc.record({
      meanIntervalUs: fc.integer({ min: 0, max: 200 }),
      startUs: usUpTo(Math.floor(durationUs / 4)),
      call: fc.constantFrom(
        'getnstimeofday' as const,
        'gettimeofday' as const,
        'clock_gettime_realtime' as const,
        'clock_gettime_monotonic' as const,
      ),
    }),
    { nil: null },
  );
  return fc.tuple(...base.scenario.workload.map(() => group));
}

function irqOffArb(maxCpus: number, durationUs: number) {
  const w: fc.Arbitrary<IrqOffWindow> = fc.record({
    cpu: fc.integer({ min: 0, max: maxCpus - 1 }),
    atUs: usUpTo(durationUs - 1),
    forUs: fc.integer({ min: 1, max: Math.max(1, Math.floor(durationUs / 4)) }),
  });
  return fc.array(w, { maxLength: 3 });
}

function driftArb(base: BaseScenario, bound: number | undefined) {
  const drift: Record<string, fc.Arbitrary<number>> = {};
  for (const i of base.scenario.interpolators) {
    const ppm = bound ?? registeredDriftPpm(i);
    if (ppm > 0) drift[i.device] = fc.integer({ min: -ppm, max: ppm });
  }
  return fc.record(drift, { requiredKeys: [] });
}

function devicesOf(base: BaseScenario, types: ReadonlySet<string>): Entry[] {
  return base.scenario.devices.filter((d) => types.has(d.type));
}

function perDevice<T>(devices: readonly Entry[], arb: fc.Arbitrary<T>) {
  const r: Record<string, fc.Arbitrary<T>> = {};
  for (const d of devices) r[d.name] = arb;
  return fc.record(r, { requiredKeys: [] });
}

function jumpsArb(base: BaseScenario, maxCpus: number, durationUs: number) {
  const devices = base.scenario.devices;
  if (devices.length === 0) return fc.constant([] as CounterJump[]);
  const jump = fc
    .record({
      device: fc.constantFrom(...devices.map((d) => d.name)),
      cpu: fc.option(fc.integer({ min: 0, max: maxCpus - 1 }), { nil: undefined }),
      atUs: usUpTo(durationUs - 1),
      byCycles: fc.integer({ min: -100_000, max: 100_000 }),
    })
    .map((j): CounterJump => {
      const perCpu = PER_CPU.has(devices.find((d) => d.name === j.device)?.type ?? '');
      const { cpu, ...rest } = j;
      return perCpu && cpu !== undefined ? { ...rest, cpu } : rest;
    });
  return fc.array(jump, { maxLength: 2 });
}

function clockSetsArb(durationUs: number) {
  const set: fc.Arbitrary<ClockSet> = fc.record({
    atUs: usUpTo(durationUs - 1),
    kind: fc.constantFrom('adjtime' as const, 'settimeofday' as const),
    byUs: fc.integer({ min: -10_000, max: 10_000 }),
  });
  return fc.array(set, { maxLength: 2 });
}

/** The arbitrary of each dimension, for a base and options. */
function dimensionArbs(base: BaseScenario, o: VaryOptions, durationUs: number) {
  const maxCpus = Math.min(MAX_CPUS, o.maxCpus ?? defaultMaxCpus(base));
  return {
    seed: fc.bigInt({ min: 1n, max: (1n << 32n) - 1n }),
    cpus: cpusArb(maxCpus),
    hz: fc.constantFrom(250 as const, 100 as const, 1000 as const),
    durationUs: fc.integer({ min: Math.min(o.minDurationUs ?? 1000, durationUs), max: durationUs }),
    workload: workloadArb(base, durationUs),
    irqOff: irqOffArb(maxCpus, durationUs),
    driftPpm: driftArb(base, o.driftPpm),
    wander: perDevice(
      base.scenario.devices,
      fc.record({
        stepPpm: fc.integer({ min: 1, max: 10 }),
        everyUs: fc.integer({ min: 100, max: Math.max(100, durationUs) }),
        boundPpm: fc.integer({ min: 1, max: 100 }),
      }),
    ),
    temperature: perDevice(
      base.scenario.devices,
      fc.record({
        amplitudePpm: fc.integer({ min: 1, max: 100 }),
        periodUs: fc.integer({ min: 1000, max: Math.max(1000, durationUs * 4) }),
      }),
    ),
    offsetsCycles: perDevice(
      devicesOf(base, PER_CPU),
      fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: maxCpus, maxLength: maxCpus }),
    ),
    jitterCycles: perDevice(base.scenario.devices, fc.integer({ min: 1, max: 64 })),
    readLatencyNs: perDevice(devicesOf(base, MMIO), fc.integer({ min: 1, max: 5000 })),
    jumps: jumpsArb(base, maxCpus, durationUs),
    clockSets: clockSetsArb(durationUs),
    leap: fc.record({
      atUs: usUpTo(durationUs - 1),
      kind: fc.constantFrom('insert' as const, 'delete' as const),
    }),
  };
}

/** Which variation key each dimension sets. */
const KEY_OF: Readonly<Record<Dimension, keyof ReturnType<typeof dimensionArbs>>> = {
  cpus: 'cpus',
  workload: 'workload',
  irq_off: 'irqOff',
  hz: 'hz',
  drift: 'driftPpm',
  duration: 'durationUs',
  seed: 'seed',
  wander: 'wander',
  temperature: 'temperature',
  offsets: 'offsetsCycles',
  jitter: 'jitterCycles',
  latency: 'readLatencyNs',
  jumps: 'jumps',
  clock_sets: 'clockSets',
  leap: 'leap',
};

/**
 * Variations of `base` along the chosen dimensions. The seed, the CPU count and the duration are
 * always drawn when chosen (they shrink to 1, 1 CPU and the shortest run); every other key may be
 * absent, which is where it shrinks to.
 */
export function variations(base: BaseScenario, o: VaryOptions = {}): fc.Arbitrary<Variation> {
  const durationUs = durationUsOf(base);
  const arbs = dimensionArbs(base, o, durationUs);
  const chosen: Record<string, fc.Arbitrary<unknown>> = {};
  // the seed first: fast-check shrinks a record key by key, and a seed of 1 reads best
  const dims = [...(o.vary ?? DEFAULT_DIMENSIONS)].sort(
    (a, b) => Number(b === 'seed') - Number(a === 'seed'),
  );
  for (const d of dims) chosen[KEY_OF[d]] = arbs[KEY_OF[d]];
  // absent would mean the base's value, not the simplest: these are always drawn
  const required = ['seed', 'cpus', 'durationUs'].filter((k) => k in chosen);
  return fc.record(chosen, { requiredKeys: required }) as fc.Arbitrary<Variation>;
}

/** Each dimension's arbitrary on its own, for composing variations by hand. */
export const dimensionArbitraries = (base: BaseScenario, o: VaryOptions = {}) =>
  dimensionArbs(base, o, durationUsOf(base));
