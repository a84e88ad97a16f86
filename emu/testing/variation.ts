// SPDX-License-Identifier: GPL-2.0-only
/**
 * A variation of a base scenario: what a property-test case changes in the scenario file. Every
 * key is optional (absent = the base's value), so the simplest variation is `{}`, the base itself.
 * Times are whole microseconds, so a shrunk case reads as round numbers.
 */

/** A window with interrupts off on one CPU (an `irq_off` event). */
export interface IrqOffWindow {
  readonly cpu: number;
  readonly atUs: number;
  readonly forUs: number;
}

/** A step of a counter (a `jump` event); `cpu` only for per-CPU counters. */
export interface CounterJump {
  readonly device: string;
  readonly cpu?: number;
  readonly atUs: number;
  readonly byCycles: number;
}

/** One reader group's timing: its mean think time, when it starts, the call it makes. */
export interface GroupTiming {
  readonly meanIntervalUs: number;
  readonly startUs: number;
  readonly call: ReadCall;
}

export type ReadCall =
  | 'getnstimeofday'
  | 'gettimeofday'
  | 'clock_gettime_realtime'
  | 'clock_gettime_monotonic';

/** A bounded random walk of a clock's frequency (the clock model's `wander`). */
export interface Wander {
  readonly stepPpm: number;
  readonly everyUs: number;
  readonly boundPpm: number;
}

/** A periodic frequency error (the clock model's `temperature`). */
export interface Temperature {
  readonly amplitudePpm: number;
  readonly periodUs: number;
}

/** A clock set: `settimeofday` to the wall time plus `stepUs`, or an `adjtime` of `slewUs`. */
export interface ClockSet {
  readonly atUs: number;
  readonly kind: 'settimeofday' | 'adjtime';
  readonly byUs: number;
}

export interface Variation {
  /** the run's seed */
  readonly seed?: bigint;
  readonly cpus?: number;
  readonly hz?: 100 | 250 | 1000;
  readonly durationUs?: number;
  /** per reader group, in file order (absent entries keep the group's own timing) */
  readonly workload?: readonly (GroupTiming | null)[];
  readonly irqOff?: readonly IrqOffWindow[];
  /** constant drift of a device's clock, ppm */
  readonly driftPpm?: Readonly<Record<string, number>>;
  /** frequency wander of a device's clock */
  readonly wander?: Readonly<Record<string, Wander>>;
  /** periodic (temperature) frequency error of a device's clock */
  readonly temperature?: Readonly<Record<string, Temperature>>;
  /** per-CPU counter offsets of a per-CPU counter device, cycles, one per CPU */
  readonly offsetsCycles?: Readonly<Record<string, readonly number[]>>;
  /** extra read jitter of a device's clock: each read adds 0 … this many cycles */
  readonly jitterCycles?: Readonly<Record<string, number>>;
  /** read latency of a memory-mapped device, ns: uniform in [0, this] */
  readonly readLatencyNs?: Readonly<Record<string, number>>;
  readonly jumps?: readonly CounterJump[];
  readonly clockSets?: readonly ClockSet[];
  readonly leap?: { readonly atUs: number; readonly kind: 'insert' | 'delete' };
}
