// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIMENSIONS, expandDimensions } from '../../../emu/scenario/check.js';
import { ScenarioError } from '../../../emu/scenario/errors.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';

const base = `name: c
duration: 10ms
machine: { cpus: 2 }
devices: []
interpolators: []
workload: []
`;

describe('the check section', () => {
  it('is absent from the scenario when the file has none', () => {
    expect(parseScenarioText(base, 'c.yaml').check).toBeUndefined();
  });

  it('varies the default dimensions when vary is left out', () => {
    const s = parseScenarioText(`${base}check: { runs: 7 }\n`, 'c.yaml');
    expect(s.check).toEqual({ vary: [...DEFAULT_DIMENSIONS], runs: 7 });
  });

  it('expands "defaults" and keeps each dimension once, in the documented order', () => {
    expect(expandDimensions(['jumps', 'defaults', 'cpus'])).toEqual([
      ...DEFAULT_DIMENSIONS,
      'jumps',
    ]);
    const s = parseScenarioText(
      `${base}check: { vary: [seed, cpus], max_cpus: 3, drift_ppm: 20, min_duration: 2ms }\n`,
      'c.yaml',
    );
    expect(s.check).toEqual({
      vary: ['cpus', 'seed'],
      maxCpus: 3,
      driftPpm: 20,
      minDurationFs: 2_000_000_000_000n,
    });
  });

  it('rejects an unknown dimension at its position', () => {
    const text = `${base}check: { vary: [cpus, wobble] }\n`;
    let err: unknown;
    try {
      parseScenarioText(text, 'c.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toMatch(
      /^c\.yaml:7:23 check\.vary\[1\]: expected one of defaults, cpus, .*got "wobble"$/,
    );
  });
});
