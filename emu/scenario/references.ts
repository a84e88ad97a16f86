// SPDX-License-Identifier: GPL-2.0-only
/**
 * Checks across sections of a scenario: device names unique, every reference to a device, HPET
 * timer or CPU resolves, lists sized by `machine.cpus` have that size. Each check runs only when
 * the sections it reads parsed without issues, so one typo does not hide the others' findings,
 * and each issue carries the path of the offending field.
 */
import type { z } from 'zod';
import { ACPI_PM_DEFAULT_PORT, ACPI_PM_WINDOW_BYTES } from '../../devices/acpi-pm/acpi-pm.js';
import { staysPositive } from '../../devices/clock/config.js';
import { HPET_WINDOW_BYTES } from '../../devices/hpet/hpet.registers.js';
import { MMIO_COUNTER_WINDOW_BYTES } from '../../devices/mmio-counter/mmio-counter.js';
import { FREQUENCY_FLOOR } from './devices.js';
import { fittingDeviceTypes } from './interpolators.js';
import type { TickSourceInput } from './sections.js';
import type {
  DeviceConfig,
  EventAction,
  InterpolatorConfig,
  KernelConfig,
  ReadCall,
  ScenarioEvent,
} from './types.js';

/** The parsed sections, before the resolution step of schema.ts. */
export interface Checked {
  kernel: Omit<KernelConfig, 'initialJiffies' | 'bootWallTimeNs'> & {
    hz: KernelConfig['hz'];
    boot_wall_time: bigint;
    initial_jiffies?: bigint;
  };
  machine: { cpus: number };
  duration: bigint;
  devices: DeviceConfig[];
  interpolators: InterpolatorConfig[];
  tick: { source?: TickSourceInput };
  workload: { cpus: 'all' | number[]; call: ReadCall }[];
  events: ScenarioEvent[];
  expect: { interpolator?: string };
}

type Path = (string | number)[];
type Payload = z.core.ParsePayload;

export function crossCheck(s: Checked, payload: Payload): void {
  const rootFailed = payload.issues.some(
    (iss) => !iss.path?.length && iss.code !== 'unrecognized_keys',
  );
  if (rootFailed || typeof s !== 'object' || s === null || Array.isArray(s)) return;
  const failed = new Set(payload.issues.flatMap((iss) => (iss.path?.length ? [iss.path[0]] : [])));
  const ok = (...sections: string[]) => sections.every((name) => !failed.has(name));
  const report = (path: Path, message: string) =>
    payload.issues.push({ code: 'custom', message, path, input: undefined });
  const byName = new Map<string, DeviceConfig>();

  if (ok('devices')) {
    const windows: { index: number; from: bigint; to: bigint }[] = [];
    s.devices.forEach((d, i) => {
      const j = s.devices.findIndex((other) => other.name === d.name);
      if (j < i)
        report(['devices', i, 'name'], `duplicate device name "${d.name}" (also devices[${j}])`);
      else byName.set(d.name, d);
      const w = busWindow(d);
      if (w === undefined) return;
      const taken = windows.find((o) => o.from < w.to && w.from < o.to);
      if (taken === undefined) windows.push({ index: i, ...w });
      else if (d.type === 'acpi-pm')
        report(
          ['devices', i, 'type'],
          `the ACPI PM timer's port 0x${w.from.toString(16)} is taken by devices[${taken.index}]: a machine has one PM timer`,
        );
      else
        report(
          ['devices', i, 'base'],
          `${hexRange(w)} overlaps devices[${taken.index}] at ${hexRange(taken)}`,
        );
    });
  }
  const devicesOk = ok('devices');
  const cpus = ok('machine') ? s.machine.cpus : undefined;

  const findDevice = (path: Path, name: string): DeviceConfig | undefined => {
    if (!devicesOk) return undefined;
    const d = byName.get(name);
    if (d === undefined) {
      const names = [...byName.keys()].join(', ') || 'none';
      report(path, `no device named "${name}" (devices: ${names})`);
    }
    return d;
  };
  const checkCpu = (path: Path, cpu: number | undefined) => {
    if (cpus !== undefined && cpu !== undefined && cpu >= cpus) {
      report(path, `cpu ${cpu} does not exist (machine.cpus is ${cpus}: 0 … ${cpus - 1})`);
    }
  };
  const checkEntry = (path: Path, entry: InterpolatorConfig) => {
    const d = findDevice([...path, 'device'], entry.device);
    if (d === undefined) return;
    const { types, who } = fittingDeviceTypes(entry);
    if (!types.includes(d.type)) {
      report(
        [...path, 'device'],
        `${who} reads a device of type ${types.join(' or ')}; "${d.name}" is of type ${d.type}`,
      );
    }
  };

  if (devicesOk && cpus !== undefined) {
    s.devices.forEach((d, i) => {
      if (d.type !== 'itc' && d.type !== 'tsc') return;
      if (d.offsetsCycles.kind === 'per-cpu' && d.offsetsCycles.cycles.length !== cpus) {
        report(
          ['devices', i, 'offsets_cycles'],
          `needs one value per CPU: ${cpus}, not ${d.offsetsCycles.cycles.length}`,
        );
      }
      if (d.perCpuClock !== undefined && d.perCpuClock.length !== cpus) {
        report(
          ['devices', i, 'per_cpu_clock'],
          `needs one clock per CPU: ${cpus}, not ${d.perCpuClock.length}`,
        );
      }
    });
  }

  if (ok('interpolators')) {
    s.interpolators.forEach((entry, i) => {
      checkEntry(['interpolators', i], entry);
      const j = s.interpolators.findIndex((other) => other.device === entry.device);
      if (j < i) {
        report(
          ['interpolators', i, 'device'],
          `device "${entry.device}" already has an interpolator (interpolators[${j}])`,
        );
      }
    });
  }

  if (ok('kernel')) checkCpu(['kernel', 'timekeeper'], s.kernel.timekeeper);

  if (ok('tick') && devicesOk) {
    const source = s.tick.source;
    if (source?.kind === 'itc' && !s.devices.some((d) => d.type === 'itc' || d.type === 'tsc')) {
      report(['tick', 'source'], 'tick source itc needs an itc or tsc device');
    }
    if (source?.kind === 'hpet-timer') {
      const d = findDevice(['tick', 'source'], source.device);
      if (d !== undefined && d.type !== 'hpet') {
        report(['tick', 'source'], `"${d.name}" is of type ${d.type}, not an hpet`);
      } else if (d !== undefined && source.timer >= d.timers) {
        report(
          ['tick', 'source'],
          `${d.name} has ${d.timers} timers: timer0 … timer${d.timers - 1}`,
        );
      }
    }
  }

  if (ok('workload') && cpus !== undefined) checkWorkload(s, cpus, report);

  if (ok('events')) {
    for (const [i, e] of s.events.entries()) checkAction(['events', i, e.action.kind], e.action);
  }
  function checkAction(path: Path, a: EventAction) {
    switch (a.kind) {
      case 'irq_off':
        checkCpu([...path, 'cpu'], a.cpu);
        return;
      case 'jump':
      case 'set_drift': {
        const d = findDevice([...path, 'device'], a.device);
        if (a.kind === 'set_drift' && d !== undefined && !driftStaysPositive(d, a)) {
          report(
            [...path, 'ppm'],
            `${FREQUENCY_FLOOR} on ${d.name}: this drift + its clock's wander.min_ppm − |temperature.amplitude_ppm| must stay above −1000000`,
          );
        }
        if (a.cpu === undefined) return;
        if (d !== undefined && d.type !== 'itc' && d.type !== 'tsc') {
          report(
            [...path, 'cpu'],
            `cpu applies only to itc/tsc devices; "${d.name}" is of type ${d.type}`,
          );
        }
        checkCpu([...path, 'cpu'], a.cpu);
        return;
      }
      case 'register':
        checkEntry(path, a.interpolator);
        return;
      case 'unregister':
        findDevice(path, a.device);
        return;
      default:
        return;
    }
  }

  const wanted = s.expect?.interpolator;
  if (wanted !== undefined && ok('expect', 'interpolators', 'events') && devicesOk) {
    const registered = [
      ...s.interpolators.map((entry) => entry.device),
      ...s.events.flatMap((e) =>
        e.action.kind === 'register' ? [e.action.interpolator.device] : [],
      ),
    ];
    if (
      findDevice(['expect', 'interpolator'], wanted) !== undefined &&
      !registered.includes(wanted)
    ) {
      report(['expect', 'interpolator'], `no interpolator reads "${wanted}"`);
    }
  }
}

function checkWorkload(s: Checked, cpus: number, report: (path: Path, message: string) => void) {
  const owner = new Map<number, number>();
  s.workload.forEach((g, i) => {
    if (g.cpus === 'all') {
      if (s.workload.length > 1)
        report(['workload', i, 'cpus'], 'cpus: all leaves no CPU for the other groups');
      return;
    }
    for (const cpu of g.cpus) {
      if (cpu >= cpus) {
        report(
          ['workload', i, 'cpus'],
          `cpu ${cpu} does not exist (machine.cpus is ${cpus}: 0 … ${cpus - 1})`,
        );
        return;
      }
      const k = owner.get(cpu);
      if (k !== undefined && k !== i) {
        report(['workload', i, 'cpus'], `cpu ${cpu} is already in workload[${k}]`);
        return;
      }
      owner.set(cpu, i);
    }
  });
}

/** Whether a `set_drift` keeps the clocks it changes (one CPU's, or all of them) running forward. */
function driftStaysPositive(
  d: DeviceConfig,
  a: Extract<EventAction, { kind: 'set_drift' }>,
): boolean {
  const perCpu = 'perCpuClock' in d ? d.perCpuClock : undefined;
  const clocks =
    perCpu === undefined ? [d.clock] : a.cpu === undefined ? perCpu : [perCpu[a.cpu] ?? d.clock];
  return clocks.every((c) => staysPositive(a.ppm, c));
}

/** The bus addresses a device answers at, [from, to): HPET 1 KiB, MMIO counters 8 bytes, PM 4. */
function busWindow(d: DeviceConfig): { from: bigint; to: bigint } | undefined {
  switch (d.type) {
    case 'hpet':
      return { from: d.base, to: d.base + HPET_WINDOW_BYTES };
    case 'mmio-counter':
      return { from: d.base, to: d.base + MMIO_COUNTER_WINDOW_BYTES };
    case 'acpi-pm':
      return { from: ACPI_PM_DEFAULT_PORT, to: ACPI_PM_DEFAULT_PORT + ACPI_PM_WINDOW_BYTES };
    default:
      return undefined;
  }
}

const hexRange = (w: { from: bigint; to: bigint }): string =>
  `0x${w.from.toString(16)}–0x${(w.to - 1n).toString(16)}`;
