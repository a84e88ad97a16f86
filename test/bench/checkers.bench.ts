// SPDX-License-Identifier: GPL-2.0-only
/**
 * Reads per wall second through the monotonicity and accuracy checkers (reads announced with
 * `begin`, so pruning is on), for 4 and 512 CPUs reading back to back with overlapping reads; and
 * through all the checkers of a run (`RunCheckers`: with stalls and kernel statistics, a get_counter
 * call and three cmpxchg attempts per read, the verdict included).
 */
import { AccuracyChecker } from '../../emu/checkers/accuracy.js';
import { MonotonicityChecker } from '../../emu/checkers/monotonicity.js';
import { RunCheckers } from '../../emu/checkers/run-checkers.js';
import type { ClockRead } from '../../emu/checkers/types.js';

type Step = { begin: true; cpu: number; startFs: bigint } | { begin: false; read: ClockRead };

/** Each CPU reads for 700 ns every 1 us, CPUs staggered; values carry a few ns of error. */
function workload(cpus: number, reads: number): Step[] {
  const steps: Step[] = [];
  const perCpu = Math.ceil(reads / cpus);
  const periodFs = 1_000_000_000n;
  const durationFs = 700_000_000n;
  for (let i = 0; i < perCpu; i++) {
    for (let c = 0; c < cpus; c++) {
      const startFs = BigInt(i) * periodFs + (BigInt(c) * periodFs) / BigInt(cpus);
      steps.push({ begin: true, cpu: c, startFs });
    }
    for (let c = 0; c < cpus; c++) {
      const startFs = BigInt(i) * periodFs + (BigInt(c) * periodFs) / BigInt(cpus);
      const endFs = startFs + durationFs;
      const trueNs = endFs / 1_000_000n;
      steps.push({
        begin: false,
        read: {
          cpu: c,
          startFs,
          endFs,
          clock: 'monotonic',
          valueNs: trueNs + BigInt((i * 7 + c) % 5),
          trueNs,
          epoch: 0,
        },
      });
    }
  }
  // the machine reports in time order: begins at their start, completions at their end
  const at = (s: Step): bigint => (s.begin ? s.startFs : s.read.endFs);
  return steps.sort((a, b) => {
    const d = at(a) - at(b);
    return d < 0n ? -1 : d > 0n ? 1 : a.begin === b.begin ? 0 : a.begin ? 1 : -1;
  });
}

function run(cpus: number, reads: number): Record<string, number> {
  const steps = workload(cpus, reads);
  const mono = new MonotonicityChecker();
  const acc = new AccuracyChecker();
  let n = 0;
  const t0 = performance.now();
  for (const s of steps) {
    if (s.begin) mono.begin(s.cpu, s.startFs);
    else {
      mono.observe(s.read);
      acc.observe(s.read);
      n++;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  if (mono.verdict().reads !== n) throw new Error('checker lost reads');
  return {
    cpus,
    reads: n,
    seconds,
    readsPerSecond: Math.round(n / seconds),
    retained: mono.retainedEntries,
  };
}

function runAll(cpus: number, reads: number): Record<string, number> {
  const steps = workload(cpus, reads);
  const checkers = new RunCheckers();
  let n = 0;
  const t0 = performance.now();
  for (const s of steps) {
    if (s.begin) checkers.begin(s.cpu, s.startFs);
    else {
      const { cpu, startFs, endFs } = s.read;
      checkers.observeKernel({ kind: 'get_counter', cpu, startFs, endFs, writer: false });
      for (let i = 0; i < 3; i++)
        checkers.observeKernel({ kind: 'cmpxchg', cpu, atFs: endFs, ok: i === 2 });
      checkers.observeRead(s.read);
      n++;
    }
  }
  const verdict = checkers.verdict();
  const seconds = (performance.now() - t0) / 1000;
  if (verdict.reads !== n || verdict.accuracy.reads !== n) throw new Error('checkers lost reads');
  return { cpus, reads: n, seconds, readsPerSecond: Math.round(n / seconds) };
}

export async function bench(): Promise<Record<string, unknown>> {
  run(4, 20_000); // warm-up
  runAll(4, 20_000);
  return {
    cpus4: run(4, 400_000),
    cpus512: run(512, 400_000),
    all4: runAll(4, 400_000),
    all512: runAll(512, 400_000),
  };
}
