// SPDX-License-Identifier: GPL-2.0-only
/** The arbiter of a machine's coherence policy (emu/base/coherence.ts); none under `fair`. */
import type { CoherencePolicy } from '../base/coherence.js';
import type { Rational } from '../base/rational.js';
import type { Rng } from '../base/rng.js';
import { fsOfCycles } from '../base/time.js';
import type { Arbiter } from './arbiter.js';
import { OwnerBias } from './coherence.js';
import { RoundRobinBus } from './coherence-bus.js';

export interface ArbiterContext {
  readonly cpus: number;
  /** the core clock, in Hz */
  readonly cpuFrequencyHz: Rational;
  /** `cache_line_transfer`, in core cycles */
  readonly transferCycles: number;
  /** the policy's seeded stream (owner-biased retry delays) */
  readonly rng: () => Rng;
}

export function arbiterFor(policy: CoherencePolicy, c: ArbiterContext): Arbiter | undefined {
  switch (policy.policy) {
    case 'fair':
      return undefined;
    case 'owner-biased':
      return new OwnerBias(policy, c.rng());
    case 'round-robin':
      return new RoundRobinBus(c.cpus, fsOfCycles(BigInt(c.transferCycles), c.cpuFrequencyHz));
  }
}
