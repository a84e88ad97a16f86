// SPDX-License-Identifier: GPL-2.0-only
import { describe, it } from 'vitest';
import { AcpiPm, type AcpiPmOptions } from '../../../devices/acpi-pm/acpi-pm.js';
import type { ClockConfig } from '../../../devices/clock/config.js';
import { Oscillator } from '../../../devices/clock/oscillator.js';
import { CycleCounter } from '../../../devices/cycle-counter/cycle-counter.js';
import { Hpet, type HpetOptions } from '../../../devices/hpet/hpet.js';
import {
  CYCLONE_NOMINAL_HZ,
  CYCLONE_REAL_HZ,
  MmioCounter,
  type MmioCounterOptions,
  type MmioCounterSnapshot,
  SN2_RTC_FALLBACK_HZ,
} from '../../../devices/mmio-counter/mmio-counter.js';
import { type Rational, rational } from '../../../emu/base/rational.js';
import { FS_PER_MS, FS_PER_NS, FS_PER_S } from '../../../emu/base/time.js';
import { constant, uniform } from '../helpers/distributions.js';
import { fakeRng } from '../helpers/fake-rng.js';
import { SteppedHost } from '../helpers/stepped-host.js';
import { assertCounterLaws, type CounterCase, phaseModelCount } from './counter-laws.js';
import { acpiPmSubject, hpetSubject } from './subjects.js';

const HPET_HZ = rational(FS_PER_S, 69_841_279n);
const ppm = (n: bigint, den = 1n) => rational(n, den);
const scaled = (hz: Rational, p: Rational) =>
  rational(hz.num * (p.num + 1_000_000n * p.den), hz.den * 1_000_000n * p.den);

/** Clock models, each with what the laws may rely on. */
const clocks: {
  readonly name: string;
  readonly clock: ClockConfig;
  readonly exact?: Rational;
  readonly bounds?: readonly [Rational, Rational];
  readonly stepsBack?: boolean;
  readonly jitter?: boolean;
}[] = [
  { name: 'ideal', clock: {}, exact: ppm(0n) },
  {
    name: 'drift −123.456 ppm',
    clock: { driftPpm: ppm(-123_456n, 1000n) },
    exact: ppm(-123_456n, 1000n),
  },
  {
    name: 'wander',
    clock: {
      driftPpm: ppm(20n),
      wander: { stepPpm: ppm(1n), everyFs: 10n * FS_PER_MS, minPpm: ppm(-5n), maxPpm: ppm(5n) },
    },
    bounds: [ppm(15n), ppm(25n)],
  },
  {
    name: 'temperature',
    clock: { temperature: { amplitudePpm: ppm(40n), periodFs: 640n * FS_PER_MS } },
    bounds: [ppm(-40n), ppm(40n)],
  },
  {
    name: 'jumps',
    clock: {
      jumps: [
        { atFs: 300n * FS_PER_MS, byCycles: 5000n },
        { atFs: FS_PER_S, byCycles: -20n },
      ],
    },
    exact: ppm(0n),
    stepsBack: true,
  },
  { name: 'jitter', clock: { jitter: { cycles: uniform(0n, 2n) } }, exact: ppm(0n), jitter: true },
];

function expectations(nominalHz: Rational, c: (typeof clocks)[number], offset = 0n) {
  const jumps = c.clock.jumps ?? [];
  const base = c.exact ? phaseModelCount(nominalHz, c.exact) : null;
  return {
    ...(base
      ? {
          exactCountAt: (t: bigint) =>
            offset +
            base(t) +
            jumps.filter((j) => j.atFs <= t).reduce((s, j) => s + j.byCycles, 0n),
        }
      : {}),
    ...(c.bounds
      ? {
          rateBoundsHz: {
            min: scaled(nominalHz, c.bounds[0]),
            max: scaled(nominalHz, c.bounds[1]),
          },
        }
      : {}),
    interestingFs: jumps.map((j) => j.atFs),
    peekMayStepBack: c.stepsBack ?? false,
    readMayStepBack: (c.stepsBack ?? false) || (c.jitter ?? false),
  };
}

function oscillatorCase(c: (typeof clocks)[number]): CounterCase {
  const nominalHz = rational(1_000_000_000n);
  return {
    name: `clock model: ${c.name}`,
    bits: 64,
    ...expectations(nominalHz, c),
    make(seed) {
      const o = new Oscillator({ nominalHz, clock: c.clock, rng: fakeRng(seed) });
      return {
        read: (t) => ({ value: BigInt.asUintN(64, o.countAt(t) + o.jitter()), latencyFs: 0n }),
        peek: (t) => BigInt.asUintN(64, o.countAt(t)),
        snapshot: () => o.snapshot(),
        restore: (s) => o.restore(s as ReturnType<Oscillator['snapshot']>),
      };
    },
  };
}

function hpetCase(
  name: string,
  c: (typeof clocks)[number],
  options: Partial<HpetOptions> = {},
): CounterCase {
  const bits = options.counterBits ?? 64;
  return {
    name: `hpet ${name}, clock ${c.name}`,
    bits,
    ...expectations(HPET_HZ, c),
    make(seed) {
      const host = new SteppedHost();
      const hpet = new Hpet({
        name: 'hpet0',
        readLatency: uniform(500n * FS_PER_NS, 1500n * FS_PER_NS),
        rng: fakeRng(seed),
        host,
        clock: c.clock,
        ...options,
      });
      return hpetSubject(hpet, host);
    },
  };
}

function mmioCase(
  name: string,
  c: (typeof clocks)[number],
  options: Omit<MmioCounterOptions, 'rng' | 'name' | 'base'>,
  hz: Rational,
  bits: number,
): CounterCase {
  return {
    name: `mmio-counter ${name}, clock ${c.name}`,
    bits,
    ...expectations(hz, c),
    make(seed) {
      const d = new MmioCounter({
        name: name,
        base: 0xfeb051d0n,
        rng: fakeRng(seed),
        clock: c.clock,
        ...options,
      });
      return {
        read: (t) => {
          const { value, latencyFs } = d.read(0n, 64, t, 0);
          return { value, latencyFs };
        },
        peek: (t) => d.peek(0n, 64, t),
        snapshot: () => d.snapshot(),
        restore: (s) => d.restore(s as MmioCounterSnapshot),
      };
    },
  };
}

function acpiPmCase(
  name: string,
  c: (typeof clocks)[number],
  options: Omit<AcpiPmOptions, 'rng' | 'name'>,
): CounterCase {
  const e = expectations(rational(3_579_545n), c);
  return {
    name: `acpi-pm ${name}, clock ${c.name}`,
    bits: options.bits ?? 24,
    ...e,
    readMayStepBack: e.readMayStepBack || options.glitch === 'piix4',
    make(seed) {
      const d = new AcpiPm({ name: 'pm', rng: fakeRng(seed), clock: c.clock, ...options });
      return acpiPmSubject(d);
    },
  };
}

function cycleCounterCase(c: (typeof clocks)[number], cpu: number): CounterCase {
  const hz = rational(1_500_000_000n);
  const offsets = [0n, 1234n, -77n];
  return {
    name: `itc cpu ${cpu}, clock ${c.name}`,
    bits: 64,
    ...expectations(hz, c, offsets[cpu]),
    make(seed) {
      const host = new SteppedHost();
      const d = new CycleCounter({
        name: 'itc',
        cpus: 3,
        frequencyHz: hz,
        offsetsCycles: offsets,
        perCpuClock: [{}, c.clock, c.clock],
        readCostCycles: 24n,
        cpuFrequencyHz: hz,
        rng: fakeRng(seed),
        host,
      });
      return {
        read: (t) => {
          const { value, latencyFs } = d.readCycles(cpu, t);
          return { value, latencyFs };
        },
        peek: (t) => d.peekCycles(cpu, t),
        snapshot: () => d.snapshot(),
        restore: (s, t) => d.restore(s as ReturnType<CycleCounter['snapshot']>, t),
      };
    },
  };
}

const ideal = clocks[0]!;
const cases: CounterCase[] = [
  ...clocks.map(oscillatorCase),
  ...clocks.map((c) => hpetCase('64-bit', c)),
  hpetCase('32-bit counter', clocks[1]!, { counterBits: 32 }),
  hpetCase('split-64bit-read', ideal, { quirks: { split64BitRead: { gapFs: 300n * FS_PER_NS } } }),
  hpetCase('late-comparator, period-in-ps', clocks[2]!, {
    quirks: { lateComparator: { maxTicks: 2n }, periodInPs: true },
  }),
  mmioCase(
    'cyclone at a nominal 100 MHz',
    clocks[1]!,
    { preset: 'cyclone', cycloneRealRate: false },
    CYCLONE_NOMINAL_HZ,
    40,
  ),
  mmioCase('cyclone', clocks[3]!, { preset: 'cyclone' }, CYCLONE_REAL_HZ, 40),
  mmioCase('sn2-rtc', clocks[4]!, { preset: 'sn2-rtc' }, SN2_RTC_FALLBACK_HZ, 55),
  mmioCase(
    'generic 32-bit',
    clocks[5]!,
    { bits: 32, frequencyHz: rational(10_000_000n), readLatency: constant(7n) },
    rational(10_000_000n),
    32,
  ),
  acpiPmCase('24-bit', ideal, {}),
  acpiPmCase('32-bit', clocks[2]!, { bits: 32 }),
  acpiPmCase('24-bit piix4', clocks[1]!, { glitch: 'piix4' }),
  acpiPmCase('32-bit piix4 random', clocks[4]!, {
    bits: 32,
    glitch: 'piix4',
    piix4Value: 'random',
  }),
  ...clocks.map((c) => cycleCounterCase(c, 1)),
  cycleCounterCase(ideal, 2),
];

describe.each(cases)('$name', (c) => {
  it('obeys the counter laws', () => assertCounterLaws(c));
});
