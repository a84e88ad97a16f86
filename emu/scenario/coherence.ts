// SPDX-License-Identifier: GPL-2.0-only
/**
 * `machine.coherence` (docs/scenario.md, "machine"; the policies in docs/machine.md, "Coherence
 * policies"): the fair default, owner-biased arbitration with its parameters, or
 * the round-robin bus (no parameters of its own).
 */
import { z } from 'zod';
import type { CoherencePolicy } from '../base/coherence.js';
import { durationFs, int, obj, positiveDurationFs } from '../base/values.js';

const fair = obj({ policy: z.literal('fair') });

const ownerBiased = obj({
  policy: z.literal('owner-biased'),
  reuse_window: positiveDurationFs.describe(
    'the owner keeps the line while its accesses are at most this far apart',
  ),
  max_hold: positiveDurationFs.describe('a tenure this old no longer defers remote requests'),
  retry: positiveDurationFs.describe(
    'a deferred request is retried after a uniform delay up to this',
  ),
  cpus_per_node: int(0, 4096) // sections.ts MAX_CPUS (importing it would be a cycle)
    .default(0)
    .describe('CPUs per NUMA node; 0: one bus'),
  hop_latency: durationFs.prefault('0s').describe('added to a retry per router hop to the owner'),
}).transform(
  (c): CoherencePolicy => ({
    policy: 'owner-biased',
    reuseWindowFs: c.reuse_window,
    maxHoldFs: c.max_hold,
    retryFs: c.retry,
    cpusPerNode: c.cpus_per_node,
    hopFs: c.hop_latency,
  }),
);

const roundRobin = obj({ policy: z.literal('round-robin') });

export const coherence = z
  .discriminatedUnion('policy', [fair, ownerBiased, roundRobin])
  .describe('cache-line arbitration: fair (default), owner-biased or round-robin');
