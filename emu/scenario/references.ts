// SPDX-License-Identifier: GPL-2.0-only
/**
 * Checks across sections of a scenario: device names unique, bus windows apart, each device's own
 * limits (its descriptor's), every reference to a device, HPET timer or CPU resolves. Each check
 * runs only when the sections it reads parsed without issues, so one typo does not hide the
 * others' findings, and each issue carries the path of the offending field.
 */
import type { z } from 'zod';
import { clockStepsIn, FREQUENCY_FLOOR, staysPositive } from '../../devices/clock/config.js';
import type { BusWindow } from '../../devices/descriptor.js';
import { MAX_CLOCK_STEPS_PER_RUN } from '../base/limits.js';
import { registrationFindings } from './registrations.js';
import type { Registry } from './registry.js';
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
type Report = (path: Path, message: string) => void;

/** What the checks share: the scenario, which sections parsed, the devices by name. */
interface Context {
  readonly s: Checked;
  readonly registry: Registry;
  readonly report: Report;
  readonly ok: (...sections: string[]) => boolean;
  readonly byName: Map<string, DeviceConfig>;
  /** machine.cpus, when it parsed */
  readonly cpus: number | undefined;
}

export function crossCheck(s: Checked, payload: Payload, registry: Registry): void {
  const rootFailed = payload.issues.some(
    (iss) => !iss.path?.length && iss.code !== 'unrecognized_keys',
  );
  if (rootFailed || typeof s !== 'object' || s === null || Array.isArray(s)) return;
  const failed = new Set(payload.issues.flatMap((iss) => (iss.path?.length ? [iss.path[0]] : [])));
  const ok = (...sections: string[]) => sections.every((name) => !failed.has(name));
  const report: Report = (path, message) =>
    payload.issues.push({ code: 'custom', message, path, input: undefined });
  const c: Context = {
    s,
    registry,
    report,
    ok,
    byName: new Map(),
    cpus: ok('machine') ? s.machine.cpus : undefined,
  };
  if (ok('devices')) checkDevices(c);
  if (ok('interpolators')) checkInterpolators(c);
  if (ok('kernel')) checkCpu(c, ['kernel', 'timekeeper'], s.kernel.timekeeper);
  if (ok('tick', 'devices')) checkTick(c);
  if (ok('workload') && c.cpus !== undefined) checkWorkload(s, c.cpus, report);
  if (ok('events')) {
    for (const [i, e] of s.events.entries())
      checkAction(c, ['events', i, eventKey(e.action)], e.action);
  }
  if (ok('events', 'interpolators')) checkRegistrations(c);
  checkExpectedInterpolator(c);
}

/** The key an action is written under in the file (`counter` actions have one per operation). */
const COUNTER_KEYS = {
  write: 'write_counter',
  write_adjust: 'write_tsc_adjust',
  halt: 'halt',
  resume: 'resume',
} as const;

function eventKey(a: EventAction): string {
  return a.kind === 'counter' ? COUNTER_KEYS[a.op] : a.kind;
}

/** Top of the 64-bit physical address space, exclusive: no register window may pass it. */
const ADDRESS_SPACE_END = 1n << 64n;

/** A `register` of an interpolator that is already on the list (docs/scenario.md). */
function checkRegistrations(c: Context): void {
  for (const f of registrationFindings(c.s.interpolators, c.s.events)) {
    if (f.kind !== 'again') continue;
    c.report(
      ['events', f.event, 'register', 'device'],
      `the interpolator of "${f.device}" is already registered at this time: register_time_interpolator would put it on time_interpolator_list again (ti->next = the list head: a loop), and the next unregister would walk that loop forever holding xtime_lock (kernel/timer.c); unregister it first (docs/scenario.md, "Registering and unregistering")`,
    );
  }
}

/** Names unique, bus windows apart, and each device's own limits. */
function checkDevices(c: Context): void {
  const windows: ({ index: number } & BusWindow)[] = [];
  c.s.devices.forEach((d, i) => {
    const j = c.s.devices.findIndex((other) => other.name === d.name);
    if (j < i)
      c.report(['devices', i, 'name'], `duplicate device name "${d.name}" (also devices[${j}])`);
    else c.byName.set(d.name, d);
    const descriptor = c.registry.device(d.type);
    const w = descriptor.busWindow(d);
    if (w !== undefined && w.to > ADDRESS_SPACE_END) {
      c.report(
        ['devices', i, w.key],
        `0x${w.from.toString(16)}–0x${(w.to - 1n).toString(16)} passes the top of the 64-bit physical address space (0xffffffffffffffff)`,
      );
    } else if (w !== undefined) {
      const taken = windows.find((o) => o.from < w.to && w.from < o.to);
      if (taken === undefined) windows.push({ index: i, ...w });
      else c.report(['devices', i, w.key], takenMessage(w, taken));
    }
    if (c.ok('duration')) checkClockSteps(c, i, d);
    if (c.cpus === undefined) return;
    for (const issue of descriptor.limits(d, { cpus: c.cpus })) {
      c.report(['devices', i, ...issue.path], issue.message);
    }
  });
}

/** A clock's wander and temperature steps over the run stay within MAX_CLOCK_STEPS_PER_RUN. */
function checkClockSteps(c: Context, i: number, d: DeviceConfig): void {
  // a device type added to a registry may have no clock model
  const own = (d as Partial<Pick<DeviceConfig, 'clock'>>).clock;
  const perCpu = 'perCpuClock' in d ? (d.perCpuClock ?? []) : [];
  const worst = [...(own ? [own] : []), ...perCpu].reduce((most, clock) => {
    const steps = clockStepsIn(clock, c.s.duration);
    return steps > most ? steps : most;
  }, 0n);
  if (worst > MAX_CLOCK_STEPS_PER_RUN) {
    const knob = own?.wander ? 'wander' : 'temperature';
    c.report(
      ['devices', i, 'clock', knob],
      `the clock would change its frequency ${worst} times in this run; at most ${MAX_CLOCK_STEPS_PER_RUN} (wander: duration / every; temperature: 64 × duration / period; docs/cli.md, "Limits")`,
    );
  }
}

function takenMessage(w: BusWindow, taken: { index: number } & BusWindow): string {
  if (w.takenMessage !== undefined) return w.takenMessage(taken.index);
  return `${hexRange(w)} overlaps devices[${taken.index}] at ${hexRange(taken)}`;
}

/** The device named `name`, or undefined (reported, when the devices parsed). */
function findDevice(c: Context, path: Path, name: string): DeviceConfig | undefined {
  if (!c.ok('devices')) return undefined;
  const d = c.byName.get(name);
  if (d === undefined) {
    const names = [...c.byName.keys()].join(', ') || 'none';
    c.report(path, `no device named "${name}" (devices: ${names})`);
  }
  return d;
}

function checkCpu(c: Context, path: Path, cpu: number | undefined): void {
  if (c.cpus !== undefined && cpu !== undefined && cpu >= c.cpus) {
    c.report(path, `cpu ${cpu} does not exist (machine.cpus is ${c.cpus}: 0 … ${c.cpus - 1})`);
  }
}

/** The entry's device exists and is of a type its driver reads. */
function checkEntry(c: Context, path: Path, entry: InterpolatorConfig): void {
  const d = findDevice(c, [...path, 'device'], entry.device);
  if (d === undefined) return;
  const { types, who } = c.registry.fittingDeviceTypes(entry);
  if (!types.includes(d.type)) {
    c.report(
      [...path, 'device'],
      `${who} reads a device of type ${types.join(' or ')}; "${d.name}" is of type ${d.type}`,
    );
  }
}

function checkInterpolators(c: Context): void {
  c.s.interpolators.forEach((entry, i) => {
    checkEntry(c, ['interpolators', i], entry);
    const j = c.s.interpolators.findIndex((other) => other.device === entry.device);
    if (j < i) {
      c.report(
        ['interpolators', i, 'device'],
        `device "${entry.device}" already has an interpolator (interpolators[${j}])`,
      );
    }
  });
}

function checkTick(c: Context): void {
  const source = c.s.tick.source;
  if (source?.kind === 'itc' && !c.s.devices.some((d) => d.type === 'itc' || d.type === 'tsc')) {
    c.report(['tick', 'source'], 'tick source itc needs an itc or tsc device');
  }
  if (source?.kind !== 'hpet-timer') return;
  const d = findDevice(c, ['tick', 'source'], source.device);
  if (d !== undefined && d.type !== 'hpet') {
    c.report(['tick', 'source'], `"${d.name}" is of type ${d.type}, not an hpet`);
  } else if (d !== undefined && source.timer >= d.timers) {
    c.report(['tick', 'source'], `${d.name} has ${d.timers} timers: timer0 … timer${d.timers - 1}`);
  }
}

function checkAction(c: Context, path: Path, a: EventAction): void {
  switch (a.kind) {
    case 'irq_off':
      checkCpu(c, [...path, 'cpu'], a.cpu);
      return;
    case 'jump':
    case 'set_drift':
      checkCounterChange(c, path, a);
      return;
    case 'counter':
      checkCounterOp(c, path, a);
      return;
    case 'register':
      checkEntry(c, path, a.interpolator);
      return;
    case 'unregister':
      findDevice(c, path, a.device);
      return;
    default:
      return;
  }
}

/** A counter operation: the device exists and is a per-CPU counter (itc/tsc), `cpu` exists. */
function checkCounterOp(
  c: Context,
  path: Path,
  a: Extract<EventAction, { kind: 'counter' }>,
): void {
  const d = findDevice(c, [...path, 'device'], a.device);
  if (d !== undefined && !c.registry.device(d.type).perCpu)
    c.report([...path, 'device'], `"${d.name}" is of type ${d.type}, not an itc or tsc`);
  else if (d !== undefined && a.op === 'write_adjust' && d.type !== 'tsc')
    c.report([...path, 'device'], `IA32_TSC_ADJUST is an x86 MSR: "${d.name}" is an ${d.type}`);
  checkCpu(c, [...path, 'cpu'], a.cpu);
}

/** A jump or set_drift: the device exists, a drift keeps it running, `cpu` fits the device. */
function checkCounterChange(
  c: Context,
  path: Path,
  a: Extract<EventAction, { kind: 'jump' | 'set_drift' }>,
): void {
  const d = findDevice(c, [...path, 'device'], a.device);
  if (a.kind === 'set_drift' && d !== undefined && !driftStaysPositive(d, a)) {
    c.report(
      [...path, 'ppm'],
      `${FREQUENCY_FLOOR} on ${d.name}: this drift + its clock's wander.min_ppm − |temperature.amplitude_ppm| must stay above −1000000`,
    );
  }
  if (a.cpu === undefined) return;
  if (d !== undefined && !c.registry.device(d.type).perCpu) {
    c.report(
      [...path, 'cpu'],
      `cpu applies only to itc/tsc devices; "${d.name}" is of type ${d.type}`,
    );
  }
  checkCpu(c, [...path, 'cpu'], a.cpu);
}

/** `expect.interpolator` names a device some interpolator reads. */
function checkExpectedInterpolator(c: Context): void {
  const wanted = c.s.expect?.interpolator;
  if (wanted === undefined || !c.ok('expect', 'interpolators', 'events', 'devices')) return;
  const registered = [
    ...c.s.interpolators.map((entry) => entry.device),
    ...c.s.events.flatMap((e) =>
      e.action.kind === 'register' ? [e.action.interpolator.device] : [],
    ),
  ];
  if (
    findDevice(c, ['expect', 'interpolator'], wanted) !== undefined &&
    !registered.includes(wanted)
  ) {
    c.report(['expect', 'interpolator'], `no interpolator reads "${wanted}"`);
  }
}

function checkWorkload(s: Checked, cpus: number, report: Report) {
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

const hexRange = (w: { from: bigint; to: bigint }): string =>
  `0x${w.from.toString(16)}–0x${(w.to - 1n).toString(16)}`;
