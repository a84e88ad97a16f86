// SPDX-License-Identifier: GPL-2.0-only
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FS_PER_NS } from '../../../emu/base/time.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { variations } from '../../../emu/testing/arbitraries.js';
import { runCase } from '../../../emu/testing/run-case.js';
import { baseScenario } from '../../../emu/testing/scenario-file.js';
import { drawCases, searchCounterexample } from '../../../emu/testing/search.js';

const fixture = (name: string) => {
  const file = `test/fixtures/check/${name}.yaml`;
  const base = baseScenario(readFileSync(file, 'utf8'), file);
  const vary = base.scenario.check?.vary;
  return { base, arb: variations(base, vary === undefined ? {} : { vary }) };
};

const US = FS_PER_NS * 1000n;

describe('searchCounterexample on planted bugs', () => {
  it('shrinks a wrap after a duration to one CPU and a run just past the wrap', async () => {
    const { base, arb } = fixture('wrap-after-duration');
    const r = await searchCounterexample(base, arb, { seed: 1, runs: 50 });
    const c = r.counterexample!;
    expect(c.shrunk.scenario.machine.cpus).toBe(1);
    // 2^20 cycles at 100 MHz: the counter wraps at 10 485.76 µs
    const us = c.shrunk.scenario.durationFs / US;
    expect(us).toBeGreaterThanOrEqual(10_485n);
    expect(us).toBeLessThan(10_600n);
    expect(c.shrunk.variation.irqOff ?? []).toEqual([]);
    expect(c.shrunk.variation.workload).toBeUndefined();
    expect(c.shrunk.variation.seed).toBe(1n);
  }, 120_000);

  it('shrinks unsynchronised per-CPU counters to two CPUs and one offset, nothing else', async () => {
    const { base, arb } = fixture('unsynced-itc');
    const r = await searchCounterexample(base, arb, { seed: 1, runs: 50 });
    const c = r.counterexample!;
    expect(c.property).toBe('monotonic');
    expect(c.shrunk.scenario.machine.cpus).toBe(2);
    const v = c.shrunk.variation;
    expect(v.irqOff ?? []).toEqual([]);
    expect(v.workload).toBeUndefined();
    expect(v.hz).toBeUndefined();
    expect(Object.keys(v.driftPpm ?? {})).toEqual([]);
    const offsets = v.offsetsCycles?.itc ?? [];
    expect(offsets.slice(0, 2).filter((o) => o !== 0)).toHaveLength(1);
    expect(c.shrunk.scenario.durationFs).toBe(1000n * US);
  }, 120_000);

  it('finds the same cases and the same counterexample from the same seed', async () => {
    const { base, arb } = fixture('unsynced-itc');
    expect(drawCases(arb, 5, 10)).toEqual(drawCases(arb, 5, 10));
    const a = await searchCounterexample(base, arb, { seed: 5, runs: 30 });
    const b = await searchCounterexample(base, arb, { seed: 5, runs: 30, batchSize: 3 });
    expect(b.casesRun).toBe(a.casesRun);
    expect(b.counterexample?.shrunk.text).toBe(a.counterexample?.shrunk.text);
  }, 120_000);

  it('the shrunk case, loaded from its text, fails the same property', async () => {
    const { base, arb } = fixture('wrap-after-duration');
    const r = await searchCounterexample(base, arb, { seed: 2, runs: 50 });
    const c = r.counterexample!;
    const again = parseScenarioText(c.shrunk.text, 'again.yaml');
    expect(again.machine.cpus).toBe(c.shrunk.scenario.machine.cpus);
    expect(
      runCase(baseScenario(c.shrunk.text, 'again.yaml'), {}).failed.map((e) => e.key),
    ).toContain(c.property);
  }, 120_000);

  it('holds for every case of a correct time source', async () => {
    const { base, arb } = fixture('hpet-correct');
    let progress = 0;
    const r = await searchCounterexample(base, arb, {
      seed: 9,
      runs: 30,
      onProgress: (n) => {
        progress = n;
      },
    });
    expect(r.counterexample).toBeNull();
    expect(r.casesRun).toBe(30);
    expect(progress).toBe(30);
  }, 120_000);
});
