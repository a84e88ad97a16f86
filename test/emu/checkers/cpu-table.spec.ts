// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { CpuTable } from '../../../emu/checkers/cpu-table.js';
import { fc, test } from '../../property-test.js';

const cpuArb = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: 65_530, max: 65_540 }),
  fc.integer({ min: -3, max: -1 }),
  fc.constantFrom(0.5, 2.5, -0, 2 ** 32, 2 ** 32 + 1),
);

type Action = { kind: 'set'; cpu: number; value: number } | { kind: 'delete'; cpu: number };
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), cpu: cpuArb, value: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), cpu: cpuArb }),
);

describe('CpuTable', () => {
  test.prop([fc.array(actionArb, { maxLength: 60 }), fc.array(cpuArb, { maxLength: 20 })], {
    numRuns: 300,
  })('behaves as a Map keyed by CPU number, listed by increasing CPU', (actions, probes) => {
    const table = new CpuTable<number>();
    const model = new Map<number, number>();
    for (const a of actions) {
      if (a.kind === 'set') {
        table.set(a.cpu, a.value);
        model.set(a.cpu, a.value);
      } else {
        table.delete(a.cpu);
        model.delete(a.cpu);
      }
    }
    for (const cpu of [...probes, ...actions.map((a) => a.cpu)])
      expect(table.get(cpu)).toBe(model.get(cpu));
    const sorted = [...model.entries()].sort(([a], [b]) => a - b);
    expect(table.sorted()).toEqual(sorted);
    expect(table.values()).toEqual(sorted.map(([, v]) => v));
  });

  it('holds -0 and 0 as one CPU, as a Map does', () => {
    const table = new CpuTable<string>();
    table.set(-0, 'a');
    expect(table.get(0)).toBe('a');
    expect(table.sorted()).toEqual([[0, 'a']]);
  });
});
