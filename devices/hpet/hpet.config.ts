// SPDX-License-Identifier: GPL-2.0-only
/** The HPET's options (and their checks), quirk policies and snapshot record (see hpet.ts). */
import type { Distribution } from '../../emu/base/distribution.js';
import type { Rng } from '../../emu/base/rng.js';
import type { TimeFs } from '../../emu/base/time.js';
import type { ClockConfig } from '../clock/config.js';
import type { OscillatorSnapshot } from '../clock/oscillator.js';
import type { DeviceHost } from '../device.js';
import {
  GCAP_COUNT_SIZE_CAP,
  GCAP_LEG_RT_CAP,
  GCAP_NUM_TIM_SHIFT,
  GCAP_PERIOD_SHIFT,
  GCAP_REV_ID_SHIFT,
  GCAP_VENDOR_ID_SHIFT,
  MAX_PERIOD_FS,
} from './hpet.registers.js';
import type { HpetTimerSnapshot, ValSetPolicy } from './hpet-timer.js';

export const HPET_DEFAULT_PERIOD_FS = 69_841_279n;

/** Named deviations from the specification ; all off by default. */
export interface HpetQuirks {
  /**
   * `split-64bit-read`: a 64-bit access is served as two 32-bit bus reads `gapFs` apart (Bochs;
   * "some platforms", IA-PC HPET 1.0a §2.4.7), so a read across a low-half rollover is torn.
   */
  readonly split64BitRead?: { readonly gapFs: TimeFs; readonly order?: 'low-high' | 'high-low' };
  /** `period-in-ps`: COUNTER_CLK_PERIOD reports ps instead of fs (zephyr #26159: newer Intel SoCs) */
  readonly periodInPs?: boolean;
  /**
   * `late-comparator`: a comparator write lands 0..maxTicks HPET ticks late, uniformly drawn (ATI,
   * ICH9/10; Linux `hpet_next_event()`); until it lands, reads return the old value.
   */
  readonly lateComparator?: { readonly maxTicks: bigint };
  /** how periodic comparator writes reach accumulator and period (default `single-write`) */
  readonly valSet?: ValSetPolicy;
}

export interface HpetOptions {
  readonly name: string;
  readonly base?: bigint;
  /** COUNTER_CLK_PERIOD, fs (default 69 841 279 fs: 14.31818 MHz) */
  readonly periodFs?: bigint;
  readonly counterBits?: 32 | 64;
  /** number of comparators, 3 … 32 (default 3) */
  readonly timers?: number;
  readonly legacyCapable?: boolean;
  readonly vendorId?: number;
  readonly revId?: number;
  /** Tn_INT_ROUTE_CAP for every timer (default 0xFFFFFF, Bochs) */
  readonly routeCap?: bigint;
  readonly fsbCapable?: boolean;
  /** default 1 µs (Linux measurements put an HPET read at 0.5 … 1.5 µs, heavy tail; docs/devices.md) */
  readonly readLatency?: Distribution;
  /** a posted write's cost (default 0) */
  readonly writeLatencyFs?: TimeFs;
  readonly clock?: ClockConfig;
  readonly quirks?: HpetQuirks;
  /** how far back the counter stays queryable (default 1 s) */
  readonly historyFs?: TimeFs;
  readonly rng: Rng;
  readonly host: DeviceHost;
}

export interface StagedWrite {
  readonly n: number;
  readonly shift: bigint;
  readonly len: bigint;
  readonly value: bigint;
  readonly landsAtFs: TimeFs;
}

export interface HpetSnapshot {
  readonly version: 1;
  readonly genConf: bigint;
  readonly status: bigint;
  /** main counter value while halted, or at `oscBase` while running */
  readonly counterBase: bigint;
  readonly oscBase: bigint;
  /** a MAIN_COUNTER_VAL write made while running, applied at the next enable (QEMU) */
  readonly deferredCounter: bigint | null;
  readonly timers: readonly HpetTimerSnapshot[];
  /** late-comparator writes still in flight, as offsets from now */
  readonly staged: readonly {
    n: number;
    shift: bigint;
    len: bigint;
    value: bigint;
    landsInFs: TimeFs;
  }[];
  readonly latencyDraws: number;
  readonly lateDraws: number;
  readonly clock: OscillatorSnapshot;
}

/** The quirk names a scenario's `quirks:` list may hold (docs/scenario.md, `type: hpet`). */
export const HPET_QUIRK_NAMES = ['split-64bit-read', 'period-in-ps', 'late-comparator'] as const;
export type HpetQuirkName = (typeof HPET_QUIRK_NAMES)[number];

/** Parameters of named quirks when the scenario gives only the name. */
export interface HpetQuirkDefaults {
  /** split-64bit-read gap (default 1 µs, one typical HPET access) */
  readonly splitGapFs?: TimeFs;
  /** late-comparator bound (default 2 ticks, Linux `hpet_next_event()`) */
  readonly lateMaxTicks?: bigint;
  readonly valSet?: ValSetPolicy;
}

/** Build `HpetQuirks` from a list of names; an unknown name is a RangeError naming it. */
export function hpetQuirksFromNames(
  names: readonly string[],
  defaults: HpetQuirkDefaults = {},
): HpetQuirks {
  let quirks: HpetQuirks = defaults.valSet ? { valSet: defaults.valSet } : {};
  for (const name of names) {
    switch (name as HpetQuirkName) {
      case 'split-64bit-read':
        quirks = { ...quirks, split64BitRead: { gapFs: defaults.splitGapFs ?? 1_000_000_000n } };
        break;
      case 'period-in-ps':
        quirks = { ...quirks, periodInPs: true };
        break;
      case 'late-comparator':
        quirks = { ...quirks, lateComparator: { maxTicks: defaults.lateMaxTicks ?? 2n } };
        break;
      default:
        throw new RangeError(
          `unknown HPET quirk '${name}' (expected one of ${HPET_QUIRK_NAMES.join(', ')})`,
        );
    }
  }
  return quirks;
}

/** The options checked: the period (IA-PC HPET 1.0a §2.3.4), 3 … 32 timers, a late-comparator bound. */
export function validated(o: HpetOptions): { periodFs: bigint; timers: number; lateTicks: bigint } {
  const periodFs = o.periodFs ?? HPET_DEFAULT_PERIOD_FS;
  if (periodFs <= 0n || periodFs > MAX_PERIOD_FS) {
    throw new RangeError(`${o.name}: period_fs must be in 1 … ${MAX_PERIOD_FS}, got ${periodFs}`);
  }
  const timers = o.timers ?? 3;
  if (!Number.isInteger(timers) || timers < 3 || timers > 32) {
    throw new RangeError(`${o.name}: timers must be 3 … 32, got ${timers}`);
  }
  const lateTicks = o.quirks?.lateComparator?.maxTicks ?? 0n;
  if (lateTicks < 0n) throw new RangeError(`${o.name}: late-comparator maxTicks must be >= 0`);
  return { periodFs, timers, lateTicks };
}

/** GCAP_ID (IA-PC HPET 1.0a §2.3.4): period, vendor, legacy routing, counter size, timers, revision. */
export function gcapIdOf(
  o: HpetOptions,
  reportedPeriod: bigint,
  counterBits: 32 | 64,
  timers: number,
): bigint {
  return (
    (reportedPeriod << GCAP_PERIOD_SHIFT) |
    (BigInt(o.vendorId ?? 0x8086) << GCAP_VENDOR_ID_SHIFT) |
    ((o.legacyCapable ?? true) ? GCAP_LEG_RT_CAP : 0n) |
    (counterBits === 64 ? GCAP_COUNT_SIZE_CAP : 0n) |
    (BigInt(timers - 1) << GCAP_NUM_TIM_SHIFT) |
    (BigInt(o.revId ?? 1) << GCAP_REV_ID_SHIFT)
  );
}
