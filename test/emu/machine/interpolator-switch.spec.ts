// SPDX-License-Identifier: GPL-2.0-only
/**
 * A reader inside get_counter while the current interpolator changes: the core re-loads the
 * global pointer at each use (kernel/timer.c: every `time_interpolator->` is a fresh load), so it can take `source` from the old
 * interpolator and `addr` from the new one. From a PM timer (MMIO32) to the ITC (a cycle counter,
 * addr 0), it reads MMIO address 0: a bus error of the simulated machine (all ones), reported,
 * never an error of the emulator.
 */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../../../emu/machine/machine.js';
import { scenarioSummary } from '../../../emu/report/human.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';

const YAML = `
name: switch
duration: 2ms
seed: "0"
kernel: { hz: 100 }
machine: { cpus: 2 }
devices:
  - { type: acpi-pm, name: src, glitch: piix4, piix4_value: mix }
  - { type: itc, name: itc, frequency: 1.5GHz }
interpolators:
  - { driver: custom, device: src, source: mmio32, shift: 22, mask: 0xffffff, jitter: 1 }
tick: { source: itc }
workload:
  - { cpus: all, call: getnstimeofday, interval: 0 }
events: [{ at: 300us, register: { driver: itc, device: itc } }]
`;

describe('an interpolator switch under a reader in get_counter', () => {
  const scenario = parseScenarioText(YAML, 'switch.yaml');
  const result = buildMachine(scenario).run();

  it('reads the new interpolator’s addr with the old source type: MMIO address 0', () => {
    expect(result.endFs).toBe(scenario.durationFs);
    expect(result.interpolatorAtEnd).toBe('itc');
    expect(result.busErrors).toBe(1);
    expect(result.firstBusError).toMatchObject({
      kind: 'unmapped',
      access: 'read',
      addr: 0n,
      width: 32,
      cpu: 1,
    });
    // just after the registration at 300 µs
    expect(result.firstBusError!.timeFs).toBeGreaterThan(300_000_000_000n);
    expect(result.firstBusError!.timeFs).toBeLessThan(301_000_000_000n);
  });

  it('shows in the summary', () => {
    const text = scenarioSummary(
      { file: 'switch.yaml', hash: '0', result, expectations: [], passed: true },
      new Chalk({ level: 0 }),
    );
    expect(text).toContain('bus errors: 1, first: cpu1 read of 32 bits at 0x0 at ');
  });
});
