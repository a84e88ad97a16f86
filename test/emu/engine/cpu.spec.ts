// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { rational } from '../../../emu/base/rational.js';
import { Cpu, fsPerCycle } from '../../../emu/engine/cpu.js';
import { Band, Scheduler } from '../../../emu/engine/scheduler.js';
import { fc, test } from '../../property-test.js';

const newCpu = (num: bigint, den = 1n) =>
  new Cpu(
    0,
    rational(num, den),
    new Scheduler().event(Band.CPU, () => {}),
  );

describe('Cpu core clock', () => {
  it('a 1.5 GHz cycle is 2 000 000/3 fs; three cycles are exactly 2 ns', () => {
    expect(fsPerCycle(rational(1_500_000_000n))).toEqual({ p: 2_000_000n, q: 3n });
    const c = newCpu(1_500_000_000n);
    c.addCycles(1);
    expect(c.nowFs).toBe(666_666n);
    c.addCycles(1);
    expect(c.nowFs).toBe(1_333_333n);
    c.addCycles(1);
    expect(c.nowFs).toBe(2_000_000n);
  });

  it('rebase restarts the cycle grid at the new instant', () => {
    const c = newCpu(1_500_000_000n);
    c.addCycles(1);
    c.rebase(10n);
    c.addCycles(3);
    expect(c.nowFs).toBe(2_000_010n);
  });

  it('refuses a non-positive frequency', () => {
    expect(() => fsPerCycle({ num: 0n, den: 1n })).toThrow(RangeError);
  });

  // Reference: base + floor(total cycles · 10^15 · den / num) + whole-fs latencies.
  test.prop(
    [
      fc.bigInt({ min: 1_000_000n, max: 10_000_000_000n }),
      fc.bigInt({ min: 1n, max: 1000n }),
      fc.bigInt({ min: 0n, max: 2n ** 72n }),
      fc.array(
        fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.bigInt({ min: 0n, max: 10n ** 9n })),
        {
          maxLength: 50,
        },
      ),
    ],
    { numRuns: 200 },
  )(
    'time after cycles and latencies equals the exact rational formula',
    (num, den, base, steps) => {
      const hz = rational(num, den);
      const c = new Cpu(
        0,
        hz,
        new Scheduler().event(Band.CPU, () => {}),
      );
      c.rebase(base);
      let cycles = 0n;
      let latency = 0n;
      for (const [cy, lat] of steps) {
        c.addCycles(cy);
        c.addFsBig(lat);
        cycles += BigInt(cy);
        latency += lat;
        expect(c.nowFs).toBe(base + (cycles * 10n ** 15n * hz.den) / hz.num + latency);
      }
    },
  );
});
