// SPDX-License-Identifier: GPL-2.0-only
/**
 * fast-check arbitraries of valid scenario files: each yields what a user writes (`input`) and the
 * exact typed value the loader must produce (`value`).
 */
import type { DistSpec } from '../../../emu/base/distribution.js';
import { frequencyWithinLimit, MAX_TIME_FS, ppmWithinLimit } from '../../../emu/base/limits.js';
import { type Rational, rational } from '../../../emu/base/rational.js';
import { formatDurationFs } from '../../../emu/base/units.js';
import type {
  ClockModel,
  DeviceConfig,
  EventAction,
  Expectations,
  Hz,
  InterpolatorConfig,
  KernelFault,
} from '../../../emu/scenario/types.js';
import { fc } from '../../property-test.js';

/** What a user writes for a value, and the exact value it must become. */
export interface Gen<T> {
  input: unknown;
  value: T;
}
type Arb<T> = fc.Arbitrary<Gen<T>>;

const UNITS_FS: readonly (readonly [string, bigint])[] = [
  ['fs', 1n],
  ['ps', 1_000n],
  ['ns', 1_000_000n],
  ['us', 1_000_000_000n],
  ['µs', 1_000_000_000n],
  ['ms', 10n ** 12n],
  ['s', 10n ** 15n],
  ['min', 60n * 10n ** 15n],
  ['h', 3_600n * 10n ** 15n],
  ['d', 86_400n * 10n ** 15n],
];

const decimalText = (digits: bigint, scale: number): string => {
  const s = digits.toString().padStart(scale + 1, '0');
  return scale === 0 ? s : `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
};

const duration = (min = 0n): Arb<bigint> =>
  fc.oneof(
    fc.bigInt({ min, max: 10n ** 21n }).map((fs) => ({ input: formatDurationFs(fs), value: fs })),
    fc
      .tuple(fc.bigInt({ min: min > 0n ? 1n : 0n, max: 100_000n }), fc.constantFrom(...UNITS_FS))
      .map(([n, [unit, fs]]) => ({ input: `${n}${unit}`, value: n * fs }))
      // the loader's range (emu/base/limits.ts)
      .filter((d) => d.value <= MAX_TIME_FS),
  );

const frequency: Arb<Rational> = fc
  .tuple(
    fc.bigInt({ min: 1n, max: 10n ** 9n }),
    fc.nat(6),
    fc.constantFrom<[string, bigint]>(
      ['Hz', 1n],
      ['kHz', 1_000n],
      ['MHz', 1_000_000n],
      ['GHz', 10n ** 9n],
    ),
  )
  .map(([digits, scale, [unit, hz]]) => ({
    input: `${decimalText(digits, scale)}${unit}`,
    value: rational(digits * hz, 10n ** BigInt(scale)),
  }))
  .filter((f) => frequencyWithinLimit(f.value));

const ppm: Arb<Rational> = fc
  .oneof(
    fc.integer({ min: -500, max: 500 }).map((n) => ({ input: n, value: rational(BigInt(n)) })),
    fc.tuple(fc.bigInt({ min: -(10n ** 7n), max: 10n ** 7n }), fc.nat(4)).map(([n, scale]) => ({
      input: (n < 0n ? '-' : '') + decimalText(n < 0n ? -n : n, scale),
      value: rational(n, 10n ** BigInt(scale)),
    })),
  )
  .filter((p) => ppmWithinLimit(p.value));

/** A drift the clock survives: above −10^6 ppm (the loader rejects a frequency that reaches 0). */
const drift: Arb<Rational> = ppm.filter((p) => p.value.num > -1_000_000n * p.value.den);

const integer = (min: bigint, max: bigint): Arb<bigint> =>
  fc.bigInt({ min, max }).chain((v) => {
    const forms: unknown[] = [v.toString()];
    if (v >= 0n) forms.push(`0x${v.toString(16)}`);
    if (v >= -(2n ** 53n) + 1n && v <= 2n ** 53n - 1n) forms.push(Number(v));
    return fc.constantFrom(...forms).map((input) => ({ input, value: v }));
  });
const u64 = integer(0n, 2n ** 64n - 1n);
const cycles = integer(-(2n ** 40n), 2n ** 40n);

function distribution(value: Arb<bigint>): Arb<DistSpec> {
  return fc.oneof(
    value.map((v) => ({ input: v.input, value: { kind: 'constant', value: v.value } as DistSpec })),
    fc.tuple(value, value).map(([a, b]) => {
      const [lo, hi] = a.value <= b.value ? [a, b] : [b, a];
      return {
        input: { uniform: [lo.input, hi.input] },
        value: { kind: 'uniform', min: lo.value, max: hi.value } as DistSpec,
      };
    }),
    fc.tuple(value, value).map(([m, s]) => {
      const sd = s.value < 0n ? { input: String(-s.value), value: -s.value } : s;
      return {
        input: { normal: { mean: m.input, sd: sd.input } },
        value: { kind: 'normal', mean: m.value, sd: sd.value } as DistSpec,
      };
    }),
    fc.array(value, { minLength: 1, maxLength: 3 }).map((vs) => ({
      input: { choice: vs.map((v) => v.input) },
      value: { kind: 'choice', values: vs.map((v) => v.value) } as DistSpec,
    })),
  );
}
const durationDist = distribution(duration());

const clock: Arb<ClockModel> = fc
  .record({
    drift: fc.option(drift, { nil: undefined }),
    jumps: fc.array(fc.tuple(duration(), cycles), { maxLength: 2 }),
  })
  .map(({ drift, jumps }) => {
    const input: Record<string, unknown> = {};
    if (drift) input.drift_ppm = drift.input;
    if (jumps.length > 0)
      input.jumps = jumps.map(([at, by]) => ({ at: at.input, by_cycles: by.input }));
    return {
      input,
      value: {
        driftPpm: drift?.value ?? rational(0n),
        jumps: jumps.map(([at, by]) => ({ atFs: at.value, byCycles: by.value })),
      },
    };
  });

function device(i: number, cpus: number): Arb<DeviceConfig> {
  const name = `dev${i}`;
  const base = 0x1000n * BigInt(i + 1);
  const hpet = fc
    .record({
      period: fc.integer({ min: 1, max: 100_000_000 }),
      bits: fc.constantFrom(32, 64),
      timers: fc.integer({ min: 3, max: 32 }),
      latency: durationDist,
      clock,
    })
    .map(({ period, bits, timers, latency, clock: c }) => ({
      input: {
        type: 'hpet',
        name,
        period_fs: period,
        counter_bits: bits,
        timers,
        base: `0x${base.toString(16)}`,
        read_latency: latency.input,
        clock: c.input,
      },
      value: {
        type: 'hpet',
        name,
        periodFs: BigInt(period),
        frequencyHz: rational(10n ** 15n, BigInt(period)),
        counterBits: bits,
        timers,
        base,
        readLatencyFs: latency.value,
        clock: c.value,
        quirks: {},
      } as DeviceConfig,
    }));
  const counter = fc
    .record({
      type: fc.constantFrom('itc', 'tsc'),
      f: frequency,
      offsets: fc.oneof(
        fc.array(cycles, { minLength: cpus, maxLength: cpus }),
        distribution(cycles),
      ),
      clock,
    })
    .map(({ type, f, offsets, clock: c }) => ({
      input: {
        type,
        name,
        frequency: f.input,
        offsets_cycles: Array.isArray(offsets) ? offsets.map((o) => o.input) : offsets.input,
        clock: c.input,
      },
      value: {
        type,
        name,
        frequencyHz: f.value,
        clock: c.value,
        offsetsCycles: Array.isArray(offsets)
          ? { kind: 'per-cpu', cycles: offsets.map((o) => o.value) }
          : { kind: 'drawn', cycles: offsets.value },
        rateClass: 'invariant',
      } as DeviceConfig,
    }));
  const mmio = fc
    .record({ bits: fc.integer({ min: 1, max: 64 }), f: frequency, latency: durationDist })
    .map(({ bits, f, latency }) => ({
      input: {
        type: 'mmio-counter',
        name,
        bits,
        frequency: f.input,
        base: base.toString(),
        read_latency: latency.input,
      },
      value: {
        type: 'mmio-counter',
        name,
        preset: null,
        bits,
        frequencyHz: f.value,
        base,
        readLatencyFs: latency.value,
        clock: { driftPpm: rational(0n), jumps: [] },
      } as DeviceConfig,
    }));
  const pm = fc
    .record({ bits: fc.constantFrom(24, 32), glitch: fc.constantFrom('none', 'piix4') })
    .map(({ bits, glitch }) => ({
      input: { type: 'acpi-pm', name, bits, glitch },
      value: {
        type: 'acpi-pm',
        name,
        bits,
        glitch,
        piix4Value: 'random',
        readLatencyFs: { kind: 'constant', value: 10n ** 9n },
        clock: { driftPpm: rational(0n), jumps: [] },
      } as DeviceConfig,
    }));
  // the PM timer sits at a fixed port: one per machine, here always the first device
  return i === 0 ? fc.oneof(hpet, counter, mmio, pm) : fc.oneof(hpet, counter, mmio);
}

function interpolatorFor(d: DeviceConfig): Arb<InterpolatorConfig> {
  const custom = fc
    .record({
      shift: fc.integer({ min: 0, max: 63 }),
      jitter: fc.integer({ min: 0, max: 255 }),
      mask: u64,
      drift: integer(-(2n ** 63n), 2n ** 63n - 1n),
    })
    .map(({ shift, jitter, mask, drift }) => ({
      input: {
        driver: 'custom',
        device: d.name,
        source: 'function',
        shift,
        jitter,
        mask: mask.input,
        drift: drift.input,
      },
      value: {
        driver: 'custom',
        device: d.name,
        source: 'function',
        shift,
        jitter,
        mask: mask.value,
        drift: drift.value,
      } as InterpolatorConfig,
    }));
  const fixed = (driver: string): Arb<InterpolatorConfig> =>
    fc.constant({
      input: { driver, device: d.name },
      value: { driver, device: d.name } as InterpolatorConfig,
    });
  switch (d.type) {
    case 'hpet':
      return fc.oneof(fixed('hpet'), custom);
    case 'itc':
    case 'tsc':
      return fc.oneof(
        fc
          .tuple(fc.boolean(), fc.option(fc.bigInt(-1n, 1000n), { nil: undefined }))
          .map(([nojitter, drift]) => ({
            input: {
              driver: 'itc',
              device: d.name,
              nojitter,
              ...(drift === undefined ? {} : { firmware: { base_drift_ppm: String(drift) } }),
            },
            value: {
              driver: 'itc',
              device: d.name,
              nojitter,
              firmware: { baseDriftPpm: drift ?? -1n, itcDriftFeature: false },
            } as InterpolatorConfig,
          })),
        fixed('sparc64-tick'),
        custom,
      );
    case 'mmio-counter':
      return fc.oneof(fixed('cyclone'), fixed('sn2-rtc'), custom);
    default:
      return custom;
  }
}

function event(devices: readonly DeviceConfig[], cpus: number): Arb<EventAction> {
  const cpu = fc.integer({ min: 0, max: cpus - 1 });
  const dev = fc.constantFrom(...devices);
  const perCpu = (d: DeviceConfig) => d.type === 'itc' || d.type === 'tsc';
  return fc.oneof(
    fc.bigInt({ min: 0n, max: 10n ** 12n }).map((ns) => ({
      input: { settimeofday: `${ns}ns` },
      value: { kind: 'settimeofday', wallTimeNs: ns } as EventAction,
    })),
    fc.constantFrom('insert', 'delete').map((direction) => ({
      input: { leap: direction },
      value: { kind: 'leap', direction } as EventAction,
    })),
    fc.tuple(cpu, duration(1n)).map(([c, d]) => ({
      input: { irq_off: { cpu: c, for: d.input } },
      value: { kind: 'irq_off', cpu: c, forFs: d.value } as EventAction,
    })),
    fc.tuple(dev, cpu, cycles).map(([d, c, by]) =>
      perCpu(d)
        ? {
            input: { jump: { device: d.name, cpu: c, by_cycles: by.input } },
            value: { kind: 'jump', device: d.name, cpu: c, byCycles: by.value } as EventAction,
          }
        : {
            input: { jump: { device: d.name, by_cycles: by.input } },
            value: { kind: 'jump', device: d.name, byCycles: by.value } as EventAction,
          },
    ),
    dev.map((d) => ({
      input: { unregister: d.name },
      value: { kind: 'unregister', device: d.name } as EventAction,
    })),
    fc.tuple(dev, drift).map(([d, p]) => ({
      input: { set_drift: { device: d.name, ppm: p.input } },
      value: { kind: 'set_drift', device: d.name, ppm: p.value } as EventAction,
    })),
  );
}

const expectations: Arb<Expectations> = fc
  .record({
    monotonic: fc.boolean(),
    maxError: duration(),
    reads: u64,
    faults: fc.constantFrom<'none' | KernelFault[]>('none', ['BUG'], ['OOPS'], ['BUG', 'OOPS']),
  })
  .map(({ monotonic, maxError, reads, faults }) => ({
    input: { monotonic, max_error: maxError.input, reads: { min: reads.input }, faults },
    value: { monotonic, maxErrorFs: { max: maxError.value }, reads: { min: reads.value }, faults },
  }));

/** A valid scenario: its top-level choices, devices, reader groups, interpolators, events, expectations. */
export const scenario = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
    cpus: fc.integer({ min: 1, max: 8 }),
    hz: fc.constantFrom<Hz>(100, 250, 1000, 1024),
    duration: duration(1n),
    seed: u64,
    deviceCount: fc.integer({ min: 1, max: 4 }),
  })
  .chain((top) =>
    fc.record({
      top: fc.constant(top),
      devices: fc.tuple(...Array.from({ length: top.deviceCount }, (_, i) => device(i, top.cpus))),
      split: fc.integer({ min: 0, max: top.cpus - 1 }),
      interval: durationDist,
      start: duration(),
    }),
  )
  .chain((s) =>
    fc.record({
      s: fc.constant(s),
      interpolators: fc.tuple(...s.devices.map((d) => interpolatorFor(d.value))),
      events: fc.array(
        fc.tuple(
          duration(),
          event(
            s.devices.map((d) => d.value),
            s.top.cpus,
          ),
        ),
        { maxLength: 3 },
      ),
      expect: fc.option(expectations, { nil: undefined }),
    }),
  );

export type DrawnScenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/**
 * The YAML document of a drawn scenario (`input`) and its reader groups (`all`, or two groups
 * split at `split`: a range and a descending list) with their CPU indices.
 */
export function scenarioInput({ s, interpolators, events, expect }: DrawnScenario) {
  const { top, devices, split, interval, start } = s;
  const groups =
    split === 0
      ? [
          {
            input: 'all' as string | number[],
            value: Array.from({ length: top.cpus }, (_, i) => i),
          },
        ]
      : [
          { input: `0-${split - 1}`, value: Array.from({ length: split }, (_, i) => i) },
          {
            input: Array.from({ length: top.cpus - split }, (_, i) => top.cpus - 1 - i),
            value: Array.from({ length: top.cpus - split }, (_, i) => split + i),
          },
        ];
  const input = {
    name: top.name,
    seed: top.seed.input,
    duration: top.duration.input,
    kernel: { hz: top.hz },
    machine: { cpus: top.cpus },
    devices: devices.map((d) => d.input),
    interpolators: interpolators.map((e) => e.input),
    workload: groups.map((g) => ({
      cpus: g.input,
      call: 'gettimeofday',
      interval: interval.input,
      start: start.input,
    })),
    events: events.map(([at, e]) => ({ at: at.input, ...(e.input as object) })),
    ...(expect ? { expect: expect.input } : {}),
  };
  return { input, groups };
}
