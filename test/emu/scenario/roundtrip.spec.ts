// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect } from 'vitest';
import { stringify } from 'yaml';
import { floor, rational } from '../../../emu/base/rational.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { builtinRegistry } from '../../../emu/scenario/registry.js';
import { initialJiffiesOf } from '../../../emu/scenario/schema.js';
import { test } from '../../property-test.js';
import { scenario, scenarioInput } from './arbitraries.js';

/** One registry for every case: the scenario schema it derives is built once. */
const registry = builtinRegistry();

describe('scenario files round-trip', () => {
  test.prop([scenario], { numRuns: 60 })(
    'a generated valid scenario, written as YAML, loads to its exact values',
    ({ s, interpolators, events, expect: expected }) => {
      const { top, devices, interval, start } = s;
      const { input, groups } = scenarioInput({ s, interpolators, events, expect: expected });
      const loaded = parseScenarioText(stringify(input), 'generated.yaml', registry);
      const counter = devices.find((d) => d.value.type === 'itc' || d.value.type === 'tsc');
      expect(loaded).toEqual({
        name: top.name,
        description: '',
        seed: top.seed.value,
        durationFs: top.duration.value,
        kernel: {
          revision: '2.6.18',
          hz: top.hz,
          timekeeper: 0,
          bootWallTimeNs: 0n,
          initialJiffies: initialJiffiesOf(top.hz),
        },
        machine: {
          cpus: top.cpus,
          cpuFrequencyHz: rational(1_500_000_000n),
          costs: {},
          coherence: { policy: 'fair' },
        },
        devices: devices.map((d) => d.value),
        interpolators: interpolators.map((e) => e.value),
        tick: {
          source: counter ? { kind: 'itc', device: counter.value.name } : { kind: 'ideal' },
          latencyFs: { kind: 'constant', value: 0n },
        },
        workload: groups.map((g) => ({
          cpus: g.value,
          call: 'gettimeofday',
          intervalFs: interval.value,
          startFs: start.value,
        })),
        events: events.map(([at, e]) => ({ atFs: at.value, action: e.value })),
        expect: expected?.value ?? {},
        warnings: loaded.warnings,
      });
      const late = events.filter(([at]) => at.value >= top.duration.value).length;
      const idle = start.value >= top.duration.value ? groups.length : 0;
      // and a leap second the kernel would apply only after the end (lint.ts), at most one a leap
      const leaps = loaded.warnings.filter((w) => w.includes('.leap: warning:'));
      const leapsInRun = events.filter(
        ([at, e]) => e.value.kind === 'leap' && at.value < top.duration.value,
      ).length;
      expect(leaps.length).toBeLessThanOrEqual(leapsInRun);
      // and a tick counter too slow for itm_delta (below HZ/2)
      const hz = BigInt(top.hz);
      const tickHz =
        counter?.value.type === 'itc' || counter?.value.type === 'tsc'
          ? floor(counter.value.frequencyHz)
          : undefined;
      const slowTick = tickHz !== undefined && tickHz + hz / 2n < hz ? 1 : 0;
      // and an unregister of an interpolator not on the list then (registrations.ts)
      const unregisters = loaded.warnings.filter((w) => w.includes('.unregister: warning:'));
      expect(unregisters.length).toBeLessThanOrEqual(
        events.filter(([, e]) => e.value.kind === 'unregister').length,
      );
      expect(loaded.warnings).toHaveLength(
        late + idle + leaps.length + slowTick + unregisters.length,
      );
    },
  );
});
