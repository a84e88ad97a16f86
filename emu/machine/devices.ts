// SPDX-License-Identifier: GPL-2.0-only
/**
 * The scenario's devices, built and mapped: one seeded stream per device (forked from the run's
 * root by `device:<name>`), clock models converted to devices/clock/config.ts, MMIO devices on the
 * bus. An HPET's main counter is enabled at time 0, as firmware leaves it.
 */
import { AcpiPm } from '../../devices/acpi-pm/acpi-pm.js';
import type { ClockConfig } from '../../devices/clock/config.js';
import type { Oscillator } from '../../devices/clock/oscillator.js';
import { CycleCounter } from '../../devices/cycle-counter/cycle-counter.js';
import type { DeviceHost } from '../../devices/device.js';
import { Hpet } from '../../devices/hpet/hpet.js';
import { ENABLE_CNF, GEN_CONF, MAIN_COUNTER_VAL } from '../../devices/hpet/hpet.registers.js';
import { MmioCounter } from '../../devices/mmio-counter/mmio-counter.js';
import { fromSpec } from '../base/distribution.js';
import { floor, type Rational } from '../base/rational.js';
import type { Rng } from '../base/rng.js';
import type { Bus } from '../engine/bus.js';
import type { ClockModel, DeviceConfig, Scenario } from '../scenario/types.js';

export type BuiltDevice =
  | { readonly kind: 'hpet'; readonly config: DeviceConfig; readonly device: Hpet }
  | { readonly kind: 'cycle-counter'; readonly config: DeviceConfig; readonly device: CycleCounter }
  | { readonly kind: 'mmio-counter'; readonly config: DeviceConfig; readonly device: MmioCounter }
  | { readonly kind: 'acpi-pm'; readonly config: DeviceConfig; readonly device: AcpiPm };

export interface MachineDevices {
  readonly byName: ReadonlyMap<string, BuiltDevice>;
  /** the per-CPU counter `get_cycles()` reads (the first itc/tsc device), if any */
  readonly cycleCounter: CycleCounter | undefined;
}

export function clockConfig(m: ClockModel): ClockConfig {
  return {
    driftPpm: m.driftPpm,
    ...(m.wander ? { wander: { ...m.wander } } : {}),
    ...(m.temperature ? { temperature: { ...m.temperature } } : {}),
    jumps: m.jumps.map((j) => ({ atFs: j.atFs, byCycles: j.byCycles })),
    ...(m.jitterCycles
      ? { jitter: { cycles: fromSpec(m.jitterCycles, 'count', { signed: true }) } }
      : {}),
  };
}

/** The register a driver reads for this device: the HPET main counter, else the device's base. */
export function counterAddress(d: BuiltDevice): bigint {
  if (d.kind === 'hpet') return d.device.base + MAIN_COUNTER_VAL;
  if (d.kind === 'cycle-counter') return 0n;
  return d.device.base;
}

/** Counts per second of a device's nominal clock, as an integer (what firmware would report). */
export function deviceHz(d: BuiltDevice): bigint {
  const c = d.config;
  return c.type === 'acpi-pm' ? 3_579_545n : floor(c.frequencyHz as Rational);
}

/** The oscillators behind a device (one per CPU for a cycle counter), for jumps and drift. */
export function oscillatorsOf(d: BuiltDevice, cpus: number): Oscillator[] {
  if (d.kind === 'cycle-counter')
    return Array.from({ length: cpus }, (_, cpu) => d.device.oscillatorOf(cpu));
  return [d.device.oscillator];
}

export function buildDevices(
  scenario: Scenario,
  root: Rng,
  bus: Bus,
  hostFor: (name: string) => DeviceHost,
): MachineDevices {
  const byName = new Map<string, BuiltDevice>();
  const cpus = scenario.machine.cpus;
  let cycleCounter: CycleCounter | undefined;
  for (const c of scenario.devices) {
    const rng = root.fork(`device:${c.name}`);
    let built: BuiltDevice;
    switch (c.type) {
      case 'hpet': {
        const hpet = new Hpet({
          name: c.name,
          base: c.base,
          periodFs: c.periodFs,
          counterBits: c.counterBits,
          timers: c.timers,
          readLatency: fromSpec(c.readLatencyFs, 'fs'),
          clock: clockConfig(c.clock),
          quirks: c.quirks,
          rng,
          host: hostFor(c.name),
        });
        hpet.write(GEN_CONF, 64, ENABLE_CNF, 0n, 0);
        bus.map(hpet);
        built = { kind: 'hpet', config: c, device: hpet };
        break;
      }
      case 'itc':
      case 'tsc': {
        const offsets =
          c.offsetsCycles.kind === 'per-cpu'
            ? c.offsetsCycles.cycles
            : drawOffsets(c.offsetsCycles.cycles, rng.fork('offsets'), cpus);
        const cc = new CycleCounter({
          name: c.name,
          cpus,
          frequencyHz: c.frequencyHz,
          offsetsCycles: offsets.map((o) => BigInt.asUintN(64, o)),
          clock: clockConfig(c.clock),
          ...(c.perCpuClock ? { perCpuClock: c.perCpuClock.map(clockConfig) } : {}),
          // The executor already charges the machine's `rdtsc` cost for every read; `read_cost`
          // comes on top as the device's latency.
          readCostCycles: BigInt(c.readCostCycles ?? 0),
          cpuFrequencyHz: scenario.machine.cpuFrequencyHz,
          rng,
          host: hostFor(c.name),
        });
        cycleCounter ??= cc;
        built = { kind: 'cycle-counter', config: c, device: cc };
        break;
      }
      case 'mmio-counter': {
        const m = new MmioCounter({
          name: c.name,
          bits: c.bits,
          frequencyHz: c.frequencyHz,
          base: c.base,
          readLatency: fromSpec(c.readLatencyFs, 'fs'),
          clock: clockConfig(c.clock),
          rng,
        });
        bus.map(m);
        built = { kind: 'mmio-counter', config: c, device: m };
        break;
      }
      case 'acpi-pm': {
        const pm = new AcpiPm({
          name: c.name,
          bits: c.bits,
          readLatency: fromSpec(c.readLatencyFs, 'fs'),
          glitch: c.glitch,
          clock: clockConfig(c.clock),
          rng,
        });
        bus.map(pm);
        built = { kind: 'acpi-pm', config: c, device: pm };
        break;
      }
    }
    byName.set(c.name, built);
  }
  return { byName, cycleCounter };
}

function drawOffsets(spec: Parameters<typeof fromSpec>[0], rng: Rng, cpus: number): bigint[] {
  const d = fromSpec(spec, 'count', { signed: true });
  return Array.from({ length: cpus }, () => d.sample(rng));
}
