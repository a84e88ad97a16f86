// SPDX-License-Identifier: GPL-2.0-only
/**
 * A variation applied to the base scenario's file data: the case's scenario file. New events are
 * appended after the base's (events at the same time run in file order, docs/scenario.md).
 */
import { FS_PER_NS } from '../base/time.js';
import { fitCpus } from './fit-cpus.js';
import type { BaseScenario, ScenarioData } from './scenario-file.js';
import type { ClockSet, CounterJump, Variation } from './variation.js';

type Entry = Record<string, unknown>;

const us = (n: number): string | number => (n === 0 ? 0 : `${n}us`);

const entries = (v: unknown): Entry[] => (Array.isArray(v) ? (v as Entry[]) : []);

/** Changes the devices named in `by` with `change(device, value)`. */
function eachDevice<T>(
  data: ScenarioData,
  by: Readonly<Record<string, T>> | undefined,
  change: (d: Entry, value: T) => Entry,
): void {
  if (by === undefined) return;
  data.devices = entries(data.devices).map((d) => {
    const value = by[String(d.name)];
    return value === undefined ? d : change(d, value);
  });
}

/** Changes the clock model of a device (each per-CPU one when it has them). */
function withClock(d: Entry, change: (clock: Entry) => Entry): Entry {
  if (Array.isArray(d.per_cpu_clock))
    return { ...d, per_cpu_clock: (d.per_cpu_clock as Entry[]).map((c) => change({ ...c })) };
  return { ...d, clock: change({ ...((d.clock as Entry | undefined) ?? {}) }) };
}

function applyDevices(data: ScenarioData, v: Variation, cpus: number): void {
  eachDevice(data, v.driftPpm, (d, ppm) => withClock(d, (c) => ({ ...c, drift_ppm: ppm })));
  eachDevice(data, v.wander, (d, w) =>
    withClock(d, (c) => ({
      ...c,
      wander: {
        step_ppm: w.stepPpm,
        every: us(w.everyUs),
        min_ppm: -w.boundPpm,
        max_ppm: w.boundPpm,
      },
    })),
  );
  eachDevice(data, v.temperature, (d, t) =>
    withClock(d, (c) => ({
      ...c,
      temperature: { amplitude_ppm: t.amplitudePpm, period: us(t.periodUs) },
    })),
  );
  eachDevice(data, v.jitterCycles, (d, n) =>
    withClock(d, (c) => ({ ...c, jitter: { cycles: { uniform: [0, n] } } })),
  );
  eachDevice(data, v.offsetsCycles, (d, list) => ({
    ...d,
    offsets_cycles: Array.from({ length: cpus }, (_, i) => list[i] ?? 0),
  }));
  eachDevice(data, v.readLatencyNs, (d, ns) => ({
    ...d,
    read_latency: { uniform: [0, `${ns}ns`] },
  }));
}

function applyWorkload(data: ScenarioData, v: Variation): void {
  if (v.workload === undefined) return;
  data.workload = entries(data.workload).map((g, i) => {
    const t = v.workload?.[i];
    if (t === undefined || t === null) return g;
    const interval = t.meanIntervalUs === 0 ? 0 : { exponential: `${t.meanIntervalUs}us` };
    return { ...g, call: t.call, interval, start: us(t.startUs) };
  });
}

function jumpEvent(j: CounterJump, cpus: number): Entry | null {
  const jump: Entry = { device: j.device, by_cycles: j.byCycles };
  if (j.cpu !== undefined) {
    if (j.cpu >= cpus) return null;
    jump.cpu = j.cpu;
  }
  return { at: us(j.atUs), jump };
}

function clockSetEvent(s: ClockSet, bootNs: bigint): Entry {
  if (s.kind === 'adjtime') return { at: us(s.atUs), adjtime: `${s.byUs}us` };
  const wallNs = bootNs + BigInt(s.atUs + s.byUs) * 1000n;
  return { at: us(s.atUs), settimeofday: `${wallNs < 0n ? 0n : wallNs}ns` };
}

function newEvents(base: BaseScenario, v: Variation, cpus: number): Entry[] {
  const out: Entry[] = [];
  for (const w of v.irqOff ?? [])
    if (w.cpu < cpus) out.push({ at: us(w.atUs), irq_off: { cpu: w.cpu, for: `${w.forUs}us` } });
  for (const j of v.jumps ?? []) {
    const e = jumpEvent(j, cpus);
    if (e !== null) out.push(e);
  }
  for (const s of v.clockSets ?? [])
    out.push(clockSetEvent(s, base.scenario.kernel.bootWallTimeNs));
  if (v.leap !== undefined) out.push({ at: us(v.leap.atUs), leap: v.leap.kind });
  return out;
}

/** The data with `seed` set, placed after `name` and `description` as docs/scenario.md lists. */
function withSeed(data: ScenarioData, seed: bigint): ScenarioData {
  const { name, description, seed: _, ...rest } = data;
  return {
    name,
    ...(description === undefined ? {} : { description }),
    seed: seed.toString(),
    ...rest,
  };
}

/** The scenario file data of the case `v` of `base`. */
export function applyVariation(base: BaseScenario, v: Variation): ScenarioData {
  const cpus = v.cpus ?? base.scenario.machine.cpus;
  let data: ScenarioData = structuredClone(base.data);
  if (v.cpus !== undefined) data = fitCpus(data, v.cpus);
  if (v.seed !== undefined) data = withSeed(data, v.seed);
  if (v.hz !== undefined) data.kernel = { ...((data.kernel as Entry | undefined) ?? {}), hz: v.hz };
  if (v.durationUs !== undefined) data.duration = `${v.durationUs}us`;
  applyDevices(data, v, cpus);
  applyWorkload(data, v);
  const added = newEvents(base, v, cpus);
  if (added.length > 0) data.events = [...entries(data.events), ...added];
  return data;
}

/** The base's duration in whole microseconds (rounded down, at least 1). */
export const durationUsOf = (base: BaseScenario): number => {
  const n = Number(base.scenario.durationFs / (FS_PER_NS * 1000n));
  return Math.max(n, 1);
};
