// SPDX-License-Identifier: GPL-2.0-only
/**
 * The cache-coherence arbitration policy of a machine (the scenario's `machine.coherence`), as
 * configuration; emu/engine/coherence.ts applies it. docs/machine.md, "Coherence policies",
 * gives each parameter's source.
 */
import type { TimeFs } from './time.js';

/** Every request is served at the instant it issues: each contender wins with the same odds. */
export interface FairCoherence {
  readonly policy: 'fair';
}

/**
 * The CPU holding a line Modified keeps re-using it while a remote request waits: the request is
 * retried (deferred-reply / retry on the front-side bus, NACK and retry on NUMAlink) until the
 * owner pauses for longer than `reuseWindowFs` or has held the line for `maxHoldFs`.
 */
export interface OwnerBiasedCoherence {
  readonly policy: 'owner-biased';
  /** the owner keeps the line while its accesses are at most this far apart */
  readonly reuseWindowFs: TimeFs;
  /** a tenure that started this long ago no longer defers remote requests */
  readonly maxHoldFs: TimeFs;
  /** a deferred request re-arbitrates after a seeded uniform delay in [1 fs, retryFs] */
  readonly retryFs: TimeFs;
  /** CPUs per NUMA node; 0 = every CPU on one bus (no hops) */
  readonly cpusPerNode: number;
  /** added to a retry per router hop between requester and owner (docs/machine.md) */
  readonly hopFs: TimeFs;
}

/**
 * One system bus shared by every CPU, granted in rotating (round-robin) agent order, one
 * transaction at a time; a cache-to-cache transfer holds it for the scenario's
 * `cache_line_transfer` (docs/machine.md, "Coherence policies"). No parameter of its own.
 */
export interface RoundRobinCoherence {
  readonly policy: 'round-robin';
}

export type CoherencePolicy = FairCoherence | OwnerBiasedCoherence | RoundRobinCoherence;

export const FAIR_COHERENCE: FairCoherence = { policy: 'fair' };
