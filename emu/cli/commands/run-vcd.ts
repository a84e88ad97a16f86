// SPDX-License-Identifier: GPL-2.0-only
/**
 * What the waveform (`--vcd`) of a scenario shows of its machine: the CPUs, a `counter` per MMIO
 * device, and per CPU the counter of its cycle counter (ITC, TSC) as kernel code last read it.
 */
import type { Scenario } from '../../scenario/types.js';
import type { VcdMachine } from '../../trace/vcd-sink.js';

const isCycleCounter = (type: string): boolean => type === 'itc' || type === 'tsc';

export function vcdMachine(s: Scenario): VcdMachine {
  const cycleCounter = s.devices.find((d) => isCycleCounter(d.type))?.name;
  return {
    cpuCount: s.machine.cpus,
    devices: s.devices.filter((d) => !isCycleCounter(d.type)).map((d) => d.name),
    ...(cycleCounter === undefined ? {} : { cycleCounter }),
  };
}
