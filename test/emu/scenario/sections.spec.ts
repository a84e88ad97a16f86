// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, test } from 'vitest';
import { buildMachine } from '../../../emu/machine/machine.js';
import { ScenarioError } from '../../../emu/scenario/errors.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { MAX_CPUS } from '../../../emu/scenario/sections.js';

const withCpus = (cpus: number): string => `
name: many
duration: 2us
machine: { cpus: ${cpus} }
devices:
  - { type: hpet, name: hpet0 }
interpolators:
  - { driver: hpet, device: hpet0 }
workload:
  - { cpus: all, call: getnstimeofday, interval: 1us }
`;

describe('machine.cpus', () => {
  test('goes up to 16 384 CPUs, and a machine that size is built and runs', () => {
    expect(MAX_CPUS).toBe(16_384);
    const machine = buildMachine(parseScenarioText(withCpus(16_384), 'many.yaml'));
    const r = machine.run();
    expect(r.cpuStats).toHaveLength(16_384);
    // 2 µs is CPU 0's boot and the first secondaries: operations ran, on CPU 0 first
    expect(r.operations).toBeGreaterThan(0);
  });

  test('one more is a located error naming the limit', () => {
    let err: unknown;
    try {
      parseScenarioText(withCpus(16_385), 'many.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    expect(String((err as Error).message)).toMatch(/many\.yaml:4:\d+.*machine\.cpus.*16384/s);
  });
});
