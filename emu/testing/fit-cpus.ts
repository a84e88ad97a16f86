// SPDX-License-Identifier: GPL-2.0-only
/**
 * A scenario file's data refitted to another CPU count: every key that names CPUs keeps only the
 * CPUs that exist (reader groups, the time keeper, per-CPU offsets and clocks, events on a CPU),
 * so the result loads whenever the base did.
 */
import type { ScenarioData } from './scenario-file.js';

type Entry = Record<string, unknown>;

const isEntry = (v: unknown): v is Entry =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A reader group's `cpus` for `n` CPUs, or null when none of its CPUs is left. */
function fitGroupCpus(cpus: unknown, n: number): unknown {
  if (cpus === 'all') return 'all';
  if (Array.isArray(cpus)) {
    const kept = cpus.filter((c) => Number(c) < n);
    return kept.length === 0 ? null : kept;
  }
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(String(cpus));
  if (m === null) return cpus;
  const lo = Number(m[1]);
  if (lo >= n) return null;
  return `${lo}-${Math.min(Number(m[2]), n - 1)}`;
}

/** A per-CPU list resized to `n` entries, new ones `fill`. */
function resized(list: readonly unknown[], n: number, fill: unknown): unknown[] {
  return Array.from({ length: n }, (_, i) => (i < list.length ? list[i] : fill));
}

function fitDevice(d: Entry, n: number): Entry {
  const out = { ...d };
  if (Array.isArray(d.offsets_cycles)) out.offsets_cycles = resized(d.offsets_cycles, n, 0);
  if (Array.isArray(d.per_cpu_clock)) out.per_cpu_clock = resized(d.per_cpu_clock, n, {});
  return out;
}

/** The CPU an event acts on, if any. */
function eventCpu(e: Entry): number | undefined {
  for (const key of ['irq_off', 'jump', 'set_drift']) {
    const action = e[key];
    if (isEntry(action) && action.cpu !== undefined) return Number(action.cpu);
  }
  return undefined;
}

export function fitCpus(data: ScenarioData, n: number): ScenarioData {
  const out: ScenarioData = { ...data, machine: { ...(data.machine as Entry), cpus: n } };
  const kernel = data.kernel;
  if (isEntry(kernel) && Number(kernel.timekeeper ?? 0) >= n)
    out.kernel = { ...kernel, timekeeper: 0 };
  if (Array.isArray(data.devices))
    out.devices = data.devices.map((d) => (isEntry(d) ? fitDevice(d, n) : d));
  if (Array.isArray(data.workload)) {
    const groups = data.workload
      .filter(isEntry)
      .map((g) => ({ ...g, cpus: fitGroupCpus(g.cpus, n) }))
      .filter((g) => g.cpus !== null);
    out.workload = groups;
  }
  if (Array.isArray(data.events))
    out.events = data.events.filter((e) => !isEntry(e) || (eventCpu(e) ?? 0) < n);
  return out;
}
