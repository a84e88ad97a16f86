/**
 * Accuracy: the error of each read, kernel time − true time (`valueNs − trueNs`, integer ns),
 * summarised over all reads and per CPU. Sums are exact bigints; the RMS and the mean are the only
 * floats, computed when the verdict is taken. Quantiles of |error| come from a `Histogram`
 * (exact below 256 ns, otherwise within +0.79 %, never under).
 */
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

class ErrorAccumulator {
  private reads = 0;
  private min = 0n;
  private max = 0n;
  private sum = 0n;
  private sumSquares = 0n;
  private readonly histogram = new Histogram();

  add(errorNs: bigint): void {
    if (this.reads === 0 || errorNs < this.min) this.min = errorNs;
    if (this.reads === 0 || errorNs > this.max) this.max = errorNs;
    this.reads++;
    this.sum += errorNs;
    this.sumSquares += errorNs * errorNs;
    this.histogram.add(errorNs < 0n ? -errorNs : errorNs);
  }

  stats(): ErrorStats {
    const n = this.reads;
    let maxAbs = this.max;
    if (-this.min > maxAbs) maxAbs = -this.min;
    return {
      reads: n,
      minErrorNs: this.min,
      maxErrorNs: this.max,
      maxAbsErrorNs: maxAbs,
      sumErrorNs: this.sum,
      sumSquaresNs2: this.sumSquares,
      meanErrorNs: n === 0 ? 0 : ratio(this.sum, n),
      rmsErrorNs: n === 0 ? 0 : Math.sqrt(ratio(this.sumSquares, n)),
      p50AbsErrorNs: this.histogram.quantile(50, 100),
      p99AbsErrorNs: this.histogram.quantile(99, 100),
    };
  }
}

/** sum / n as a float, keeping precision when the sum exceeds 2^53. */
function ratio(sum: bigint, n: number): number {
  const whole = sum / BigInt(n);
  return Number(whole) + Number(sum - whole * BigInt(n)) / n;
}

export class AccuracyChecker {
  private readonly all = new ErrorAccumulator();
  private readonly byCpu = new Map<number, ErrorAccumulator>();

  observe(read: ClockRead): void {
    const errorNs = read.valueNs - read.trueNs;
    this.all.add(errorNs);
    let cpu = this.byCpu.get(read.cpu);
    if (cpu === undefined) {
      cpu = new ErrorAccumulator();
      this.byCpu.set(read.cpu, cpu);
    }
    cpu.add(errorNs);
  }

  verdict(): AccuracyVerdict {
    const perCpu = [...this.byCpu.entries()]
      .sort(([a], [b]) => a - b)
      .map(([cpu, acc]) => ({ cpu, ...acc.stats() }));
    return { ...this.all.stats(), perCpu };
  }
}
