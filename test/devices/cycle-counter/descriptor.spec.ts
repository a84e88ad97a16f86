// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import type { CycleCounter } from '../../../devices/cycle-counter/cycle-counter.js';
import { itcDevice, tscDevice } from '../../../devices/cycle-counter/descriptor.js';
import { needs } from '../helpers/device-needs.js';

const entry = (keys: Record<string, unknown> = {}) =>
  tscDevice.schema.parse({ type: 'tsc', name: 'tsc', ...keys });

describe('the itc and tsc descriptors', () => {
  it('have no bus window, are read by the CPU and take per-CPU events', () => {
    expect(tscDevice.busWindow(entry())).toBeUndefined();
    expect([itcDevice.counterAccess, itcDevice.perCpu]).toEqual(['cpu', true]);
  });

  it('require one offset and one clock per CPU', () => {
    const c = entry({ offsets_cycles: [0, 5, 9], per_cpu_clock: [{}, {}] });
    expect(tscDevice.limits(c, { cpus: 3 })).toEqual([
      { path: ['per_cpu_clock'], message: 'needs one clock per CPU: 3, not 2' },
    ]);
    expect(tscDevice.limits(c, { cpus: 2 })).toEqual([
      { path: ['offsets_cycles'], message: 'needs one value per CPU: 2, not 3' },
    ]);
    expect(tscDevice.limits(entry({ offsets_cycles: { uniform: [-9, 9] } }), { cpus: 7 })).toEqual(
      [],
    );
  });

  it('draw per-CPU offsets from the device stream: the same seed, the same counters', () => {
    const c = entry({ offsets_cycles: { uniform: [-1000000, 1000000] } });
    const valuesAt0 = (seed: bigint) => {
      const cc = tscDevice.create(c, needs(4, seed)).device as CycleCounter;
      return [0, 1, 2, 3].map((cpu) => cc.peekCycles(cpu, 0n));
    };
    expect(valuesAt0(5n)).toEqual(valuesAt0(5n));
    expect(valuesAt0(5n)).not.toEqual(valuesAt0(6n));
  });

  it('build one oscillator per CPU and a counter at address 0', () => {
    const built = itcDevice.create(
      itcDevice.schema.parse({ type: 'itc', name: 'itc', offsets_cycles: [7, -7, 0] }),
      needs(3),
    );
    expect(built.kind).toBe('cycle-counter');
    const cc = built.device as CycleCounter;
    expect(built.port.oscillators()).toEqual([0, 1, 2].map((cpu) => cc.oscillatorOf(cpu)));
    expect(built.port.counterAddress).toBe(0n);
    expect(built.port.nominalHz).toBe(1_500_000_000n);
    expect(built.port.mmio).toBeUndefined();
    expect(cc.peekCycles(0, 0n)).toBe(7n);
    expect(cc.peekCycles(1, 0n)).toBe(2n ** 64n - 7n);
  });
});
