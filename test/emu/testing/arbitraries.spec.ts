// SPDX-License-Identifier: GPL-2.0-only
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { builtinRegistry } from '../../../emu/scenario/registry.js';
import { applyVariation } from '../../../emu/testing/apply.js';
import { variations } from '../../../emu/testing/arbitraries.js';
import { DIMENSIONS } from '../../../emu/testing/dimensions.js';
import { baseScenario, scenarioText } from '../../../emu/testing/scenario-file.js';

/** One registry for every case: the scenario schema it derives is built once. */
const registry = builtinRegistry();

const bundled = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => baseScenario(readFileSync(`scenarios/${f}`, 'utf8'), `scenarios/${f}`, registry));

describe('variations', () => {
  it.each(bundled.map((b) => [b.file, b] as const))(
    'of %s, along every dimension, load without error',
    (_, base) => {
      fc.assert(
        fc.property(variations(base, { vary: DIMENSIONS }), (v) => {
          const text = scenarioText(applyVariation(base, v));
          const s = parseScenarioText(text, 'case.yaml', registry);
          if (v.cpus !== undefined) expect(s.machine.cpus).toBe(v.cpus);
          if (v.seed !== undefined) expect(s.seed).toBe(v.seed);
        }),
        { numRuns: 40, seed: 7 },
      );
    },
  );

  it('shrink to the simplest case: one CPU, the shortest run, nothing else', () => {
    const base = bundled.find((b) => b.scenario.name === 'hpet-basic')!;
    const r = fc.check(
      fc.property(variations(base, { vary: DIMENSIONS }), () => false),
      { seed: 3 },
    );
    expect(r.counterexample?.[0]).toEqual({ seed: 1n, cpus: 1, durationUs: 1000 });
  });

  it('draw the same variations from the same seed', () => {
    const base = bundled[0]!;
    const a = fc.sample(variations(base, { vary: DIMENSIONS }), { seed: 11, numRuns: 20 });
    const b = fc.sample(variations(base, { vary: DIMENSIONS }), { seed: 11, numRuns: 20 });
    expect(a).toEqual(b);
  });

  it('keep to the base when only the seed varies', () => {
    const base = bundled[0]!;
    for (const v of fc.sample(variations(base, { vary: ['seed'] }), { seed: 1, numRuns: 10 }))
      expect(Object.keys(v)).toEqual(['seed']);
  });
});
