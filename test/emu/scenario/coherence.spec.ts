// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, test } from 'vitest';
import { FS_PER_NS, FS_PER_US } from '../../../emu/base/time.js';
import { ScenarioError } from '../../../emu/scenario/errors.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { serializeScenario } from '../../../emu/scenario/serialize.js';

const withMachine = (machine: string) =>
  `name: x\nduration: 1ms\nmachine: ${machine}\ndevices: []\ninterpolators: []\nworkload: []\n`;

describe('machine.coherence', () => {
  test('defaults to the fair policy', () => {
    expect(parseScenarioText(withMachine('{ cpus: 2 }'), 'a.yaml').machine.coherence).toEqual({
      policy: 'fair',
    });
  });

  test('owner-biased reads its durations in fs and defaults to one bus', () => {
    const text = withMachine(
      '{ cpus: 8, coherence: { policy: owner-biased, reuse_window: 192ns, max_hold: 100us, retry: 1ns } }',
    );
    expect(parseScenarioText(text, 'b.yaml').machine.coherence).toEqual({
      policy: 'owner-biased',
      reuseWindowFs: 192n * FS_PER_NS,
      maxHoldFs: 100n * FS_PER_US,
      retryFs: FS_PER_NS,
      cpusPerNode: 0,
      hopFs: 0n,
    });
  });

  test('round-robin takes no parameter, refuses one, and reads back as written', () => {
    const s = parseScenarioText(
      withMachine('{ cpus: 4, coherence: { policy: round-robin } }'),
      'r.yaml',
    );
    expect(s.machine.coherence).toEqual({ policy: 'round-robin' });
    expect(parseScenarioText(serializeScenario(s), 's.yaml').machine.coherence).toEqual({
      policy: 'round-robin',
    });
    expect(() =>
      parseScenarioText(
        withMachine('{ cpus: 4, coherence: { policy: round-robin, max_hold: 1us } }'),
        't.yaml',
      ),
    ).toThrow(/^t\.yaml:3:\d+ machine\.coherence\.max_hold: /);
  });

  test('a missing parameter names the field', () => {
    const text = withMachine(
      '{ cpus: 2, coherence: { policy: owner-biased, reuse_window: 1ns, retry: 1ns } }',
    );
    let err: unknown;
    try {
      parseScenarioText(text, 'c.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).message).toMatch(/^c\.yaml:3:\d+ machine\.coherence\.max_hold: /);
  });
});
