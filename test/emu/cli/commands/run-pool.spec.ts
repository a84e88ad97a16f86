// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../../../emu/cli/commands/run-inputs.js';
import { longestFirst } from '../../../../emu/cli/commands/run-pool.js';
import { expandUnits } from '../../../../emu/cli/commands/run-units.js';

const units = (names: readonly string[]) =>
  expandUnits(loadScenarios(names.map((n) => `scenarios/${n}.yaml`)), undefined, 1);

describe('longestFirst', () => {
  it('queues the runs with the most expected work first', () => {
    // expected reads: hpet-basic 4 CPUs × 2 s / 21 µs ≈ 380 000; itc-jitter-512cpus 512 CPUs ×
    // 10 ms / 101 µs ≈ 50 000; unregister-last 2 CPUs × 21 ms / 11 µs ≈ 3 800
    const u = units(['unregister-last', 'hpet-basic', 'itc-jitter-512cpus']);
    expect(longestFirst(u, undefined)).toEqual([1, 2, 0]);
  });

  it('orders by the duration the runs are given, equal costs in input order', () => {
    const u = units(['hpet-basic', 'hpet-basic', 'livelock-2.6.13']);
    const order = longestFirst(u, 1_000_000_000_000n);
    expect(order.indexOf(0)).toBeLessThan(order.indexOf(1));
    expect([...order].sort()).toEqual([0, 1, 2]);
  });
});
