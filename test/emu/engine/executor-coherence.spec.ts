// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../emu/base/rng.js';
import { OwnerBias } from '../../../emu/engine/coherence.js';
import { Memory } from '../../../emu/engine/memory.js';
import { cmpxchg, type KernelCode, store } from '../../../interpolator/ops.js';
import { machine } from './executor-fixture.js';

const NS = 1_000_000n;

/** CPU 0 counts `rec.a` up with 30 cmpxchgs in a row (10 cycles each: 6.7 ns at 1.5 GHz). */
function* counter(rec: { a: bigint }): KernelCode<void> {
  for (let i = 0n; i < 30n; i++) yield cmpxchg(rec, 'a', i, i + 1n);
}

/** CPU 1 stores 100 into the line 20 ns in, while CPU 0 is counting. */
function* intruder(rec: { a: bigint }): KernelCode<void> {
  yield store(rec, 'a', 100n);
}

/** CPU 0 compare-exchanges `rec.a` 30 times against a value it never holds: each one fails. */
function* loser(rec: { a: bigint }): KernelCode<void> {
  for (let i = 0; i < 30; i++) yield cmpxchg(rec, 'a', 999n, 1n);
}

function race(memory: Memory | undefined, owner = counter) {
  const rec = { a: 0n };
  const m = machine(memory === undefined ? {} : { memory });
  m.executor.start(0, owner(rec), 0n);
  m.executor.start(1, intruder(rec), 20n * NS);
  m.scheduler.runUntil(10_000n * NS);
  const storeAt = m.log.find((l) => l.cpu === 1 && l.op === 'store')!.startFs;
  const lastCmpxchg = m.log.filter((l) => l.cpu === 0).at(-1)!.endFs;
  return { rec, failed: m.executor.stats(0).cmpxchgFailed, storeAt, lastCmpxchg };
}

/** The owner-biased arbiter of these races: a 50 ns re-use window, seed 5. */
const ownerBiased = (maxHoldFs: bigint, retryFs: bigint): OwnerBias =>
  new OwnerBias(
    {
      policy: 'owner-biased',
      reuseWindowFs: 50n * NS,
      maxHoldFs,
      retryFs,
      cpusPerNode: 0,
      hopFs: 0n,
    },
    createRng(5n),
  );

describe('the executor under a coherence policy', () => {
  it('fair: the remote store takes effect when it issues, and the counter loses its cmpxchgs', () => {
    const r = race(undefined);
    expect(r.storeAt).toBe(20n * NS);
    expect(r.failed).toBeGreaterThan(0);
  });

  it('owner-biased: the store is retried until the owner stops re-using the line', () => {
    const bias = ownerBiased(1_000n * NS, 30n * NS);
    const r = race(new Memory(2, bias));
    expect(r.failed).toBe(0);
    expect(r.storeAt).toBeGreaterThan(r.lastCmpxchg);
    expect(r.rec.a).toBe(100n);
    expect(bias.deferrals).toBeGreaterThan(0);
  });

  it('owner-biased: max_hold ends the owner tenure even while it keeps re-using the line', () => {
    const bias = ownerBiased(60n * NS, 5n * NS);
    const r = race(new Memory(2, bias));
    expect(r.storeAt).toBeGreaterThanOrEqual(60n * NS);
    expect(r.storeAt).toBeLessThan(r.lastCmpxchg);
    expect(r.failed).toBeGreaterThan(0);
  });

  it('owner-biased: cmpxchgs that fail write nothing (ia64), so they hold the line for nobody', () => {
    const bias = ownerBiased(1_000n * NS, 30n * NS);
    const r = race(new Memory(2, bias), loser);
    // served when it issues, in the middle of CPU 0's re-use of the line
    expect(r.storeAt).toBe(20n * NS);
    expect(r.storeAt).toBeLessThan(r.lastCmpxchg);
    expect(r.failed).toBe(30);
    expect(r.rec.a).toBe(100n);
  });
});
