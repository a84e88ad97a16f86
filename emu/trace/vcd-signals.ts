// SPDX-License-Identifier: GPL-2.0-only
/**
 * The signals of our VCD (format 2, docs/outputs.md), declared in scopes: one per CPU, the
 * interpolator, the kernel, one per device. The signals added after format 2's first release
 * (`in_syscall`, `stalled`, the cycle counter's per-CPU counters) are declared last, so the
 * identifiers of the earlier ones did not change.
 */
import type { SignalVariable } from '../base/signal-tap.js';
import type { VcdWriter } from './vcd.js';

export interface CpuIds {
  readonly readNs: string;
  readonly readErrorNs: string;
  readonly cmpxchgOk: string;
  readonly inIrq: string;
  readonly running: string;
  readonly faulted: string;
  readonly inSyscall: string;
  readonly stalled: string;
}

/** What the waveform shows of a machine. */
export interface VcdMachine {
  readonly cpuCount: number;
  /** MMIO devices: one `counter` each */
  readonly devices?: readonly string[];
  /** the per-CPU cycle counter (ITC, TSC), if any: one `counter_cpuN` per CPU */
  readonly cycleCounter?: string;
}

export interface VcdSignals {
  readonly cpus: readonly CpuIds[];
  readonly skips: string;
  /** variable → its signal */
  readonly variables: ReadonlyMap<SignalVariable, string>;
  /** device name → its signal, or per CPU its signals (a cycle counter) */
  readonly devices: ReadonlyMap<string, string | readonly string[]>;
}

/** The interpolator's fields (kernel/timer.c, struct time_interpolator) shown as signals. */
const INTERPOLATOR_FIELDS = ['offset', 'last_counter', 'last_cycle', 'nsec_per_cyc'] as const;
const KERNEL_VARS = ['xtime_tv_sec', 'xtime_tv_nsec', 'jiffies'] as const;

export function declareSignals(vcd: VcdWriter, m: VcdMachine): VcdSignals {
  const first: Omit<CpuIds, 'inSyscall' | 'stalled'>[] = [];
  for (let c = 0; c < m.cpuCount; c++) {
    const s = `cpu${c}`;
    first.push({
      readNs: vcd.declare(s, 'read_ns', 'wire', 64),
      readErrorNs: vcd.declare(s, 'read_error_ns', 'wire', 64),
      cmpxchgOk: vcd.declare(s, 'cmpxchg_ok', 'wire', 1),
      inIrq: vcd.declare(s, 'in_irq', 'wire', 1),
      running: vcd.declare(s, 'running', 'wire', 1),
      faulted: vcd.declare(s, 'faulted', 'wire', 1),
    });
  }
  const variables = new Map<SignalVariable, string>();
  for (const f of INTERPOLATOR_FIELDS) variables.set(f, vcd.declare('interpolator', f, 'wire', 64));
  const skips = vcd.declare('interpolator', 'skips', 'wire', 64);
  for (const v of KERNEL_VARS) variables.set(v, vcd.declare('kernel', v, 'wire', 64));
  const devices = new Map<string, string | readonly string[]>();
  for (const d of m.devices ?? []) devices.set(d, vcd.declare(d, 'counter', 'wire', 64));
  const cpus = first.map((ids, c) => ({
    ...ids,
    inSyscall: vcd.declare(`cpu${c}`, 'in_syscall', 'wire', 1),
    stalled: vcd.declare(`cpu${c}`, 'stalled', 'wire', 1),
  }));
  const cc = m.cycleCounter;
  if (cc !== undefined)
    devices.set(
      cc,
      first.map((_, c) => vcd.declare(cc, `counter_cpu${c}`, 'wire', 64)),
    );
  return { cpus, skips, variables, devices };
}
