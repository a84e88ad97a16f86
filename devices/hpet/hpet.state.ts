// SPDX-License-Identifier: GPL-2.0-only
/**
 * The HPET block's state in three records, as QEMU keeps it (hw/timer/hpet.c HPETState): what
 * software reads and writes, what the hardware keeps but no register shows, and what the
 * simulation needs to run it. A snapshot holds the first two and the stream positions.
 */
import type { TimeFs } from '../../emu/base/time.js';
import type { DrawStream } from '../clock/draw-stream.js';
import type { DeviceHost, TimerHandle } from '../device.js';
import type { HpetQuirks, StagedWrite } from './hpet.config.js';

/** The software-visible general registers (IA-PC HPET 1.0a §2.3.4 … §2.3.7). */
export interface HpetRegisters {
  /** GCAP_ID: read-only, fixed at reset */
  readonly gcapId: bigint;
  /** GEN_CONF: ENABLE_CNF and LEG_RT_CNF */
  genConf: bigint;
  /** GINTR_STA: one level-mode status bit per timer */
  status: bigint;
  /** MAIN_COUNTER_VAL while halted; the count at the last enable while running */
  counterBase: bigint;
}

/** State the hardware keeps that no register shows. */
export interface HpetHidden {
  /** the oscillator's count when the counter was last enabled */
  oscBase: bigint;
  /** a MAIN_COUNTER_VAL write made while running, applied at the next enable (as QEMU does) */
  deferredCounter: bigint | null;
  /** comparator writes in flight (the `late-comparator` quirk), in landing order */
  staged: StagedWrite[];
  /** derived from GEN_CONF: ENABLE_CNF is set */
  enabled: boolean;
  /** derived: counterBase − oscBase, so the counter is osc(t) + countOffset while enabled */
  countOffset: bigint;
}

/** What runs the model: host wiring, quirk policies, random streams, the armed event. */
export interface HpetMachinery {
  readonly host: DeviceHost;
  readonly quirks: HpetQuirks;
  /** the `split-64bit-read` quirk is on */
  readonly split: boolean;
  readonly writeLatencyFs: TimeFs;
  /** how far back the counter stays queryable */
  readonly historyFs: TimeFs;
  readonly latency: DrawStream<bigint>;
  readonly late: DrawStream<bigint>;
  /** the event that lands the head of `staged` */
  stagedHandle: TimerHandle | null;
}
