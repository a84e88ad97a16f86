// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { runInSlices } from '../../../emu/cli/commands/run-loop.js';
import { buildMachine } from '../../../emu/machine/machine.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';

const YAML = `
name: slices
duration: 2ms
machine: { cpus: 2 }
devices: [{ type: itc, name: itc, frequency: 1.5GHz }]
interpolators: [{ driver: itc, device: itc }]
workload: [{ cpus: all, call: getnstimeofday, interval: { exponential: 3us } }]
`;

const json = (v: unknown) =>
  JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

describe('runInSlices', () => {
  it('gives the same result as one uninterrupted run', async () => {
    const whole = buildMachine(parseScenarioText(YAML, 'a.yaml')).run();
    const m = buildMachine(parseScenarioText(YAML, 'a.yaml'));
    expect(await runInSlices(m, { progress: null, label: 'x', stopped: () => false })).toBe(true);
    const sliced = m.finish();
    expect({ ...sliced, events: 0 }).toEqual({ ...whole, events: 0 });
    expect(json(sliced.verdict)).toBe(json(whole.verdict));
  });

  it('stops between slices when asked (Ctrl-C) and keeps what was measured', async () => {
    const m = buildMachine(parseScenarioText(YAML, 'a.yaml'));
    let slices = 0;
    const done = await runInSlices(m, { progress: null, label: 'x', stopped: () => ++slices >= 3 });
    expect(done).toBe(false);
    const r = m.finish();
    expect(r.endFs).toBeLessThan(r.durationFs);
    expect(r.endFs).toBeGreaterThan(0n);
    expect(r.verdict.reads).toBeGreaterThan(0);
  });
});
