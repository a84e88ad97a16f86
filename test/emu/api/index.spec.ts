// SPDX-License-Identifier: GPL-2.0-only
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../../emu/api/index.js';
import {
  buildMachine,
  builtinRegistry,
  defineDevice,
  isSerializable,
  loadScenario,
  parseScenario,
  Registry,
  runScenario,
  ScenarioError,
  scenarioData,
  serializeScenario,
} from '../../../emu/api/index.js';

const SMALL = `
name: small
duration: 2ms
machine: { cpus: 2 }
devices: [ { type: hpet, name: hpet0 } ]
interpolators: [ { driver: hpet, device: hpet0 } ]
workload: [ { cpus: all, call: getnstimeofday, interval: 50us } ]
expect: { monotonic: true, faults: none, reads: { min: 10 } }
`;

describe('timer-emu (the public API)', () => {
  it('exports exactly the documented values', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'Oscillator',
        'Registry',
        'ScenarioError',
        'buildMachine',
        'builtinRegistry',
        'busPort',
        'defineDevice',
        'isSerializable',
        'loadScenario',
        'parseScenario',
        'runScenario',
        'scenarioData',
        'serializeScenario',
      ].sort(),
    );
  });

  it('parses text and loads a file to the same scenario', () => {
    const fromText = parseScenario(readFileSync('scenarios/hpet-basic.yaml', 'utf8'), 'x.yaml');
    const fromFile = loadScenario('scenarios/hpet-basic.yaml');
    expect(fromFile.name).toBe('hpet-basic');
    expect({ ...fromFile, warnings: [] }).toEqual({ ...fromText, warnings: [] });
  });

  it('throws a located ScenarioError on a bad scenario', () => {
    const bad = () => parseScenario(SMALL.replace('cpus: 2', 'cpus: 0'), 'bad.yaml');
    expect(bad).toThrow(ScenarioError);
    expect(bad).toThrow(/^bad\.yaml:4:\d+ machine\.cpus: must be at least 1/);
  });

  it('runs a scenario: the result, its expectations and the verdict', () => {
    const run = runScenario(parseScenario(SMALL));
    expect(run.passed).toBe(true);
    expect(run.expectations.map((e) => e.key)).toEqual(['monotonic', 'faults', 'reads']);
    expect(run.result.verdict.monotonicity.monotonic).toBe(true);
    expect(run.result.verdict.monotonicity.violations).toBe(0);
    expect(run.result.readsPerCpu).toHaveLength(2);
    expect(run.result.verdict.reads).toBeGreaterThanOrEqual(10);
  });

  it('fails a run whose expectation does not hold, and takes seed and duration', () => {
    const s = parseScenario(SMALL.replace('min: 10', 'min: 1000000'));
    const run = runScenario(s, { seed: 7n, durationFs: 1_000_000_000_000n });
    expect(run.passed).toBe(false);
    expect(run.result.seed).toBe(7n);
    expect(run.result.durationFs).toBe(1_000_000_000_000n);
    expect(run.expectations.find((e) => e.key === 'reads')?.pass).toBe(false);
  });

  it('buildMachine runs step by step to the same result as runScenario', () => {
    const s = parseScenario(SMALL);
    const m = buildMachine(s);
    m.runUntil(1_000_000_000_000n);
    expect(m.run().verdict).toEqual(runScenario(s).result.verdict);
  });

  it('serializes a scenario to YAML that loads back to it', () => {
    const s = parseScenario(SMALL);
    expect(isSerializable(s)).toBe(true);
    const text = serializeScenario(s);
    expect(text).toContain('duration: 2ms');
    expect({ ...parseScenario(text), warnings: [] }).toEqual({ ...s, warnings: [] });
    expect(scenarioData(s).machine).toEqual({ cpus: 2 });
  });

  it('builds registries: built-in ones apart, and user device types added to one', () => {
    const r = builtinRegistry();
    expect(r.devices().map((d) => d.type)).toContain('hpet');
    expect(builtinRegistry()).not.toBe(r);
    const hpet = r.device('hpet');
    const mine = new Registry();
    mine.addDevice(defineDevice({ ...hpet, type: 'my-hpet' }));
    expect(mine.devices().map((d) => d.type)).toEqual(['my-hpet']);
    expect(() => r.device('my-hpet')).toThrow(/no device type my-hpet/);
  });
});
