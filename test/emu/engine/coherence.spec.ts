// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import type { OwnerBiasedCoherence } from '../../../emu/base/coherence.js';
import { createRng } from '../../../emu/base/rng.js';
import { OwnerBias } from '../../../emu/engine/coherence.js';
import { Memory } from '../../../emu/engine/memory.js';
import { fc, test } from '../../property-test.js';

const NS = 1_000_000n;

const policy = (over: Partial<OwnerBiasedCoherence> = {}): OwnerBiasedCoherence => ({
  policy: 'owner-biased',
  reuseWindowFs: 200n * NS,
  maxHoldFs: 10_000n * NS,
  retryFs: 100n * NS,
  cpusPerNode: 0,
  hopFs: 0n,
  ...over,
});

const biased = (cpus: number, over: Partial<OwnerBiasedCoherence> = {}, seed = 1n) =>
  new Memory(cpus, new OwnerBias(policy(over), createRng(seed)));

describe('owner-biased coherence', () => {
  it('serves the owner re-using its line before a remote request, which is retried', () => {
    const m = biased(2);
    const rec = { a: 0n };
    expect(m.defer(0, rec, true, true, 0n)).toBe(0n);
    m.store(0, rec, 'a', 1n);
    const wait = m.defer(1, rec, true, true, 50n * NS);
    expect(wait).toBeGreaterThanOrEqual(1n);
    expect(wait).toBeLessThanOrEqual(100n * NS);
    // the owner's own accesses in the meantime are served at once
    expect(m.defer(0, rec, false, false, 100n * NS)).toBe(0n);
    expect(m.defer(0, rec, true, true, 150n * NS)).toBe(0n);
    expect(m.bias?.deferrals).toBe(1);
  });

  it('serves a remote request once the owner paused longer than reuse_window', () => {
    const m = biased(2);
    const rec = { a: 0n };
    m.defer(0, rec, true, true, 0n);
    expect(m.defer(1, rec, false, false, 200n * NS)).toBeGreaterThan(0n);
    expect(m.defer(1, rec, false, false, 201n * NS)).toBe(0n);
    // after the load the line is shared: nobody defers anyone, an upgrade starts a new tenure
    expect(m.defer(0, rec, true, true, 202n * NS)).toBe(0n);
    expect(m.defer(1, rec, true, true, 203n * NS)).toBeGreaterThan(0n);
  });

  it('a cmpxchg that fails writes nothing, so it starts no tenure (ia64)', () => {
    const m = biased(3);
    const rec = { a: 0n };
    // cpu 0's tenure ends unused (a pause past reuse_window): cpu 1's failing cmpxchg is served
    m.defer(0, rec, true, true, 0n);
    expect(m.wouldExchange(rec, 'a', 5n)).toBe(false);
    expect(m.defer(1, rec, true, false, 300n * NS)).toBe(0n);
    // it took the line from cpu 0 and holds it for nobody: cpu 2 is served at once
    expect(m.defer(2, rec, true, true, 301n * NS)).toBe(0n);
    // cpu 2's store did start a tenure: cpu 1 waits
    expect(m.defer(1, rec, true, false, 302n * NS)).toBeGreaterThan(0n);
    expect(m.wouldExchange(rec, 'a', 0n)).toBe(true);
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 150 }), { minLength: 1, maxLength: 300 })])(
    'an owner re-using its line without pause keeps it at most max_hold',
    (gapsNs) => {
      const m = biased(2, { maxHoldFs: 5_000n * NS });
      const rec = { a: 0n };
      m.defer(0, rec, true, true, 0n);
      let t = 0n;
      for (const gap of gapsNs) {
        t += BigInt(gap) * NS;
        expect(m.defer(0, rec, true, true, t)).toBe(0n);
        const remote = m.defer(1, rec, true, true, t);
        if (t < 5_000n * NS) expect(remote).toBeGreaterThan(0n);
        else {
          expect(remote).toBe(0n);
          return;
        }
      }
    },
  );

  it('adds hop_latency per router level between requester and owner nodes', () => {
    const bias = new OwnerBias(policy({ cpusPerNode: 2, hopFs: 1_000n * NS }), createRng(3n));
    expect([
      bias.hops(0, 1),
      bias.hops(0, 2),
      bias.hops(0, 4),
      bias.hops(0, 7),
      bias.hops(8, 9),
    ]).toEqual([0, 1, 2, 2, 0]);
    const m = new Memory(8, bias);
    const rec = { a: 0n };
    m.defer(0, rec, true, true, 0n);
    const near = m.defer(1, rec, true, true, 1n);
    const far = m.defer(7, rec, true, true, 1n);
    expect(near).toBeLessThanOrEqual(100n * NS);
    expect(far).toBeGreaterThan(2_000n * NS);
    expect(far).toBeLessThanOrEqual(2_100n * NS);
  });

  it('draws retry delays from the seed only: same seed, same delays', () => {
    const delays = (seed: bigint) => {
      const m = biased(2, {}, seed);
      const rec = { a: 0n };
      m.defer(0, rec, true, true, 0n);
      return Array.from({ length: 20 }, (_, i) => m.defer(1, rec, true, true, BigInt(i) * NS));
    };
    expect(delays(7n)).toEqual(delays(7n));
    expect(delays(7n)).not.toEqual(delays(8n));
  });

  it('the fair policy (no bias) never defers', () => {
    const m = new Memory(2);
    const rec = { a: 0n };
    m.store(0, rec, 'a', 1n);
    expect(m.bias).toBeUndefined();
    expect(m.defer(1, rec, true, true, 1n)).toBe(0n);
  });
});
