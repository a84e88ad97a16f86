// SPDX-License-Identifier: GPL-2.0-only
/**
 * The arithmetic of an interpolator as registered (kernel/timer.c, register_time_interpolator):
 * `nsec_per_cyc = (NSEC_PER_SEC << shift) / frequency`, truncated, and what the truncation costs;
 * the tuning step; how long a carried second takes to drain; and the leap of a read whose counter
 * is behind `last_counter`. Integer arithmetic only: fractions are printed as exact decimals.
 */
import { shr64, wrap64 } from '../../interpolator/c.js';

const NSEC_PER_SEC = 1_000_000_000n;
const NS_PER_DAY = 86_400n * NSEC_PER_SEC;

export interface ArithInput {
  readonly frequencyHz: bigint;
  readonly shift: bigint;
  readonly mask: bigint;
  /** nsec_per_cyc as the kernel computed it */
  readonly nsecPerCyc: bigint;
  readonly hz: bigint;
  /** cycles the counter is behind last_counter, for the leap */
  readonly behindCycles: bigint;
}

export interface Arith {
  readonly numerator: bigint;
  readonly nsecPerCyc: bigint;
  readonly remainder: bigint;
  /** ns the interpolated clock gives out per true second, and loses, × 2^shift to stay exact */
  readonly lossNsPerSecScaled: bigint;
  readonly lossText: string;
  readonly ppmText: string;
  /** ppm one unit of nsec_per_cyc is worth */
  readonly unitPpmText: string;
  readonly tuningPeriodText: string;
  readonly drainSecondText: string;
  readonly leapNs: bigint;
  readonly leapDaysText: string;
  /** the tuning round in which a carried second is drained, rule 1 taking 1 at each, and the minutes it takes */
  readonly drainRounds: number;
  readonly drainMinutesText: string;
}

/** Rounds considered at most for the drain with tuning (a second drains in tens of them). */
const MAX_DRAIN_ROUNDS = 100_000;

interface Drain {
  /** the round in which the second is drained, from 1 */
  readonly rounds: number;
  /** the time it takes, in s × 65536 × rate of the last round (exact: divide to print) */
  readonly timeNum: bigint;
  readonly timeDen: bigint;
}

/**
 * How long a carried second takes to drain when, at every round end while the offset lasts,
 * rule 1 takes 1 from nsec_per_cyc: in round i the clock loses (numerator − (nsec_per_cyc − i) ×
 * f) / 2^shift ns per true second, for 65536 / HZ s. The second is taken to arrive as a round
 * starts; it is gone part way through the last round.
 */
function drain(a: ArithInput, numerator: bigint): Drain {
  // ns × 2^shift × HZ: one round at loss rate r drains 65536 × r of them
  const target = NSEC_PER_SEC * (1n << a.shift) * a.hz;
  let drained = 0n;
  for (let i = 0; i < MAX_DRAIN_ROUNDS; i++) {
    const p = a.nsecPerCyc - BigInt(i);
    const rate = numerator - p * a.frequencyHz;
    if (p <= 0n) return { rounds: i, timeNum: BigInt(i) * 65_536n, timeDen: a.hz };
    if (drained + 65_536n * rate >= target)
      return {
        rounds: i + 1,
        timeNum: BigInt(i) * 65_536n * rate + (target - drained),
        timeDen: rate * a.hz,
      };
    drained += 65_536n * rate;
  }
  return { rounds: MAX_DRAIN_ROUNDS, timeNum: BigInt(MAX_DRAIN_ROUNDS) * 65_536n, timeDen: a.hz };
}

/** `num / den` as a decimal with `digits` decimals, truncated. */
export function decimal(num: bigint, den: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const q = (num * scale) / den;
  const whole = q / scale;
  if (digits === 0) return whole.toString();
  return `${whole}.${(q % scale).toString().padStart(digits, '0')}`;
}

export function arith(a: ArithInput): Arith {
  const numerator = NSEC_PER_SEC << a.shift;
  const remainder = numerator - a.nsecPerCyc * a.frequencyHz;
  const scale = 1n << a.shift;
  // ns lost per true second = (numerator − nsec_per_cyc × f) / 2^shift
  const lossScaled = remainder;
  const ppm = decimal(lossScaled, scale * 1000n, 3);
  const unitPpm = decimal(a.frequencyHz * 1_000_000n, numerator, 3);
  const d = drain(a, numerator);
  const leapNs = shr64(wrap64((wrap64(-a.behindCycles) & a.mask) * a.nsecPerCyc), a.shift, 'ia64');
  return {
    numerator,
    nsecPerCyc: a.nsecPerCyc,
    remainder,
    lossNsPerSecScaled: lossScaled,
    lossText: decimal(lossScaled, scale, 3),
    ppmText: ppm,
    unitPpmText: unitPpm,
    tuningPeriodText: decimal(65_536n, a.hz, 3),
    drainSecondText:
      lossScaled === 0n ? 'never' : decimal(NSEC_PER_SEC * scale, lossScaled * 3600n, 1),
    leapNs,
    leapDaysText: decimal(leapNs, NS_PER_DAY, 1),
    drainRounds: d.rounds,
    drainMinutesText: decimal(d.timeNum, d.timeDen * 60n, 1),
  };
}

/** `2^n ≤ v < 2^(n+1)` for v > 0. */
export function powerOfTwo(v: bigint): string {
  if (v <= 0n) return 'none';
  const n = v.toString(2).length - 1;
  return v === 1n << BigInt(n) ? `exactly 2^${n}` : `2^${n} < leap < 2^${n + 1}`;
}

export function arithLines(a: ArithInput, r: Arith): string[] {
  return [
    `frequency = ${a.frequencyHz} Hz, shift = ${a.shift}, HZ = ${a.hz}`,
    `nsec_per_cyc = (NSEC_PER_SEC << shift) / frequency = ${r.numerator} / ${a.frequencyHz} = ${r.nsecPerCyc} (remainder ${r.remainder}, dropped)`,
    `per true second the clock gives out nsec_per_cyc × frequency >> shift: ${r.lossText} ns less than 1 s, ${r.ppmText} ppm slow`,
    `one unit of nsec_per_cyc is ${r.unitPpmText} ppm of the clock's rate`,
    `tuning looks at skips and offset every 65536 jiffies = ${r.tuningPeriodText} s`,
    r.lossNsPerSecScaled === 0n
      ? 'a carried second of offset never drains at this rate: the clock gives out exactly 1 s per true second'
      : `a carried second of offset drains at ${r.lossText} ns per second: in ${r.drainSecondText} hours`,
    `with tuning taking 1 from nsec_per_cyc at every round while it lasts: in ${r.drainMinutesText} minutes, part way through round ${r.drainRounds}`,
    `a counter ${a.behindCycles} cycle${a.behindCycles === 1n ? '' : 's'} behind last_counter: ((counter − last_counter) & mask) × nsec_per_cyc >> shift = ${r.leapNs} ns = ${r.leapDaysText} days ahead (${powerOfTwo(r.leapNs)})`,
  ];
}
