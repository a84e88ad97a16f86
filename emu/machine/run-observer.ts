// SPDX-License-Identifier: GPL-2.0-only
/**
 * What a run shows an outside observer (the HTML report's collector): every completed read, every
 * kernel statistics event, every `last_cycle` cmpxchg and every store to an interpolator's fields.
 * Each hook is optional; the machine calls them after the checkers, so an observer changes nothing
 * the run measures.
 */
import { RunCheckers } from '../checkers/run-checkers.js';
import type { ClockRead, KernelEvent } from '../checkers/types.js';

export interface RunObserver {
  read?(r: ClockRead): void;
  /** a kernel statistics event (cmpxchg ones come through `cmpxchg`) */
  kernel?(e: KernelEvent): void;
  /** a cmpxchg on an interpolator's `last_cycle` inside get_counter */
  cmpxchg?(cpu: number, ok: boolean): void;
  /** a store to a field of a registered interpolator (`offset`, `nsec_per_cyc`, …), at its start */
  interpolatorStore?(cpu: number, field: string, value: bigint, atFs: bigint): void;
}

/** The run's checkers, each read and event passed on to `observer` afterwards. */
export class ObservedCheckers extends RunCheckers {
  constructor(private readonly observer: RunObserver) {
    super();
  }

  override observeRead(read: ClockRead): void {
    super.observeRead(read);
    this.observer.read?.(read);
  }

  override observeKernel(event: KernelEvent): void {
    super.observeKernel(event);
    this.observer.kernel?.(event);
  }
}
