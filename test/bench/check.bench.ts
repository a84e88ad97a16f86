// SPDX-License-Identifier: GPL-2.0-only
/**
 * `npm run bench -- check`: `timer-emu check` on a small scenario (2 CPUs, 10 ms simulated, every
 * case that size): cases per second in one process on one thread (the library's search), and
 * through the bin with `--jobs 1` and one job per core, process start-up included (issue 12 asks
 * ≥ 20 cases/s).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { variations } from '../../emu/testing/arbitraries.js';
import { baseScenario } from '../../emu/testing/scenario-file.js';
import { searchCounterexample } from '../../emu/testing/search.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../cli/timer-emu.js');
const RUNS = 100;

const SCENARIO = `name: check-bench
duration: 10ms
machine: { cpus: 2 }
devices:
  - { type: hpet, name: hpet0 }
interpolators:
  - { driver: hpet, device: hpet0 }
workload:
  - { cpus: all, call: getnstimeofday, interval: { exponential: 20us } }
check: { vary: [seed, workload, irq_off, hz, drift] }
expect:
  monotonic: true
  max_error: 1ms
  faults: none
`;

async function inProcessCasesPerSecond(): Promise<number> {
  const base = baseScenario(SCENARIO, 'check-bench.yaml');
  const arb = variations(base, { vary: ['seed', 'workload', 'irq_off', 'hz', 'drift'] });
  const t0 = performance.now();
  const r = await searchCounterexample(base, arb, { seed: 1, runs: RUNS });
  if (r.counterexample !== null) throw new Error('check bench: the correct source failed');
  return RUNS / ((performance.now() - t0) / 1000);
}

function binCasesPerSecond(file: string, jobs: number): number {
  const t0 = performance.now();
  execFileSync(
    process.execPath,
    [BIN, 'check', file, '--runs', String(RUNS), '--jobs', String(jobs), '--quiet'],
    { stdio: 'ignore' },
  );
  return RUNS / ((performance.now() - t0) / 1000);
}

const round = (x: number) => Number(x.toFixed(1));

export async function bench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'timer-emu-check-bench-'));
  const file = join(dir, 'check-bench.yaml');
  writeFileSync(file, SCENARIO);
  try {
    const cores = availableParallelism();
    return {
      runs: RUNS,
      inProcessCasesPerSecond: round(await inProcessCasesPerSecond()),
      binOneJobCasesPerSecond: round(binCasesPerSecond(file, 1)),
      binEveryCoreCasesPerSecond: round(binCasesPerSecond(file, cores)),
      cores,
      target: 20,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
