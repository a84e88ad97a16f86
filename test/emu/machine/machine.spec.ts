// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { FS_PER_MS, FS_PER_NS } from '../../../emu/base/time.js';
import { buildMachine } from '../../../emu/machine/machine.js';
import { checkExpectations } from '../../../emu/report/expectations.js';
import { runJson } from '../../../emu/report/json.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { JsonlWriter } from '../../../emu/trace/jsonl.js';
import { Tracer } from '../../../emu/trace/tracer.js';

const scenario = (yaml: string) => parseScenarioText(yaml, 'test.yaml');

const SMP = `
name: smp
duration: 5ms
machine: { cpus: 3 }
devices:
  - { type: hpet, name: hpet0 }
  - { type: itc, name: itc, frequency: 1.5GHz, offsets_cycles: { uniform: [-400, 400] } }
interpolators:
  - { driver: itc, device: itc }
  - { driver: hpet, device: hpet0 }
workload:
  - { cpus: [0], call: gettimeofday, interval: { exponential: 3us } }
  - { cpus: 1-2, call: clock_gettime_monotonic, interval: { uniform: [0, 4us] } }
`;

/**
 * The run's JSON document and, when `traced`, its trace with every operation; over `durationFs`
 * when given instead of the scenario's duration.
 */
function runToText(
  yaml: string,
  seed?: bigint,
  traced = true,
  durationFs?: bigint,
): { json: string; trace: string } {
  let trace = '';
  const s = scenario(yaml);
  const result = buildMachine(s, {
    ...(traced
      ? { tracer: new Tracer([new JsonlWriter((c) => (trace += c), { scenario: 'smp' })]) }
      : {}),
    ...(seed === undefined ? {} : { seed }),
    ...(durationFs === undefined ? {} : { durationFs }),
  }).run();
  const json = runJson([
    {
      file: 'test.yaml',
      hash: '0',
      result,
      expectations: checkExpectations(s.expect, result),
      passed: true,
    },
  ]);
  return { json, trace };
}

describe('buildMachine', () => {
  it('is deterministic: the same scenario and seed give identical JSON and trace', () => {
    // 2 of the scenario's 5 ms: still thousands of operations on three CPUs, two devices
    const a = runToText(SMP, undefined, true, 2n * FS_PER_MS);
    const b = runToText(SMP, undefined, true, 2n * FS_PER_MS);
    expect(a.json).toBe(b.json);
    expect(a.trace).toBe(b.trace);
    expect(a.trace.split('\n').length).toBeGreaterThan(1000);
  });

  it('another seed draws other offsets and think times', () => {
    expect(runToText(SMP, 2n, false).json).not.toBe(runToText(SMP, 3n, false).json);
  });

  it('boots, ticks and reads: jiffies advance by HZ·duration, every CPU reads', () => {
    const s = scenario(SMP);
    const r = buildMachine(s).run();
    // 5 ms at HZ 250: the ticks at 4 ms (ITM match one itm_delta after boot)
    expect(r.kernel.jiffies - s.kernel.initialJiffies).toBe(1n);
    expect(r.readsPerCpu.every((n) => n > 100)).toBe(true);
    expect(r.verdict.reads).toBe(r.readsPerCpu.reduce((a, b) => a + b, 0));
    expect(r.interpolatorAtEnd).toBe('hpet0');
    expect(r.endFs).toBe(5n * FS_PER_MS);
    expect(r.verdict.kernel.faultCounts).toEqual({ BUG: 0, OOPS: 0 });
  });

  it('the duration option overrides the scenario, and runUntil stops early', () => {
    const m = buildMachine(scenario(SMP), { durationFs: 2n * FS_PER_MS });
    m.runUntil(FS_PER_MS);
    const half = m.result();
    expect(half.endFs).toBe(FS_PER_MS);
    const full = m.run();
    expect(full.endFs).toBe(2n * FS_PER_MS);
    expect(full.verdict.reads).toBeGreaterThan(half.verdict.reads);
  });

  it('a read count limit stops each CPU after that many calls', () => {
    const r = buildMachine(
      scenario(SMP.replace('interval: { exponential: 3us } }', 'interval: 1us, count: 7 }')),
    ).run();
    expect(r.readsPerCpu[0]).toBe(7);
  });

  it('MONOTONIC true time starts at 0 and REALTIME at the boot wall time', () => {
    const yaml = `
name: t
duration: 1ms
kernel: { boot_wall_time: 1000s }
machine: { cpus: 2 }
devices: [{ type: itc, name: itc, frequency: 1.5GHz }]
interpolators: [{ driver: itc, device: itc }]
workload:
  - { cpus: [0], call: getnstimeofday, interval: 10us }
  - { cpus: [1], call: clock_gettime_monotonic, interval: 10us }
`;
    const r = buildMachine(scenario(yaml)).run();
    // errors stay within a microsecond: the true clocks are aligned with the kernel's
    expect(r.verdict.accuracy.maxAbsErrorNs).toBeLessThan(1000n);
    expect(r.kernel.xtimeNs).toBeGreaterThanOrEqual(1000n * 1_000_000_000n);
  });

  it('measures get_counter: a reader call on an HPET lasts about its read latency', () => {
    const yaml = `
name: hpet
duration: 2ms
machine: { cpus: 2 }
devices:
  - { type: hpet, name: hpet0, read_latency: 2us }
  - { type: itc, name: itc, frequency: 1.5GHz }
interpolators: [{ driver: hpet, device: hpet0 }]
workload: [{ cpus: all, call: getnstimeofday, interval: 5us }]
`;
    const k = buildMachine(scenario(yaml)).run().verdict.kernel;
    expect(k.getCounterCalls).toBeGreaterThan(100);
    expect(k.maxGetCounterFs).toBeGreaterThanOrEqual(2000n * FS_PER_NS);
    expect(k.maxGetCounterFs).toBeLessThan(3000n * FS_PER_NS);
    expect(k.cmpxchgAttempts).toBe(0);
  });

  it('counts cmpxchg on last_cycle with jitter compensation, one or more per read', () => {
    const r = buildMachine(scenario(SMP.replace(/ {2}- \{ driver: hpet.*\n/, ''))).run();
    const k = r.verdict.kernel;
    expect(r.interpolatorAtEnd).toBe('itc');
    expect(k.cmpxchgAttempts).toBeGreaterThan(0);
    expect(k.cmpxchgAttempts).toBeLessThanOrEqual(r.verdict.reads + k.getCounterCalls);
    expect(k.cmpxchgFailures).toBeLessThan(k.cmpxchgAttempts);
  });

  it('µs readers (gettimeofday) beside ns readers raise no truncation false alarms', () => {
    const yaml = `
name: mixed
duration: 3ms
machine: { cpus: 3 }
devices: [{ type: itc, name: itc, frequency: 1.5GHz }]
interpolators: [{ driver: itc, device: itc }]
workload:
  - { cpus: [0], call: gettimeofday, interval: 1us }
  - { cpus: 1-2, call: getnstimeofday, interval: 1us }
`;
    const r = buildMachine(scenario(yaml)).run();
    expect(r.verdict.reads).toBeGreaterThan(3000);
    expect(r.verdict.monotonicity.violations).toBe(0);
  });
});
