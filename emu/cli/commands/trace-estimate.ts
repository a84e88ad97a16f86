// SPDX-License-Identifier: GPL-2.0-only
/**
 * The size a trace or VCD file may reach, estimated before the run from the workload's rates
 * (docs/outputs.md, "Size warning"): reads per CPU from each reader group's mean think time plus
 * a read's typical cost, times bytes per read for what the file holds. A rough figure for a
 * warning, not a bound.
 */
import type { DistSpec } from '../../base/distribution.js';
import type { Scenario } from '../../scenario/types.js';
import type { TraceFilter } from '../../trace/filter.js';

/** A read's typical cost in the model (a few hundred ns to 1 µs), fs. */
const READ_COST_FS = 1_000_000_000n;
/**
 * Bytes the default records make per read (its read and get_counter records, with the updates and
 * stalls between reads: 267–301 in 20 ms of hpet-basic, itc-jitter-smp and livelock-2.6.13), and
 * the executor records a read makes (about 40 operations).
 */
const READ_RECORD_BYTES = 270n;
const OPS_PER_READ_BYTES = 40n * 160n;
/**
 * VCD bytes a read makes: its returned time and error, in_syscall and stalled, the counter read,
 * the interpolator's stores (format 2 with the per-CPU signals, 20 ms runs: hpet-basic 162,
 * itc-jitter-smp 159; livelock-2.6.13, whose reads go round the cmpxchg loop, 265).
 */
const VCD_PER_READ_BYTES = 160n;

/** Above this, `run` warns on stderr before it starts. */
export const SIZE_WARNING_BYTES = 200_000_000n;

function meanFs(d: DistSpec): bigint {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2n;
    case 'choice':
      return d.values.reduce((a, b) => a + b, 0n) / BigInt(Math.max(1, d.values.length));
    default:
      return d.mean;
  }
}

/** Expected reads of the run within [fromFs, toFs) on the chosen CPUs. */
export function expectedReads(s: Scenario, durationFs: bigint, f: Partial<TraceFilter>): bigint {
  const from = f.fromFs ?? 0n;
  const to = f.toFs !== undefined && f.toFs < durationFs ? f.toFs : durationFs;
  if (to <= from) return 0n;
  let reads = 0n;
  for (const g of s.workload) {
    const cpus = BigInt(g.cpus.filter((c) => f.cpus === undefined || f.cpus.has(c)).length);
    const perCpu = (to - from) / (meanFs(g.intervalFs) + READ_COST_FS);
    reads += cpus * (g.count === undefined || BigInt(g.count) > perCpu ? perCpu : BigInt(g.count));
  }
  return reads;
}

export function estimateTraceBytes(s: Scenario, durationFs: bigint, f: TraceFilter): bigint {
  const perRead =
    (f.kinds.has('read') ? READ_RECORD_BYTES : 0n) + (f.kinds.has('op') ? OPS_PER_READ_BYTES : 0n);
  return expectedReads(s, durationFs, f) * perRead;
}

export function estimateVcdBytes(s: Scenario, durationFs: bigint): bigint {
  return expectedReads(s, durationFs, {}) * VCD_PER_READ_BYTES;
}

/** `1.4 GB`, `180 MB`: decimal units for a warning. */
export function bytesText(n: bigint): string {
  const units: [string, bigint][] = [
    ['GB', 1_000_000_000n],
    ['MB', 1_000_000n],
    ['kB', 1_000n],
  ];
  for (const [name, u] of units) if (n >= u) return `${(Number(n) / Number(u)).toFixed(1)} ${name}`;
  return `${n} B`;
}
