// SPDX-License-Identifier: GPL-2.0-only
/**
 * Exact values of a loaded scenario written back in the file's units (docs/scenario.md, "Values"):
 * the largest unit that keeps the value exact, so 250 ms is `250ms`, not `250000000000000fs`.
 */
import type { DistSpec } from '../base/distribution.js';
import type { Rational } from '../base/rational.js';
import type { Range } from '../base/values.js';

/** fs per unit, largest first; min, h and d are left out (a reader checks seconds more easily). */
const DURATION_UNITS: readonly (readonly [string, bigint])[] = [
  ['s', 1_000_000_000_000_000n],
  ['ms', 1_000_000_000_000n],
  ['us', 1_000_000_000n],
  ['ns', 1_000_000n],
  ['ps', 1_000n],
  ['fs', 1n],
];

/** A duration in fs as `<integer><unit>` with the largest unit that divides it; 0 is `0`. */
export function durationText(fs: bigint): string | 0 {
  if (fs === 0n) return 0;
  const abs = fs < 0n ? -fs : fs;
  const sign = fs < 0n ? '-' : '';
  for (const [unit, perUnit] of DURATION_UNITS) {
    if (abs % perUnit === 0n) return `${sign}${abs / perUnit}${unit}`;
  }
  return `${fs}fs`;
}

/** A duration in whole ns (a wall time, an adjtime delta) as a duration text. */
export const nsText = (ns: bigint): string | 0 => durationText(ns * 1_000_000n);

/** A bigint as a plain YAML number when it is exact there (below 2^53), else a decimal string. */
export function intValue(v: bigint): number | string {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v.toString();
}

/** An address or mask as a `0x` string. */
export const hexText = (v: bigint): string => `0x${v.toString(16)}`;

/**
 * The exact decimal of `r` (`num/den` with den = 2^a·5^b), or undefined when it has none:
 * scaled by 10^k for the smallest k that makes it whole.
 */
export function decimalText(r: Rational): string | undefined {
  let den = r.den;
  let scale = 0;
  let num = r.num;
  while (den !== 1n) {
    if (den % 10n === 0n) den /= 10n;
    else if (den % 2n === 0n) {
      den /= 2n;
      num *= 5n;
    } else if (den % 5n === 0n) {
      den /= 5n;
      num *= 2n;
    } else return undefined;
    scale++;
  }
  return scaledText(num, scale);
}

/** `num / 10^scale` as a decimal text without trailing zeros. */
function scaledText(num: bigint, scale: number): string {
  const sign = num < 0n ? '-' : '';
  const digits = (num < 0n ? -num : num).toString().padStart(scale + 1, '0');
  if (scale === 0) return `${sign}${digits}`;
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

const FREQUENCY_UNITS: readonly (readonly [string, number])[] = [
  ['GHz', 9],
  ['MHz', 6],
  ['kHz', 3],
];

/**
 * A frequency in Hz as `<decimal><unit>` (`14.31818MHz`), the unit the largest one the value
 * reaches; undefined when the Rational has no exact decimal (a frequency file text must be one).
 */
export function frequencyText(hz: Rational): string | undefined {
  const text = decimalText(hz);
  if (text === undefined) return undefined;
  for (const [unit, exponent] of FREQUENCY_UNITS) {
    if (hz.num >= 10n ** BigInt(exponent) * hz.den) {
      return `${decimalText({ num: hz.num, den: hz.den * 10n ** BigInt(exponent) })}${unit}`;
    }
  }
  return `${text}Hz`;
}

/** `frequencyText`, or a RangeError naming `what` when the frequency has no exact decimal. */
export function frequencyEntry(hz: Rational, what: string): string {
  const text = frequencyText(hz);
  if (text === undefined) {
    throw new RangeError(`${what}: frequency ${hz.num}/${hz.den} Hz has no exact decimal`);
  }
  return text;
}

/** ppm as a plain number when whole and exact in a double, else an exact decimal string. */
export function ppmValue(r: Rational): number | string {
  const text = decimalText(r);
  if (text === undefined) throw new RangeError(`ppm ${r.num}/${r.den} has no exact decimal`);
  return r.den === 1n ? intValue(r.num) : text;
}

/** A distribution in the file's forms, each value written by `value`. */
export function distValue<V>(spec: DistSpec, value: (v: bigint) => V): V | Record<string, unknown> {
  switch (spec.kind) {
    case 'constant':
      return value(spec.value);
    case 'uniform':
      return { uniform: [value(spec.min), value(spec.max)] };
    case 'exponential':
      return { exponential: value(spec.mean) };
    case 'normal':
      return { normal: { mean: value(spec.mean), sd: value(spec.sd) } };
    case 'choice':
      return { choice: spec.values.map(value) };
  }
}

/** A range: a bare value when only `max` is given (the file's shorthand), else `{min, max}`. */
export function rangeValue<V>(r: Range<bigint>, value: (v: bigint) => V): V | Record<string, V> {
  if (r.min === undefined && r.max !== undefined) return value(r.max);
  const out: Record<string, V> = {};
  if (r.min !== undefined) out.min = value(r.min);
  if (r.max !== undefined) out.max = value(r.max);
  return out;
}
