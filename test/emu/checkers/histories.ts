// SPDX-License-Identifier: GPL-2.0-only
/** Random read histories and brute-force O(n²) models of the checkers, for the property tests. */
import { maxFs, minFs } from '../../../emu/base/time.js';
import { bucketIndex, bucketUpperBound } from '../../../emu/checkers/histogram.js';
import type { ClockRead } from '../../../emu/checkers/types.js';
import { fc } from '../../property-test.js';

const clockArb = fc.constantFrom<ClockRead['clock']>('realtime', 'monotonic');

/** Small ranges, so that same-instant, touching and overlapping reads and equal values are common. */
const partArb = fc.record({
  cpu: fc.integer({ min: 0, max: 3 }),
  clock: clockArb,
  valueNs: fc.bigInt({ min: 0n, max: 12n }),
  trueNs: fc.bigInt({ min: 0n, max: 12n }),
  epoch: fc.integer({ min: 0, max: 1 }),
});

/** Reads with any intervals (even overlapping on one CPU), in completion order. */
export const anyHistoryArb = fc
  .array(
    fc.record({
      part: partArb,
      startFs: fc.bigInt({ min: 0n, max: 30n }),
      durationFs: fc.bigInt({ min: 0n, max: 6n }),
    }),
    { maxLength: 60 },
  )
  .map((xs) =>
    xs
      .map(({ part, startFs, durationFs }) => ({ ...part, startFs, endFs: startFs + durationFs }))
      .sort((a, b) => (a.endFs < b.endFs ? -1 : a.endFs > b.endFs ? 1 : 0)),
  );

export type Step = { kind: 'begin'; read: ClockRead } | { kind: 'observe'; read: ClockRead };

/**
 * Reads that are sequential on each CPU (as workload calls are), as the machine would report them:
 * each begun at its start and observed at its end, in time order, ties broken by `ties`.
 */
export const sequentialHistoryArb = fc
  .record({
    perCpu: fc.array(
      fc.array(
        fc.record({
          part: partArb,
          gapFs: fc.bigInt({ min: 0n, max: 5n }),
          durationFs: fc.bigInt({ min: 0n, max: 5n }),
        }),
        { maxLength: 15 },
      ),
      { minLength: 1, maxLength: 4 },
    ),
    ties: fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
  })
  .map(({ perCpu, ties }) => {
    const queues: Step[][] = perCpu.map((calls, cpu) => {
      let t = 0n;
      const steps: Step[] = [];
      for (const { part, gapFs, durationFs } of calls) {
        const read = { ...part, cpu, startFs: t + gapFs, endFs: t + gapFs + durationFs };
        t = read.endFs;
        steps.push({ kind: 'begin', read }, { kind: 'observe', read });
      }
      return steps;
    });
    const time = (s: Step): bigint => (s.kind === 'begin' ? s.read.startFs : s.read.endFs);
    const steps: Step[] = [];
    for (let k = 0; ; k++) {
      const heads = queues.filter((q) => q.length > 0);
      if (heads.length === 0) break;
      const minT = heads.map((q) => time(q[0]!)).reduce(minFs);
      const ready = heads.filter((q) => time(q[0]!) === minT);
      steps.push(ready[ties[k % ties.length]! % ready.length]!.shift()!);
    }
    return steps;
  });

const sameClock = (a: ClockRead, b: ClockRead): boolean =>
  a.clock === b.clock && (a.clock === 'monotonic' || a.epoch === b.epoch);

export function bruteMonotonicity(reads: readonly ClockRead[]) {
  let violations = 0;
  let maxBackwardStepNs = 0n;
  let first: { clock: string; earlier: ClockRead; later: ClockRead } | null = null;
  for (const b of reads) {
    let best: ClockRead | null = null;
    for (const a of reads) {
      if (sameClock(a, b) && a.endFs < b.startFs && (best === null || a.valueNs > best.valueNs)) {
        best = a;
      }
    }
    if (best !== null && best.valueNs > b.valueNs) {
      violations++;
      if (best.valueNs - b.valueNs > maxBackwardStepNs)
        maxBackwardStepNs = best.valueNs - b.valueNs;
      first ??= { clock: b.clock, earlier: best, later: b };
    }
  }
  const ref = (r: ClockRead) => ({
    cpu: r.cpu,
    startFs: r.startFs,
    endFs: r.endFs,
    valueNs: r.valueNs,
  });
  return {
    monotonic: violations === 0,
    reads: reads.length,
    violations,
    maxBackwardStepNs,
    firstCounterexample:
      first === null
        ? null
        : { clock: first.clock, earlier: ref(first.earlier), later: ref(first.later) },
  };
}

function bruteErrors(errors: readonly bigint[]) {
  const n = errors.length;
  const abs = errors.map((e) => (e < 0n ? -e : e)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const quantile = (p: number): bigint =>
    n === 0 ? 0n : bucketUpperBound(bucketIndex(abs[Math.max(1, Math.ceil((n * p) / 100)) - 1]!));
  const sum = errors.reduce((a, b) => a + b, 0n);
  const sumSquares = errors.reduce((a, b) => a + b * b, 0n);
  return {
    reads: n,
    minErrorNs: n === 0 ? 0n : errors.reduce(minFs),
    maxErrorNs: n === 0 ? 0n : errors.reduce(maxFs),
    maxAbsErrorNs: n === 0 ? 0n : abs[n - 1]!,
    sumErrorNs: sum,
    sumSquaresNs2: sumSquares,
    meanErrorNs: n === 0 ? 0 : Number(sum) / n,
    rmsErrorNs: n === 0 ? 0 : Math.sqrt(Number(sumSquares) / n),
    p50AbsErrorNs: quantile(50),
    p99AbsErrorNs: quantile(99),
  };
}

export function bruteAccuracy(reads: readonly ClockRead[]) {
  const cpus = [...new Set(reads.map((r) => r.cpu))].sort((a, b) => a - b);
  return {
    ...bruteErrors(reads.map((r) => r.valueNs - r.trueNs)),
    perCpu: cpus.map((cpu) => ({
      cpu,
      ...bruteErrors(reads.filter((r) => r.cpu === cpu).map((r) => r.valueNs - r.trueNs)),
    })),
  };
}

export function bruteStalls(reads: readonly ClockRead[]) {
  let maxStallFs = 0n;
  let longest: object | null = null;
  const perCpu = new Map<number, bigint>();
  reads.forEach((b, j) => {
    const key = reads.slice(0, j + 1).filter((r) => r.cpu === b.cpu && r.clock === b.clock);
    let i = key.length - 1;
    while (i > 0 && key[i - 1]!.valueNs === b.valueNs && sameClock(key[i - 1]!, b)) i--;
    const stallFs = b.startFs - key[i]!.startFs;
    perCpu.set(b.cpu, maxFs(stallFs, perCpu.get(b.cpu) ?? 0n));
    if (stallFs > maxStallFs) {
      maxStallFs = stallFs;
      longest = {
        cpu: b.cpu,
        clock: b.clock,
        valueNs: b.valueNs,
        fromFs: key[i]!.startFs,
        toFs: b.startFs,
        reads: key.length - i,
      };
    }
  });
  return {
    maxStallFs,
    longest,
    perCpu: [...perCpu.entries()]
      .sort(([a], [b]) => a - b)
      .map(([cpu, maxStallFs]) => ({ cpu, maxStallFs })),
  };
}

/**
 * CPU numbers 0–3 of a history renamed to numbers a per-CPU array cannot index (large, negative,
 * fractional) and one it can, so the checkers' per-CPU tables are held to the models for any number.
 */
const ODD_CPUS = [70_000, -1, 2.5, 3] as const;
export const withOddCpus = (r: ClockRead): ClockRead => ({ ...r, cpu: ODD_CPUS[r.cpu]! });
