// SPDX-License-Identifier: GPL-2.0-only
/**
 * The round-robin bus on the Tiger4 livelock machine (docs/livelock.md, "A fair bus"): what it
 * changes against the fair line, on the same machine and seed, over 5 ms.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDurationFs } from '../../emu/base/units.js';
import { buildMachine, type RunResult } from '../../emu/machine/machine.js';
import { loadScenario } from '../../emu/scenario/load.js';

const SCENARIOS = join(import.meta.dirname, '../../scenarios');
const run = (name: string): RunResult =>
  buildMachine(loadScenario(join(SCENARIOS, `${name}.yaml`)), {
    durationFs: parseDurationFs('5ms'),
  }).run();

describe('livelock on the round-robin bus', () => {
  let fair: RunResult;
  let rr13: RunResult;
  let rr18: RunResult;
  beforeAll(() => {
    fair = run('livelock-2.6.13');
    rr13 = run('livelock-2.6.13-rr');
    rr18 = run('livelock-2.6.18-rr');
  });

  it('serialises the hot line on the bus: fewer than a fifth of the fair model’s reads', () => {
    expect(rr13.verdict.reads * 5).toBeLessThan(fair.verdict.reads);
    // three cmpxchgs in four fail: per round of the bus one upgrade wins
    const k = rr13.verdict.kernel;
    expect(k.cmpxchgFailures * 10).toBeGreaterThan(k.cmpxchgAttempts * 7);
  });

  it('keeps both time keepers within a few bus rounds, 2.6.13 within 2× of 2.6.18', () => {
    const holdFs = 192_307_693n; // 250 cycles at 1.3 GHz, rounded up
    const w13 = rr13.verdict.kernel.maxWriterGetCounterFs;
    const w18 = rr18.verdict.kernel.maxWriterGetCounterFs;
    expect(w13).toBeLessThan(20n * holdFs);
    expect(w18).toBeLessThan(20n * holdFs);
    expect(w13).toBeLessThan(2n * w18);
    // the readers wait their turn behind the time keeper and each other for longer
    expect(rr13.verdict.kernel.maxGetCounterFs).toBeGreaterThan(3n * w13);
  });
});
