// SPDX-License-Identifier: GPL-2.0-only
/**
 * Conformance replay speed: vector steps replayed per second (the interpolator cases of every
 * bundled vector file, parsing excluded), and the cost of one `time_interpolator_get_offset`
 * under the sequential executor.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../emu/cli/package-root.js';
import { type LoadedCase, loadVectorFile } from '../../emu/conformance/load.js';
import { replayInterpolatorCase } from '../../emu/conformance/replay-interpolator.js';
import {
  type InterpolatorKernel,
  newInterpolatorKernel,
  type TimeInterpolator,
  zeroedTimeInterpolator,
} from '../../interpolator/include/linux/timex.js';
import {
  register_time_interpolator,
  time_interpolator_get_offset,
} from '../../interpolator/kernel/timer/interpolator.js';
import { runSequential, type SequentialMachine } from '../../interpolator/sequential.js';

const VECTORS = 'test/fixtures/conformance';

function replaySpeed(cases: readonly LoadedCase[]): Record<string, number> {
  const interpolator = cases.flatMap((c) => (c.kind === 'interpolator' ? [c] : []));
  const steps = interpolator.reduce((n, c) => n + c.case.steps.length, 0);
  let rounds = 0;
  let mismatches = 0;
  const start = performance.now();
  let elapsedMs = 0;
  while (rounds < 3 || elapsedMs < 3000) {
    for (const c of interpolator)
      mismatches += replayInterpolatorCase(c.case, c.where).mismatches.length;
    rounds++;
    elapsedMs = performance.now() - start;
  }
  return {
    cases: interpolator.length,
    steps,
    rounds,
    mismatches,
    stepsPerSecond: Math.round((steps * rounds) / (elapsedMs / 1000)),
  };
}

/** A machine whose counter advances by `stepCycles` at every read. */
function advancingCounter(stepCycles: bigint): SequentialMachine {
  let counter = 1_000_000n;
  const read = (): bigint => (counter += stepCycles);
  return { cycles: read, mmioRead: read, callSource: read };
}

function registered(fields: Partial<TimeInterpolator>): {
  k: InterpolatorKernel;
  machine: SequentialMachine;
} {
  const k = newInterpolatorKernel('2.6.18');
  const machine = advancingCounter(1000n);
  const ti = { ...zeroedTimeInterpolator(), ...fields };
  runSequential(register_time_interpolator(k, ti), machine);
  return { k, machine };
}

function getOffsetNs(fields: Partial<TimeInterpolator>): number {
  const { k, machine } = registered(fields);
  const calls = 200_000;
  for (let i = 0; i < calls / 10; i++) runSequential(time_interpolator_get_offset(k), machine);
  const start = performance.now();
  for (let i = 0; i < calls; i++) runSequential(time_interpolator_get_offset(k), machine);
  return Math.round(((performance.now() - start) * 1e6) / calls);
}

export async function bench(): Promise<Record<string, unknown>> {
  const root = packageRoot();
  const files = readdirSync(join(root, VECTORS)).filter((f) => f.endsWith('.jsonl'));
  const cases = files.flatMap((f) => loadVectorFile(join(root, VECTORS, f), f));
  return {
    replay: replaySpeed(cases),
    getOffsetNsPerCall: {
      hpet: getOffsetNs({
        source: 1n,
        shift: 10n,
        mask: (1n << 64n) - 1n,
        frequency: 14_318_180n,
        drift: 500n,
      }),
      itcJitter: getOffsetNs({
        source: 0n,
        shift: 16n,
        mask: (1n << 64n) - 1n,
        frequency: 1_500_000_000n,
        drift: -1n,
        jitter: 1n,
      }),
    },
  };
}
