// SPDX-License-Identifier: GPL-2.0-only
/**
 * A trace sink that turns trace records into VCD signals grouped in modules (docs/outputs.md
 * lists every signal): per CPU the last read's returned time and error, the last `last_cycle`
 * cmpxchg outcome, `in_irq`, `running`, `faulted`; the interpolator's state; `xtime` and
 * `jiffies`; per MMIO device the counter value the kernel read.
 *
 * Executor records arrive in start order, so each one's start is a watermark below which the
 * buffered changes are final; an operation's effect is placed at its end. Measurement records
 * (read, skip, tuning) arrive at the instant they complete and are placed there.
 */
import { EXECUTOR_KINDS } from '../base/trace-record.js';
import type { OpRecord, TraceKind, TraceRecord, TraceSink } from './tracer.js';
import { type VcdHeader, VcdWriter } from './vcd.js';

interface CpuIds {
  readonly readNs: string;
  readonly readErrorNs: string;
  readonly cmpxchgOk: string;
  readonly inIrq: string;
  readonly running: string;
  readonly faulted: string;
}

/** A signed value as the 64 bits of its two's complement (a VCD vector has no sign). */
const bits64 = (v: bigint): bigint => BigInt.asUintN(64, v);

/** The interpolator's fields (kernel/timer.c, struct time_interpolator) shown as signals. */
const INTERPOLATOR_FIELDS = ['offset', 'last_counter', 'last_cycle', 'nsec_per_cyc'] as const;
/** The kernel variables shown in module `kernel`: the store target and the signal's name. */
const KERNEL_VARS: readonly (readonly [string, string])[] = [
  ['xtime.tv_sec', 'xtime_tv_sec'],
  ['xtime.tv_nsec', 'xtime_tv_nsec'],
  ['jiffies.jiffies', 'jiffies'],
];
/** The interpolator's records are named `ti:<device>` in kernel memory. */
const INTERPOLATOR_PREFIX = 'ti:';
const DECIMAL = /^[0-9]+$/;

export class VcdTraceSink implements TraceSink {
  /** the executor's records and the measurements the signals show */
  readonly kinds: ReadonlySet<TraceKind> = new Set([...EXECUTOR_KINDS, 'read', 'skip', 'tuning']);
  private readonly vcd: VcdWriter;
  private readonly cpus: CpuIds[] = [];
  private readonly devices = new Map<string, string>();
  /** store target (`ti:hpet0.offset`, `xtime.tv_sec`) or interpolator field → signal id */
  private readonly stateIds = new Map<string, string>();
  private readonly skipsId: string;
  private skips = 0n;

  constructor(
    write: (chunk: string) => void,
    machine: { readonly cpuCount: number; readonly devices?: readonly string[] },
    header: VcdHeader = {},
  ) {
    this.vcd = new VcdWriter(write, header);
    for (let c = 0; c < machine.cpuCount; c++) this.cpus.push(this.declareCpu(`cpu${c}`));
    for (const f of INTERPOLATOR_FIELDS)
      this.stateIds.set(f, this.vcd.declare('interpolator', f, 'wire', 64));
    this.skipsId = this.vcd.declare('interpolator', 'skips', 'wire', 64);
    for (const [target, name] of KERNEL_VARS)
      this.stateIds.set(target, this.vcd.declare('kernel', name, 'wire', 64));
    for (const d of machine.devices ?? [])
      this.devices.set(d, this.vcd.declare(d, 'counter', 'wire', 64));
  }

  private declareCpu(m: string): CpuIds {
    return {
      readNs: this.vcd.declare(m, 'read_ns', 'wire', 64),
      readErrorNs: this.vcd.declare(m, 'read_error_ns', 'wire', 64),
      cmpxchgOk: this.vcd.declare(m, 'cmpxchg_ok', 'wire', 1),
      inIrq: this.vcd.declare(m, 'in_irq', 'wire', 1),
      running: this.vcd.declare(m, 'running', 'wire', 1),
      faulted: this.vcd.declare(m, 'faulted', 'wire', 1),
    };
  }

  /** A measurement (read, skip, tuning), placed at its `t`; false for an executor record. */
  private measurement(r: TraceRecord, ids: CpuIds): boolean {
    switch (r.type) {
      case 'read':
        this.vcd.change(r.t, ids.readNs, bits64(r.valueNs));
        this.vcd.change(r.t, ids.readErrorNs, bits64(r.errorNs));
        return true;
      case 'skip':
        this.skips++;
        this.vcd.change(r.t, this.skipsId, this.skips);
        return true;
      case 'tuning':
        this.vcd.change(r.t, this.stateIds.get('nsec_per_cyc')!, r.to);
        return true;
      default:
        return false;
    }
  }

  record(r: TraceRecord): void {
    const ids = this.cpus[r.cpu];
    if (ids === undefined || this.measurement(r, ids)) return;
    this.vcd.flushBefore(r.t);
    switch (r.type) {
      case 'op':
        this.op(r, ids);
        return;
      case 'irq':
        this.vcd.change(r.t, ids.inIrq, r.edge === 'enter');
        return;
      case 'cpu':
        this.vcd.change(r.t, ids.running, r.state === 'run');
        return;
      case 'kernel':
        this.vcd.change(r.t, ids.faulted, true);
        return;
      default:
        return;
    }
  }

  /**
   * The value an operation read (an MMIO counter read, at its end) or wrote (a store, at its
   * start: the executor writes memory at an operation's start). A cmpxchg record carries the
   * value it found, not the one it wrote: it sets `cmpxchg_ok` only.
   */
  private op(r: OpRecord, ids: CpuIds): void {
    if (r.op === 'mmio_read') {
      const id = this.devices.get(r.target.split('+')[0]!);
      if (id !== undefined && DECIMAL.test(r.value)) this.vcd.change(r.end, id, BigInt(r.value));
      return;
    }
    if (r.op !== 'store' && r.op !== 'cmpxchg') return;
    const id = this.stateId(r.target);
    if (id === undefined) return;
    if (r.op === 'cmpxchg') this.vcd.change(r.t, ids.cmpxchgOk, r.ok);
    else if (DECIMAL.test(r.value)) this.vcd.change(r.t, id, BigInt(r.value));
  }

  end(): void {
    this.vcd.end();
  }

  private stateId(target: string): string | undefined {
    if (!target.startsWith(INTERPOLATOR_PREFIX)) return this.stateIds.get(target);
    return this.stateIds.get(target.slice(target.indexOf('.') + 1));
  }
}
