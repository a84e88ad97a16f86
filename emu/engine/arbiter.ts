// SPDX-License-Identifier: GPL-2.0-only
/**
 * What memory.ts asks a coherence policy before an access takes effect (emu/base/coherence.ts):
 * 0n when it is served now, else how long until the CPU issues it again.
 */
import type { TimeFs } from '../base/time.js';

/**
 * One line's tenure under the owner-biased policy (emu/engine/coherence.ts); `holder` -1 when no
 * CPU holds it Modified (unwritten or shared). Its instants are split times (split-time.ts), as
 * the executor keeps its CPUs' clocks: no bigint is made for an access.
 */
export interface Tenure {
  holder: number;
  sinceHi: number;
  sinceLo: number;
  lastUseHi: number;
  lastUseLo: number;
}

export const noTenure = (): Tenure => ({
  holder: -1,
  sinceHi: 0,
  sinceLo: 0,
  lastUseHi: 0,
  lastUseLo: 0,
});

/** The access hits in the CPU's cache: no bus transaction. */
export const BUS_NONE = 0;
/** A bus transaction without a cache-to-cache data transfer (an upgrade, a read from memory). */
export const BUS_ADDRESS = 1;
/** A bus transaction whose line comes from another CPU's cache. */
export const BUS_TRANSFER = 2;
export type BusNeed = typeof BUS_NONE | typeof BUS_ADDRESS | typeof BUS_TRANSFER;

export interface Arbiter {
  /** requests refused so far */
  readonly deferrals: number;
  /**
   * @param need what the access needs of the bus, from the line's state
   * @param nowHi the access's instant, split (split-time.ts)
   * @param tenure the line's tenure (owner-biased policy)
   * @param writes the access writes the line: a store, or a cmpxchg that will exchange
   */
  defer(
    cpu: number,
    need: BusNeed,
    nowHi: number,
    nowLo: number,
    tenure: Tenure,
    writes: boolean,
  ): TimeFs;
}
