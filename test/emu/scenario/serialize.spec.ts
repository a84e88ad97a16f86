// SPDX-License-Identifier: GPL-2.0-only
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { builtinRegistry } from '../../../emu/scenario/registry.js';
import { serializeScenario } from '../../../emu/scenario/serialize.js';
import type { Scenario } from '../../../emu/scenario/types.js';
import {
  applyVariation,
  baseScenario,
  DIMENSIONS,
  variations,
} from '../../../emu/testing/index.js';
import { fc, test } from '../../property-test.js';
import { scenario, scenarioInput } from './arbitraries.js';

/** One registry for every case: the scenario schema it derives is built once. */
const registry = builtinRegistry();

const DIR = 'scenarios';
const bundled = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
const textOf = (file: string) => readFileSync(join(DIR, file), 'utf8');

/** `warnings` carry the file name and positions of the text, so they differ between two texts. */
const withoutWarnings = ({ warnings: _, ...rest }: Scenario) => rest;

/** serialize, load again: the same scenario. */
function expectRoundTrip(loaded: Scenario): string {
  const text = serializeScenario(loaded, registry);
  expect(withoutWarnings(parseScenarioText(text, 'serialized.yaml', registry))).toEqual(
    withoutWarnings(loaded),
  );
  return text;
}

describe('serializeScenario', () => {
  it.each(bundled)('%s loads back to the same scenario', (file) => {
    expectRoundTrip(parseScenarioText(textOf(file), file, registry));
  });

  test.prop([scenario], { numRuns: 60 })(
    'a generated scenario (every device type, driver, event and expectation) round-trips',
    (drawn) => {
      const { input } = scenarioInput(drawn);
      expectRoundTrip(parseScenarioText(stringify(input), 'generated.yaml', registry));
    },
  );

  const bases = ['hpet-basic.yaml', 'itc-jitter-smp.yaml', 'acpi-pm-glitch-jitter.yaml'].map((f) =>
    baseScenario(textOf(f), f, registry),
  );
  test.prop(
    [
      fc
        .constantFrom(...bases)
        .chain((b) => variations(b, { vary: DIMENSIONS }).map((v) => applyVariation(b, v))),
    ],
    { numRuns: 40 },
  )('a check case (a bundled base varied by timer-emu/testing) round-trips', (data) => {
    expectRoundTrip(parseScenarioText(stringify(data), 'case.yaml', registry));
  });

  it('writes values in the largest exact unit and leaves defaults out', () => {
    const text = serializeScenario(
      parseScenarioText(textOf('hpet-basic.yaml'), 'hpet-basic', registry),
    );
    expect(text).toContain('duration: 2s\n');
    expect(text).toContain('max_error: 1ms\n');
    expect(text).toMatch(/exponential: 20us/);
    expect(text).not.toMatch(/fs\b/);
    // the hpet's period, base, timers and the kernel section are all defaults
    expect(text).not.toMatch(/period_fs|base:|timers:|kernel:/);
  });

  it('keeps a 64-bit value beyond 2^53 exact, as a string', () => {
    const base = parseScenarioText(textOf('hpet-basic.yaml'), 'hpet-basic', registry);
    const big = { ...base, seed: (1n << 64n) - 1n };
    expect(serializeScenario(big)).toContain('seed: "18446744073709551615"');
    expectRoundTrip(big);
  });

  it.each([' ', '  a', 'a ', '\t'])(
    'keeps a description %j that a folded block would change (not folded)',
    (description) => {
      const base = parseScenarioText(textOf('hpet-basic.yaml'), 'hpet-basic', registry);
      expectRoundTrip({ ...base, description });
    },
  );

  test.prop([fc.string({ unit: 'grapheme-ascii' }).filter((d) => d !== '')], { numRuns: 60 })(
    'any description survives the folded block it is written in',
    (description) => {
      const base = parseScenarioText(textOf('hpet-basic.yaml'), 'hpet-basic', registry);
      expectRoundTrip({ ...base, description });
    },
  );
});
