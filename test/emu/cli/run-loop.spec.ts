// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { FS_PER_MS, FS_PER_S } from '../../../emu/base/time.js';
import { runInSlices, sliceFs } from '../../../emu/cli/commands/run-loop.js';
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
    expect(
      await runInSlices(m, {
        progress: null,
        label: 'x',
        scenarioFs: m.durationFs,
        stopped: () => false,
      }),
    ).toBe(true);
    const sliced = m.finish();
    expect({ ...sliced, events: 0 }).toEqual({ ...whole, events: 0 });
    expect(json(sliced.verdict)).toBe(json(whole.verdict));
  });

  it('stops between slices when asked (Ctrl-C) and keeps what was measured', async () => {
    const m = buildMachine(parseScenarioText(YAML, 'a.yaml'));
    let slices = 0;
    const done = await runInSlices(m, {
      progress: null,
      label: 'x',
      scenarioFs: m.durationFs,
      stopped: () => ++slices >= 3,
    });
    expect(done).toBe(false);
    const r = m.finish();
    expect(r.endFs).toBeLessThan(r.durationFs);
    expect(r.endFs).toBeGreaterThan(0n);
    expect(r.verdict.reads).toBeGreaterThan(0);
  });

  it('slices: 1/256 of the shortest of run, scenario and 16 s; at most 2^26 of them', () => {
    expect(sliceFs(2n * FS_PER_S, 2n * FS_PER_S)).toBe((2n * FS_PER_S) / 256n);
    expect(sliceFs(FS_PER_MS, 2n * FS_PER_S)).toBe(FS_PER_MS / 256n);
    expect(sliceFs(3600n * FS_PER_S, 3n * FS_PER_MS)).toBe((3600n * FS_PER_S) >> 26n);
    expect(sliceFs(3600n * FS_PER_S, 3600n * FS_PER_S)).toBe((16n * FS_PER_S) / 256n);
    expect(sliceFs(100n, 100n)).toBe(1n);
  });

  it('off a terminal: an occasional progress line after 5 s of wall time, every 30 s', async () => {
    const m = buildMachine(parseScenarioText(YAML, 'a.yaml'));
    let clockMs = 0;
    const lines: string[] = [];
    await runInSlices(m, {
      progress: { stream: { write: (s: string) => lines.push(s) }, tty: false },
      label: 'slices',
      scenarioFs: m.durationFs,
      stopped: () => false,
      nowMs: () => (clockMs += 1000), // one second per slice
    });
    // 256 slices of 1 s: lines at 5 s, then every 30 s
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^timer-emu: slices: \d+% \(.+ of 2ms simulated, \d+ s\)\n$/);
  });

  it('on a terminal: a bar redrawn in place, cleared at the end', async () => {
    const m = buildMachine(parseScenarioText(YAML, 'a.yaml'));
    let clockMs = 0;
    let out = '';
    await runInSlices(m, {
      progress: { stream: { write: (s: string) => (out += s) }, tty: true },
      label: 'slices',
      scenarioFs: m.durationFs,
      stopped: () => false,
      nowMs: () => (clockMs += 200),
    });
    expect(out).toMatch(/^\rslices \[#*\.*\] \d+%/);
    expect(out).toContain('\rslices [##############################] 100%');
    expect(out.endsWith('\r\u001b[K')).toBe(true);
    expect(out).not.toContain('\n');
  });
});
