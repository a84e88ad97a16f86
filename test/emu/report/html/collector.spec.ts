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
    expect(collector.errorAll.y.length).toBe(0);
    const worst = Math.max(...collector.errorByCpu.flatMap((s) => s.y.map(Math.abs)));
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

describe('ReportCollector with many CPUs', () => {
  it('keeps one series of every read above 8 CPUs, in completion order', () => {
    const c = new ReportCollector(16);
    const read = (cpu: number, endFs: bigint, valueNs: bigint, trueNs: bigint) =>
      c.readEnd({
        cpu,
        startFs: endFs - 1000n,
        endFs,
        clock: 'monotonic',
        valueNs,
        trueNs,
        epoch: 0,
      });
    read(15, 2_000_000_000n, 100n, 90n);
    read(3, 3_000_000_000n, 100n, 120n);
    expect(c.errorByCpu).toEqual([]);
    expect(c.errorAll).toEqual({ x: [0.002, 0.003], y: [10, -20] });
  });
});

describe('ReportCollector stalls', () => {
  it('counts a run of one value while true time advanced, by its length, per CPU', () => {
    const c = new ReportCollector(2);
    const read = (cpu: number, valueNs: bigint, trueNs: bigint) =>
      c.readEnd({ cpu, startFs: 0n, endFs: 1n, clock: 'realtime', valueNs, trueNs, epoch: 0 });
    read(0, 500n, 500n);
    read(1, 500n, 510n); // another CPU: its own run
    read(0, 500n, 600n);
    read(0, 500n, 800n); // CPU 0 returned 500 for 300 ns of true time
    read(0, 900n, 900n);
    c.finish();
    const b = c.stalls.buckets();
    // 300 ns lies in [256, 512): bucket 1 + 8 (after the zero bucket)
    expect(b.counts.reduce((s, n) => s + n, 0)).toBe(1);
    expect(b.lowNs[b.counts.indexOf(1)]).toBe('256');
  });
});
