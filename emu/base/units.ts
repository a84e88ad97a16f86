// SPDX-License-Identifier: GPL-2.0-only
/**
 * Exact parsing and printing of the scenario file's values (docs/scenario.md, "Values"):
 * durations in integer femtoseconds, frequencies and ppm as rationals. No floating point: a
 * decimal string is read as digits and a power of ten, so "14.31818MHz" is 1431818/100 MHz exactly.
 */
import { MAX_DECIMALS } from './limits.js';
import { floor, type Rational, rational } from './rational.js';
import { FS_PER_MS, FS_PER_NS, FS_PER_PS, FS_PER_S, FS_PER_US } from './time.js';

export class UnitError extends Error {
  override name = 'UnitError';
}

const DURATION_UNITS_FS: Readonly<Record<string, bigint>> = {
  fs: 1n,
  ps: FS_PER_PS,
  ns: FS_PER_NS,
  us: FS_PER_US,
  µs: FS_PER_US, // U+00B5 MICRO SIGN
  μs: FS_PER_US, // U+03BC GREEK SMALL LETTER MU, which some keyboards produce
  ms: FS_PER_MS,
  s: FS_PER_S,
  min: 60n * FS_PER_S,
  h: 3_600n * FS_PER_S,
  d: 86_400n * FS_PER_S,
};

const FREQUENCY_UNITS_HZ: Readonly<Record<string, bigint>> = {
  Hz: 1n,
  kHz: 1_000n,
  MHz: 1_000_000n,
  GHz: 1_000_000_000n,
};

/** A decimal number as sign · digits / 10^scale. */
interface Decimal {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly scale: number;
}

const NUMBER_WITH_UNIT = /^([+-]?)(\d+)(?:\.(\d+))?\s*([^\d\s.+-][^\s]*)?$/;
// The integer part and the fraction do not overlap, so a long run of digits is read in linear
// time (`\d+\.?\d*` backtracks quadratically: 8 s on a 100 000-digit value).
const SCIENTIFIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+/;

function splitNumber(text: string, what: string): { decimal: Decimal; unit: string | undefined } {
  const trimmed = text.trim();
  if (SCIENTIFIC.test(trimmed)) {
    throw new UnitError(
      `${what}: scientific notation is not accepted, write the decimal digits: "${text}"`,
    );
  }
  const m = NUMBER_WITH_UNIT.exec(trimmed);
  if (m === null) throw new UnitError(`${what}: not a decimal number with a unit: "${text}"`);
  const frac = m[3] ?? '';
  checkDecimals(frac.length, what, text);
  return {
    decimal: { negative: m[1] === '-', digits: BigInt(m[2]! + frac), scale: frac.length },
    unit: m[4],
  };
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function checkDecimals(scale: number, what: string, text: string): void {
  if (scale > MAX_DECIMALS) {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    throw new UnitError(`${what}: at most ${MAX_DECIMALS} decimal places: "${shown}"`);
  }
}

function durationFs(text: string, what: string): bigint {
  if (typeof text !== 'string') throw new UnitError(`${what}: expected a string such as "1.2us"`);
  const { decimal, unit } = splitNumber(text, what);
  if (unit === undefined) {
    if (decimal.digits === 0n) return 0n;
    throw new UnitError(`${what}: a unit is required (fs ps ns us ms s min h d): "${text}"`);
  }
  // own keys only: "toString", "constructor" … are inherited by every object
  const unitFs = Object.hasOwn(DURATION_UNITS_FS, unit) ? DURATION_UNITS_FS[unit] : undefined;
  if (unitFs === undefined) {
    throw new UnitError(`${what}: unknown unit "${unit}" (fs ps ns us µs ms s min h d): "${text}"`);
  }
  const scaled = decimal.digits * unitFs;
  const den = pow10(decimal.scale);
  if (scaled % den !== 0n) {
    throw new UnitError(`${what}: not a whole number of femtoseconds: "${text}"`);
  }
  const fs = scaled / den;
  return decimal.negative ? -fs : fs;
}

/** A non-negative duration ("1.2us", "250ms", "30d", "0") in femtoseconds. */
export function parseDurationFs(text: string): bigint {
  const fs = durationFs(text, 'duration');
  if (fs < 0n) throw new UnitError(`duration: must not be negative: "${text}"`);
  return fs;
}

/** A duration that may be negative ("-3ns", "+2us"), in femtoseconds. */
export function parseSignedDurationFs(text: string): bigint {
  return durationFs(text, 'signed duration');
}

/** A positive frequency ("14.31818MHz", "1.5GHz", "3579545Hz"), exact. */
export function parseFrequencyHz(text: string): Rational {
  if (typeof text !== 'string') {
    throw new UnitError('frequency: expected a string such as "14.31818MHz"');
  }
  const { decimal, unit } = splitNumber(text, 'frequency');
  if (unit === undefined) {
    throw new UnitError(`frequency: a unit is required (Hz kHz MHz GHz): "${text}"`);
  }
  const unitHz = Object.hasOwn(FREQUENCY_UNITS_HZ, unit) ? FREQUENCY_UNITS_HZ[unit] : undefined;
  if (unitHz === undefined) {
    throw new UnitError(`frequency: unknown unit "${unit}" (Hz kHz MHz GHz): "${text}"`);
  }
  if (decimal.negative || decimal.digits === 0n) {
    throw new UnitError(`frequency: must be positive: "${text}"`);
  }
  return rational(decimal.digits * unitHz, pow10(decimal.scale));
}

/**
 * Parts per million as an exact decimal: a string ("0.01", "-250", "40ppm") or a number as YAML
 * parsed it. A number is taken by its shortest round-trip decimal form (what the author wrote), so
 * `0.1` is exactly 1/10; exponent forms that JavaScript prints for small numbers (1e-7) are
 * accepted for numbers only, since the author's text is lost.
 */
export function parsePpm(value: string | number): Rational {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnitError(`ppm: not a finite number: ${value}`);
    const text = String(value);
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
    if (m === null) throw new UnitError(`ppm: cannot read ${text} exactly`);
    const frac = m[3] ?? '';
    const scale = frac.length - Number(m[4] ?? '0');
    checkDecimals(scale, 'ppm', text);
    const digits = BigInt(m[2]! + frac);
    const signed = m[1] === '-' ? -digits : digits;
    return scale >= 0 ? rational(signed, pow10(scale)) : rational(signed * pow10(-scale));
  }
  if (typeof value !== 'string') throw new UnitError('ppm: expected a decimal number');
  const { decimal, unit } = splitNumber(value, 'ppm');
  if (unit !== undefined && unit !== 'ppm') {
    throw new UnitError(`ppm: unexpected unit "${unit}": "${value}"`);
  }
  return rational(decimal.negative ? -decimal.digits : decimal.digits, pow10(decimal.scale));
}

/**
 * `n / unit` as a terminating decimal string, or undefined when it does not terminate or needs
 * more than `maxScale` decimals.
 */
function exactDecimal(n: bigint, unit: bigint, maxScale = 18): string | undefined {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let scale = 0;
  let num = abs;
  while (num % unit !== 0n) {
    if (scale === maxScale) return undefined;
    num *= 10n;
    scale++;
  }
  const digits = (num / unit).toString().padStart(scale + 1, '0');
  const text =
    scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/**
 * Shortest form wins; among equals, a form with a non-zero integer part ("250ms", not "0.25s"),
 * then the one listed first (the larger unit).
 */
function shortest(candidates: readonly (string | undefined)[]): string | undefined {
  const rank = (c: string): number => c.length * 2 + (/^-?0\./.test(c) ? 1 : 0);
  let best: string | undefined;
  for (const c of candidates) {
    if (c !== undefined && (best === undefined || rank(c) < rank(best))) best = c;
  }
  return best;
}

const FORMAT_DURATION_UNITS: readonly (readonly [string, bigint])[] = [
  ['d', DURATION_UNITS_FS.d!],
  ['h', DURATION_UNITS_FS.h!],
  ['min', DURATION_UNITS_FS.min!],
  ['s', FS_PER_S],
  ['ms', FS_PER_MS],
  ['us', FS_PER_US],
  ['ns', FS_PER_NS],
  ['ps', FS_PER_PS],
  ['fs', 1n],
];

/**
 * The shortest exact form that `parseSignedDurationFs` reads back to the same value ("1.2us",
 * "250ms", "30d", "0"); ties go to the larger unit. Always ASCII ("us", never "µs").
 */
export function formatDurationFs(fs: bigint): string {
  if (fs === 0n) return '0';
  return shortest(
    FORMAT_DURATION_UNITS.map(([name, unitFs]) => {
      const d = exactDecimal(fs, unitFs);
      return d === undefined ? undefined : `${d}${name}`;
    }),
  )!;
}

const FORMAT_FREQUENCY_UNITS: readonly (readonly [string, bigint])[] = [
  ['GHz', 1_000_000_000n],
  ['MHz', 1_000_000n],
  ['kHz', 1_000n],
  ['Hz', 1n],
];

/** Significant digits of the approximate form of a frequency that is no terminating decimal. */
const APPROX_DIGITS = 10;

/**
 * A frequency for reports. A terminating decimal prints exactly in the unit that puts one to three
 * digits before the point ("14.31818MHz", "1.5GHz"), which `parseFrequencyHz` reads back. Any
 * other rational (e.g. 10^15/69841279 Hz from an HPET period) prints as "≈" and its value rounded
 * half up to 10 significant digits ("≈14.31818000MHz"), computed on integers.
 */
export function formatFrequency(hz: Rational): string {
  const negative = hz.num < 0n;
  const absNum = negative ? -hz.num : hz.num;
  const sign = negative ? '-' : '';
  const [unitName, unitHz] =
    FORMAT_FREQUENCY_UNITS.find(([, u]) => absNum >= u * hz.den) ?? FORMAT_FREQUENCY_UNITS[3]!;
  const exact = exactDecimal(absNum, hz.den * unitHz);
  if (exact !== undefined) return `${sign}${exact}${unitName}`;
  const intDigits = floor(rational(absNum, hz.den * unitHz)).toString().length;
  const scale = Math.max(0, APPROX_DIGITS - intDigits);
  const scaled = (absNum * pow10(scale) * 2n + hz.den * unitHz) / (2n * hz.den * unitHz);
  const digits = scaled.toString().padStart(scale + 1, '0');
  const text =
    scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(-scale)}`;
  return `≈${sign}${text}${unitName}`;
}

/** The period of a frequency, 10^15 / f femtoseconds, exact. */
export function periodFsOf(hz: Rational): Rational {
  if (hz.num <= 0n) throw new RangeError('periodFsOf: frequency must be positive');
  return rational(FS_PER_S * hz.den, hz.num);
}

/** The frequency of a period in femtoseconds, 10^15 / periodFs Hz, exact. */
export function frequencyOfPeriodFs(periodFs: bigint): Rational {
  if (periodFs <= 0n) throw new RangeError('frequencyOfPeriodFs: period must be positive');
  return rational(FS_PER_S, periodFs);
}
