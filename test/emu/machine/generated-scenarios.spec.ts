// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect } from 'vitest';
import { stringify } from 'yaml';
import { FS_PER_NS } from '../../../emu/base/time.js';
import { buildMachine } from '../../../emu/machine/machine.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { builtinRegistry } from '../../../emu/scenario/registry.js';
import { test } from '../../property-test.js';
import { scenario, scenarioInput } from '../scenario/arbitraries.js';

/** One registry for every case: the scenario schema it derives is built once. */
const registry = builtinRegistry();

/** Long enough for boot, ticks at HZ = 1024 and reads; short enough for many runs. */
const MAX_RUN_FS = 300_000n * FS_PER_NS;

describe('generated valid scenarios', () => {
  test.prop([scenario], { numRuns: Number(process.env.GEN_RUNS ?? 100) })(
    'run to their end without an emulator error (any devices, frequencies, offsets, events)',
    (drawn) => {
      const loaded = parseScenarioText(
        stringify(scenarioInput(drawn).input),
        'generated.yaml',
        registry,
      );
      const durationFs = loaded.durationFs < MAX_RUN_FS ? loaded.durationFs : MAX_RUN_FS;
      const r = buildMachine(loaded, { durationFs }).run();
      expect(r.endFs).toBe(durationFs);
      expect(r.verdict.reads).toBe(r.readsPerCpu.reduce((a, b) => a + b, 0));
    },
  );
});
