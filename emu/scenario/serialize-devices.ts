// SPDX-License-Identifier: GPL-2.0-only
/**
 * Built-in device configs back to their scenario entries (docs/scenario.md, "devices"), every
 * key written; serialize.ts drops the ones the schema would fill in anyway.
 */
import type { AcpiPmConfig } from '../../devices/acpi-pm/descriptor.js';
import type { CycleCounterConfig } from '../../devices/cycle-counter/descriptor.js';
import type { DeviceConfigBase } from '../../devices/descriptor.js';
import type { HpetConfig } from '../../devices/hpet/descriptor.js';
import type { MmioCounterConfig } from '../../devices/mmio-counter/descriptor.js';
import { clockEntry } from './serialize-clock.js';
import {
  distValue,
  durationText,
  frequencyEntry,
  frequencyText,
  hexText,
  intValue,
} from './serialize-values.js';

type Entry = Record<string, unknown>;

function hpetQuirks(q: HpetConfig['quirks']): unknown[] {
  const out: unknown[] = [];
  if (q.periodInPs === true) out.push('period-in-ps');
  if (q.split64BitRead !== undefined) {
    const { gapFs, order } = q.split64BitRead;
    out.push({
      'split-64bit-read': { gap: durationText(gapFs), ...(order === undefined ? {} : { order }) },
    });
  }
  if (q.lateComparator !== undefined) {
    out.push({ 'late-comparator': { max_ticks: intValue(q.lateComparator.maxTicks) } });
  }
  if (q.valSet !== undefined) out.push({ 'val-set': q.valSet });
  return out;
}

const hpet = (d: HpetConfig): Entry => ({
  type: d.type,
  name: d.name,
  period_fs: intValue(d.periodFs),
  counter_bits: d.counterBits,
  timers: d.timers,
  base: hexText(d.base),
  read_latency: distValue(d.readLatencyFs, durationText),
  clock: clockEntry(d.clock),
  quirks: hpetQuirks(d.quirks),
});

function cycleCounter(d: CycleCounterConfig): Entry {
  const offsets = d.offsetsCycles;
  return {
    type: d.type,
    name: d.name,
    frequency: frequencyEntry(d.frequencyHz, d.name),
    offsets_cycles:
      offsets.kind === 'per-cpu'
        ? offsets.cycles.map(intValue)
        : distValue(offsets.cycles, intValue),
    ...(d.perCpuClock === undefined
      ? { clock: clockEntry(d.clock) }
      : { per_cpu_clock: d.perCpuClock.map(clockEntry) }),
    rate_class: d.rateClass,
    ...(d.readCostCycles === undefined ? {} : { read_cost: d.readCostCycles }),
  };
}

const mmioCounter = (d: MmioCounterConfig): Entry => ({
  type: d.type,
  name: d.name,
  ...(d.preset === null ? {} : { preset: d.preset }),
  bits: d.bits,
  // a preset's frequency may have no decimal (sn2-rtc's 100/3 MHz): the preset then gives it
  ...(d.preset !== null && frequencyText(d.frequencyHz) === undefined
    ? {}
    : { frequency: frequencyEntry(d.frequencyHz, d.name) }),
  base: hexText(d.base),
  read_latency: distValue(d.readLatencyFs, durationText),
  clock: clockEntry(d.clock),
});

const acpiPm = (d: AcpiPmConfig): Entry => ({
  type: d.type,
  name: d.name,
  bits: d.bits,
  read_latency: distValue(d.readLatencyFs, durationText),
  glitch: d.glitch,
  piix4_value: d.piix4Value,
  clock: clockEntry(d.clock),
});

const BUILTIN: Record<string, (d: never) => Entry> = {
  hpet,
  itc: cycleCounter,
  tsc: cycleCounter,
  'mmio-counter': mmioCounter,
  'acpi-pm': acpiPm,
};

/** The entry of a built-in device type, or undefined for another type. */
export function builtinDeviceEntry(d: DeviceConfigBase): Entry | undefined {
  const write = BUILTIN[d.type];
  return write === undefined ? undefined : write(d as never);
}

export const isBuiltinDeviceType = (type: string): boolean => Object.hasOwn(BUILTIN, type);
