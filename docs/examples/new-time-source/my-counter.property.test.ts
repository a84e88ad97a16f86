// SPDX-License-Identifier: GPL-2.0-only
/**
 * Property tests of the counter in my-counter.yaml with timer-emu/testing and @fast-check/vitest:
 * each case is the scenario with a drawn variation, run as a machine in this process.
 */
import { readFileSync } from 'node:fs';
import { test } from '@fast-check/vitest';
import { assertCase, baseScenario, variations } from 'timer-emu/testing';

const file = new URL('./my-counter.yaml', import.meta.url);
const base = baseScenario(readFileSync(file, 'utf8'), 'my-counter.yaml');

test.prop([variations(base, { maxCpus: 4, minDurationUs: 1000 })], { numRuns: 15, seed: 1 })(
  'never steps back, stays within 1 ms of true time, never faults',
  (v) => {
    assertCase(base, v, { monotonic: true, max_error: '1ms', faults: 'none' });
  },
  120_000,
);
