// SPDX-License-Identifier: GPL-2.0-only
/**
 * The validated scenario: what `loadScenario` returns and what machine assembly consumes.
 * Every default is filled in, every context-dependent value is resolved (`cpus: all` is a list of
 * indices, the tick source names its device), and every value is exact: times are bigint
 * femtoseconds (`…Fs`) or nanoseconds where a kernel interface takes a timespec (`…Ns`),
 * frequencies and ppm are Rationals, 64-bit integers are bigints, random quantities are DistSpecs
 * (in the unit their field name gives). Field names are the file's keys in camelCase with units.
 */
import type { AcpiPmConfig } from '../../devices/acpi-pm/descriptor.js';
import type { CycleCounterConfig } from '../../devices/cycle-counter/descriptor.js';
import type { HpetConfig } from '../../devices/hpet/descriptor.js';
import type { MmioCounterConfig } from '../../devices/mmio-counter/descriptor.js';
import type { CoherencePolicy } from '../base/coherence.js';
import type { CostTable } from '../base/costs.js';
import type { DistSpec } from '../base/distribution.js';
import type { Rational } from '../base/rational.js';
import type { Range } from '../base/values.js';
import type { CheckConfig } from './check.js';

export type { AcpiPmConfig } from '../../devices/acpi-pm/descriptor.js';
export type { ClockModel } from '../../devices/clock/clock-model.js';
export type { CycleCounterConfig } from '../../devices/cycle-counter/descriptor.js';
export type { HpetConfig } from '../../devices/hpet/descriptor.js';
export type { MmioCounterConfig } from '../../devices/mmio-counter/descriptor.js';
export type { Range } from '../base/values.js';

export interface Scenario {
  readonly name: string;
  /** prose; '' when absent */
  readonly description: string;
  /** default seed of the run (`--seed` overrides) */
  readonly seed: bigint;
  readonly durationFs: bigint;
  readonly kernel: KernelConfig;
  readonly machine: MachineConfig;
  readonly devices: readonly DeviceConfig[];
  /** registered at boot, in this order */
  readonly interpolators: readonly InterpolatorConfig[];
  readonly tick: TickConfig;
  readonly workload: readonly ReaderGroup[];
  /** in file order; machine assembly schedules them by `atFs` (ties keep file order) */
  readonly events: readonly ScenarioEvent[];
  /** {} when the file has no `expect` (the run only reports) */
  readonly expect: Expectations;
  /** what `timer-emu check` varies (the `check` section); absent when the file has none */
  readonly check?: CheckConfig;
  /**
   * Lint findings, located like errors (`file:line:col path: message`). They never stop a run;
   * the CLI prints them on stderr.
   */
  readonly warnings: readonly string[];
}

export type KernelRevision = '2.6.18' | '2.6.13';
export type Hz = 100 | 250 | 1000 | 1024;

export interface KernelConfig {
  readonly revision: KernelRevision;
  readonly hz: Hz;
  /** the CPU that runs do_timer */
  readonly timekeeper: number;
  /** xtime at simulated time 0, ns since the epoch */
  readonly bootWallTimeNs: bigint;
  /** jiffies at time 0; default INITIAL_JIFFIES = 2^32 − 300·HZ (LP64) */
  readonly initialJiffies: bigint;
}

export interface MachineConfig {
  readonly cpus: number;
  readonly cpuFrequencyHz: Rational;
  /** overrides of emu/costs.ts DEFAULT_COSTS, in cycles; apply with `costTable(costs)` */
  readonly costs: Partial<CostTable>;
  /** cache-line arbitration (docs/machine.md, "Coherence policies"); default fair */
  readonly coherence: CoherencePolicy;
}

export type DeviceConfig = HpetConfig | CycleCounterConfig | MmioCounterConfig | AcpiPmConfig;
export type DeviceType = DeviceConfig['type'];

export type Driver = InterpolatorConfig['driver'];

/** One registration; `device` names the device it reads (and identifies the interpolator). */
export type InterpolatorConfig =
  | {
      readonly driver: 'itc';
      readonly device: string;
      readonly nojitter: boolean;
      readonly firmware: ItcFirmwareConfig;
    }
  | {
      readonly driver: 'hpet' | 'cyclone' | 'sn2-rtc' | 'sparc64-tick';
      readonly device: string;
    }
  | CustomInterpolatorConfig;

/** What SAL and PAL report to `ia64_init_itm` (arch/ia64/kernel/time.c). */
export interface ItcFirmwareConfig {
  /** SAL_FREQ_BASE_PLATFORM, Hz; absent = the ITC's nominal frequency */
  readonly baseHz?: bigint;
  /** SAL_FREQ_BASE_PLATFORM drift, ppm (−1 = unknown) */
  readonly baseDriftPpm: bigint;
  /** PAL_FREQ_RATIOS ITC ratio; absent = ITC frequency / base, reduced */
  readonly itcRatio?: { readonly num: bigint; readonly den: bigint };
  /** SAL platform feature ITC_DRIFT */
  readonly itcDriftFeature: boolean;
}

/** A hand-made struct time_interpolator; omitted fields are 0, as in a zeroed struct. */
export interface CustomInterpolatorConfig {
  readonly driver: 'custom';
  readonly device: string;
  readonly source: 'cpu' | 'mmio64' | 'mmio32' | 'function';
  /** u8 */
  readonly shift: number;
  /** u8 */
  readonly jitter: number;
  /** u64 */
  readonly mask: bigint;
  /** long, ppm (−1 = unknown) */
  readonly drift: bigint;
  /** u64 counts per second; absent = the device's frequency */
  readonly frequencyHz?: bigint;
}

export type TickSource =
  /** the ia64 ITM match of this itc/tsc device */
  | { readonly kind: 'itc'; readonly device: string }
  | { readonly kind: 'hpet-timer'; readonly device: string; readonly timer: number }
  /** exactly every tick_nsec, from no device */
  | { readonly kind: 'ideal' };

export interface TickConfig {
  readonly source: TickSource;
  /** interrupt delivery latency */
  readonly latencyFs: DistSpec;
}

export type ReadCall =
  | 'getnstimeofday'
  | 'gettimeofday'
  | 'clock_gettime_realtime'
  | 'clock_gettime_monotonic';

export interface ReaderGroup {
  /** CPU indices, ascending, no repeats; no CPU is in two groups */
  readonly cpus: readonly number[];
  readonly call: ReadCall;
  /** think time between calls; constant 0 = back to back */
  readonly intervalFs: DistSpec;
  readonly startFs: bigint;
  /** calls per CPU; absent = until the end of the run */
  readonly count?: number;
}

export interface ScenarioEvent {
  readonly atFs: bigint;
  readonly action: EventAction;
}

export type EventAction =
  | { readonly kind: 'settimeofday'; readonly wallTimeNs: bigint }
  | { readonly kind: 'adjtime'; readonly deltaNs: bigint }
  /** at the next second boundary */
  | { readonly kind: 'leap'; readonly direction: 'insert' | 'delete' }
  | { readonly kind: 'irq_off'; readonly cpu: number; readonly forFs: bigint }
  /** `cpu` only for itc/tsc devices; absent = every CPU's counter */
  | {
      readonly kind: 'jump';
      readonly device: string;
      readonly cpu?: number;
      readonly byCycles: bigint;
    }
  /**
   * an operation on one CPU's itc/tsc: `write` (WRMSR IA32_TSC / `mov ar.itc =`), `write_adjust`
   * (WRMSR IA32_TSC_ADJUST), `halt` / `resume` (the CPU halts; only a `stops-when-halted` counter
   * freezes); `value` is 0 for halt and resume
   */
  | {
      readonly kind: 'counter';
      readonly op: CounterOp;
      readonly device: string;
      readonly cpu: number;
      readonly value: bigint;
    }
  | { readonly kind: 'register'; readonly interpolator: InterpolatorConfig }
  | { readonly kind: 'unregister'; readonly device: string }
  | {
      readonly kind: 'set_drift';
      readonly device: string;
      readonly cpu?: number;
      readonly ppm: Rational;
    };

export type CounterOp = 'write' | 'write_adjust' | 'halt' | 'resume';

export type KernelFault = 'BUG' | 'OOPS';

/** Each present key is one PASS/FAIL line of the report. */
export interface Expectations {
  readonly monotonic?: boolean;
  readonly maxBackwardStepFs?: Range<bigint>;
  readonly maxErrorFs?: Range<bigint>;
  readonly maxStallFs?: Range<bigint>;
  readonly skips?: Range<bigint>;
  readonly nsecPerCycChanges?: Range<bigint>;
  readonly maxGetCounterTimeFs?: Range<bigint>;
  readonly maxWriterGetCounterTimeFs?: Range<bigint>;
  /** 'none', or faults that must all occur */
  readonly faults?: 'none' | readonly KernelFault[];
  /** the device whose interpolator is current at the end */
  readonly interpolator?: string;
  readonly reads?: Range<bigint>;
}
