// SPDX-License-Identifier: GPL-2.0-only
/**
 * Accuracy: the error of each read, kernel time − true time (`valueNs − trueNs`, integer ns),
 * summarised over all reads and per CPU. Sums are exact bigints; the RMS and the mean are the only
 * floats, computed when the verdict is taken. Quantiles of |error| come from a `Histogram`
 * (exact below 256 ns, otherwise within +0.79 %, never under).
 */
import { CpuTable } from './cpu-table.js';
import { Histogram } from './histogram.js';
import type { ClockRead } from './types.js';

export interface ErrorStats {
  readonly reads: number;
  readonly minErrorNs: bigint;
  readonly maxErrorNs: bigint;
  readonly maxAbsErrorNs: bigint;
  /** exact Σ error and Σ error² */
  readonly sumErrorNs: bigint;
  readonly sumSquaresNs2: bigint;
  /** floats, for reports only */
  readonly meanErrorNs: number;
  readonly rmsErrorNs: number;
  /** nearest-rank quantiles of |error|, as histogram bucket upper bounds */
  readonly p50AbsErrorNs: bigint;
  readonly p99AbsErrorNs: bigint;
}

export interface AccuracyVerdict extends ErrorStats {
  /** one entry per CPU that read, in CPU order */
  readonly perCpu: readonly (ErrorStats & { readonly cpu: number })[];
}

/** Below this |error| (2^26) a read takes the Number path: its square is below 2^52, exact. */
const SMALL_NS = 2 ** 26;
/** Number partial sums are folded into the bigint sums before they could reach 2^53. */
const FOLD = 2 ** 52;

class ErrorAccumulator {
  private reads = 0;
  /** extremes of the errors that took the Number path (±Infinity when none) */
  private minSmallNs = Number.POSITIVE_INFINITY;
  private maxSmallNs = Number.NEGATIVE_INFINITY;
  /** extremes of the others */
  private minBigNs: bigint | undefined = undefined;
  private maxBigNs: bigint | undefined = undefined;
  /** Σ error and Σ error² = the bigint sum + the Number partial sum, each exact */
  private sum = 0n;
  private sumSquares = 0n;
  private partialSum = 0;
  private partialSquares = 0;
  private readonly histogram = new Histogram();

  add(errorNs: bigint): void {
    this.reads++;
    const e = Number(errorNs);
    if (e < SMALL_NS && e > -SMALL_NS) this.addSmall(e);
    else this.addBig(errorNs);
  }

  /** An error on the Number path (|e| < SMALL_NS). */
  private addSmall(e: number): void {
    if (e < this.minSmallNs) this.minSmallNs = e;
    if (e > this.maxSmallNs) this.maxSmallNs = e;
    if (this.partialSquares >= FOLD || this.partialSum >= FOLD || this.partialSum <= -FOLD)
      this.fold();
    this.partialSum += e;
    this.partialSquares += e * e;
    this.histogram.addNumber(e < 0 ? -e : e);
  }

  private addBig(errorNs: bigint): void {
    if (this.minBigNs === undefined || errorNs < this.minBigNs) this.minBigNs = errorNs;
    if (this.maxBigNs === undefined || errorNs > this.maxBigNs) this.maxBigNs = errorNs;
    this.sum += errorNs;
    this.sumSquares += errorNs * errorNs;
    this.histogram.add(errorNs < 0n ? -errorNs : errorNs);
  }

  /** Adds the reads of `other`. */
  merge(other: ErrorAccumulator): void {
    this.reads += other.reads;
    this.minSmallNs = Math.min(this.minSmallNs, other.minSmallNs);
    this.maxSmallNs = Math.max(this.maxSmallNs, other.maxSmallNs);
    const { minBigNs, maxBigNs } = other;
    if (minBigNs !== undefined && (this.minBigNs === undefined || minBigNs < this.minBigNs))
      this.minBigNs = minBigNs;
    if (maxBigNs !== undefined && (this.maxBigNs === undefined || maxBigNs > this.maxBigNs))
      this.maxBigNs = maxBigNs;
    this.sum += other.sum + BigInt(other.partialSum);
    this.sumSquares += other.sumSquares + BigInt(other.partialSquares);
    this.histogram.addAll(other.histogram);
  }

  stats(): ErrorStats {
    const n = this.reads;
    this.fold();
    let min = this.minBigNs;
    let max = this.maxBigNs;
    if (this.minSmallNs <= this.maxSmallNs) {
      const minSmall = BigInt(this.minSmallNs);
      const maxSmall = BigInt(this.maxSmallNs);
      if (min === undefined || minSmall < min) min = minSmall;
      if (max === undefined || maxSmall > max) max = maxSmall;
    }
    min ??= 0n;
    max ??= 0n;
    let maxAbs = max;
    if (-min > maxAbs) maxAbs = -min;
    return {
      reads: n,
      minErrorNs: min,
      maxErrorNs: max,
      maxAbsErrorNs: maxAbs,
      sumErrorNs: this.sum,
      sumSquaresNs2: this.sumSquares,
      meanErrorNs: n === 0 ? 0 : ratio(this.sum, n),
      rmsErrorNs: n === 0 ? 0 : Math.sqrt(ratio(this.sumSquares, n)),
      p50AbsErrorNs: this.histogram.quantile(50, 100),
      p99AbsErrorNs: this.histogram.quantile(99, 100),
    };
  }

  private fold(): void {
    this.sum += BigInt(this.partialSum);
    this.sumSquares += BigInt(this.partialSquares);
    this.partialSum = 0;
    this.partialSquares = 0;
  }
}

/** sum / n as a float, keeping precision when the sum exceeds 2^53. */
function ratio(sum: bigint, n: number): number {
  const whole = sum / BigInt(n);
  return Number(whole) + Number(sum - whole * BigInt(n)) / n;
}

export class AccuracyChecker {
  private readonly byCpu = new CpuTable<ErrorAccumulator>();

  observe(read: ClockRead): void {
    let cpu = this.byCpu.get(read.cpu);
    if (cpu === undefined) {
      cpu = new ErrorAccumulator();
      this.byCpu.set(read.cpu, cpu);
    }
    cpu.add(read.valueNs - read.trueNs);
  }

  /** The totals over all reads are those of the CPUs' accumulators merged. */
  verdict(): AccuracyVerdict {
    const byCpu = this.byCpu.sorted();
    const all = new ErrorAccumulator();
    for (const [, acc] of byCpu) all.merge(acc);
    const perCpu = byCpu.map(([cpu, acc]) => ({ cpu, ...acc.stats() }));
    return { ...all.stats(), perCpu };
  }
}
