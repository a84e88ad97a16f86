// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../../../../emu/machine/machine.js';
import { ReportCollector } from '../../../../emu/report/html/collector.js';
import { parseScenarioText } from '../../../../emu/scenario/load.js';

/** Four CPUs whose ITCs disagree, jitter compensation on: skips, cmpxchg failures, stalls. */
const YAML = `
name: collector
duration: 20ms
machine: { cpus: 4 }
devices:
  - { type: itc, name: itc, frequency: 1.5GHz, offsets_cycles: [0, 3000, 1500, 0] }
interpolators: [{ driver: itc, device: itc }]
workload: [{ cpus: all, call: getnstimeofday, interval: 1us }]
`;

describe('ReportCollector as the machine observer', () => {
  const scenario = parseScenarioText(YAML, 'collector.yaml');
  const plain = buildMachine(scenario).run();
  const collector = new ReportCollector(4);
  const observed = buildMachine(scenario, { observer: collector }).run();
  collector.finish();

  it('changes nothing the run measures', () => {
    expect(observed).toEqual(plain);
  });

  it('sees every read, per CPU, with its error against true time', () => {
    expect(collector.errorByCpu.map((s) => s.x.length)).toEqual(observed.readsPerCpu);
    expect(collector.errorAll.y.length).toBe(observed.verdict.reads);
    const worst = Math.max(...collector.errorAll.y.map(Math.abs));
    expect(BigInt(worst)).toBe(observed.verdict.accuracy.maxAbsErrorNs);
  });

  it('counts the last_cycle cmpxchg per CPU as the kernel statistics do in total', () => {
    const sum = (a: number[]) => a.reduce((s, n) => s + n, 0);
    expect(sum(collector.cmpxchgAttempts)).toBe(observed.verdict.kernel.cmpxchgAttempts);
    expect(sum(collector.cmpxchgFailures)).toBe(observed.verdict.kernel.cmpxchgFailures);
    expect(sum(collector.cmpxchgFailures)).toBeGreaterThan(0);
  });

  it('records skips, offset stores at the ticks and nsec_per_cyc from registration', () => {
    expect(BigInt(collector.skips.y.length)).toBe(observed.verdict.kernel.skips);
    // one offset store per tick (HZ 250 by default: 5 ticks in 20 ms) and one at registration
    expect(collector.offset.x.length).toBeGreaterThanOrEqual(4);
    expect(collector.nsecPerCyc.y[0]).toBeGreaterThan(0);
    for (let i = 1; i < collector.offset.x.length; i++)
      expect(collector.offset.x[i]!).toBeGreaterThanOrEqual(collector.offset.x[i - 1]!);
  });

  it('counts a latency for every read', () => {
    const counts = collector.latency.buckets().counts;
    expect(counts.reduce((s, n) => s + n, 0)).toBe(observed.verdict.reads);
  });
});
