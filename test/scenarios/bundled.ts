// SPDX-License-Identifier: GPL-2.0-only
/**
 * Runs bundled scenarios in-process and asserts that every expectation passes. A shorter
 * duration is used where the scenario's verdict does not depend on the rest of the run (each
 * override below was checked to keep every expectation's outcome); the bound on the count of
 * reads, the one figure that grows with the run, is scaled to the shorter run. `npm start` runs
 * every bundled scenario at its full duration against its own bounds.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseDurationFs } from '../../emu/base/units.js';
import { buildMachine } from '../../emu/machine/machine.js';
import { checkExpectations } from '../../emu/report/expectations.js';
import { loadScenario } from '../../emu/scenario/load.js';
import type { Expectations, Scenario } from '../../emu/scenario/types.js';

const SCENARIOS = join(import.meta.dirname, '../../scenarios');

/** name → duration used in the test suite (absent: the scenario's own). */
export const TEST_DURATIONS: Readonly<Record<string, string>> = {
  'hpet-basic': '50ms',
  'acpi-pm-glitch': '50ms',
  'itc-jitter-smp': '20ms',
  'livelock-2.6.13': '5ms',
  'livelock-2.6.18': '10ms',
  'livelock-2.6.13-unfair': '4ms',
  'livelock-2.6.18-unfair': '5ms',
  'livelock-2.6.13-rr': '5ms',
  'livelock-2.6.18-rr': '5ms',
  'itc-jitter-512cpus-numa': '500us',
  'cyclone-40bit-wrap': '1100ms',
  'sn2-rtc-512cpus': '3ms',
  'itc-jitter-512cpus': '1ms',
  'late-ticks': '100ms',
  'itc-one-crystal-wander': '200ms',
  'itc-nojitter-backwards': '25ms',
  'acpi-pm-glitch-jitter': '50ms',
  'hpet-32bit-counter': '2100ms',
  settimeofday: '110ms',
};

/** The expectations of a run shortened to `durationFs`: a minimum of reads in proportion. */
function shortened(scenario: Scenario, durationFs: bigint): Expectations {
  const e = scenario.expect;
  if (e.reads?.min === undefined) return e;
  const min = (e.reads.min * durationFs) / scenario.durationFs;
  return { ...e, reads: { ...e.reads, min } };
}

export function bundledScenarioTests(names: readonly string[]): void {
  for (const name of names)
    it(`${name} meets its expectations`, () => {
      const scenario = loadScenario(join(SCENARIOS, `${name}.yaml`));
      expect(scenario.name).toBe(name);
      expect(scenario.description.length).toBeGreaterThan(80);
      expect(Object.keys(scenario.expect).length).toBeGreaterThan(1);
      const override = TEST_DURATIONS[name];
      const durationFs = override === undefined ? scenario.durationFs : parseDurationFs(override);
      expect(durationFs).toBeLessThanOrEqual(scenario.durationFs);
      const result = buildMachine(scenario, { durationFs }).run();
      const expectations = shortened(scenario, durationFs);
      const failed = checkExpectations(expectations, result).filter((e) => !e.pass);
      expect(failed).toEqual([]);
    });
}
