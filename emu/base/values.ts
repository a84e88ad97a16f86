// SPDX-License-Identifier: GPL-2.0-only
/**
 * Schemas of the scenario file's value syntaxes (docs/scenario.md, "Values"): durations,
 * frequencies, ppm, 64-bit integers, distributions and expectation ranges. Each one accepts what a
 * user types (the JSON Schema for editors is generated from the input side) and transforms it into
 * an exact value: bigint femtoseconds, Rational, bigint, DistSpec.
 */
import { z } from 'zod';
import type { DistSpec } from './distribution.js';
import {
  frequencyWithinLimit,
  MAX_FREQUENCY_TEXT,
  MAX_PPM,
  MAX_TIME_TEXT,
  MAX_WALL_TIME_NS,
  ppmWithinLimit,
  TIME_T_MAX,
  timeWithinLimit,
} from './limits.js';
import type { Rational } from './rational.js';
import {
  parseDurationFs,
  parseFrequencyHz,
  parsePpm,
  parseSignedDurationFs,
  UnitError,
} from './units.js';

/** Prefix of the message zod gets for unknown keys; the error formatter reads the list back. */
export const ALLOWED_KEYS_PREFIX = 'allowed keys: ';
/** Marker (issue params) asking the error formatter to quote the offending source text. */
export const QUOTE_SOURCE = 'quote-source';

type Shape = Record<string, z.ZodType>;

/** A mapping whose unknown keys are errors (the contract: a typo must not be ignored). */
export function obj<S extends Shape>(shape: S, description?: string) {
  const schema = z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `${ALLOWED_KEYS_PREFIX}${Object.keys(shape).join(', ')}`
        : undefined,
  });
  return description === undefined ? schema : schema.describe(description);
}

/** The message a union reports when no alternative fits the input. */
export const unionError = (expected: string) => (iss: { code?: string; input?: unknown }) =>
  iss.code === 'invalid_union'
    ? `expected ${expected}, got ${describeValue(iss.input)}`
    : undefined;

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `"${value}"`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

type Ctx = { issues: { push(issue: z.core.$ZodRawIssue): unknown } };

function fail(ctx: Ctx, input: unknown, message: string, params?: Record<string, unknown>): never {
  ctx.issues.push({ code: 'custom', message, input, ...(params ? { params } : {}) });
  return z.NEVER as never;
}

/** Run a units.ts parser; its UnitError becomes an issue without the parser's "what:" prefix. */
function viaUnits<T>(ctx: Ctx, input: unknown, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof UnitError) return fail(ctx, input, err.message.replace(/^[a-z ]+: /, ''));
    throw err;
  }
}

const DURATION_UNITS = 'fs ps ns us ms s min h d';
const UNIT_ALTERNATIVES = '(fs|ps|ns|us|µs|μs|ms|s|min|h|d)';
/** Signs pass the pattern so that parseDurationFs can say "must not be negative". */
const DURATION_TEXT = new RegExp(`^[+-]?(0|\\d+(\\.\\d+)?\\s*${UNIT_ALTERNATIVES})$`);
const FREQUENCY_TEXT = /^\d+(\.\d+)?\s*(Hz|kHz|MHz|GHz)$/;
const U64_TEXT = /^(0|[1-9][0-9]*|0x[0-9a-fA-F]+)$/;
const I64_TEXT = /^(-?(0|[1-9][0-9]*)|-?0x[0-9a-fA-F]+)$/;
const PPM_TEXT = /^[+-]?\d+(\.\d+)?\s*(ppm)?$/;

const durationExpected = `a duration such as "250ms" (a number and a unit: ${DURATION_UNITS})`;

const TIME_LIMIT_MESSAGE = `must be at most ${MAX_TIME_TEXT}, the longest time a scenario may give (docs/cli.md, "Limits")`;

/** A duration text or 0 → fs; `bounded` applies MAX_TIME_FS (wall times have their own bound). */
function durationSchema(signed: boolean, bounded = true) {
  const text = z.string().regex(DURATION_TEXT, {
    error: (iss) => `expected ${durationExpected}, got ${describeValue(iss.input)}`,
  });
  return z
    .union([text, z.literal(0)], {
      error: (iss) =>
        typeof iss.input === 'number'
          ? `a duration needs a unit: write "${iss.input}us", "${iss.input}ms", … (${DURATION_UNITS})`
          : unionError(durationExpected)(iss),
    })
    .transform((value, ctx): bigint => {
      const fs = viaUnits(ctx, value, () =>
        signed ? parseSignedDurationFs(String(value)) : parseDurationFs(String(value)),
      );
      // a failed parse returned z.NEVER, already reported
      if (typeof fs !== 'bigint' || !bounded || timeWithinLimit(fs)) return fs;
      return fail(ctx, '', TIME_LIMIT_MESSAGE);
    });
}

/** A non-negative duration → femtoseconds. `0` may be written without a unit. */
export const durationFs = durationSchema(false).meta({
  id: 'Duration',
  description:
    'a decimal number and a unit (fs ps ns us µs ms s min h d), e.g. "250ms"; 0 needs no unit',
});
/** A duration that may be negative ("-3ns") → femtoseconds. */
export const signedDurationFs = durationSchema(true).meta({
  id: 'SignedDuration',
  description: 'a duration that may be negative, e.g. "-3ns"',
});

/** A positive duration → femtoseconds. */
export const positiveDurationFs = durationFs.refine((fs) => fs > 0n, 'must be longer than 0');

/** A duration that is a whole number of nanoseconds (kernel interfaces take a timespec) → ns. */
export function wholeNs(schema: typeof durationFs | typeof signedDurationFs) {
  return schema.transform((fs, ctx): bigint =>
    fs % 1_000_000n === 0n
      ? fs / 1_000_000n
      : fail(ctx, fs, 'must be a whole number of nanoseconds (the kernel takes a timespec)'),
  );
}

/**
 * A wall-clock time since the epoch (xtime at boot, a settimeofday) → ns: a whole number of ns
 * whose seconds fit the `tv_sec` of a `struct timespec` (time_t, a 64-bit `long`).
 */
export const wallTimeNs = wholeNs(
  durationSchema(false, false).meta({
    id: 'WallTime',
    description: `a duration since the epoch in whole ns, e.g. "86390s"; at most ${TIME_T_MAX}s (time_t)`,
  }),
).transform((ns, ctx): bigint =>
  ns <= MAX_WALL_TIME_NS
    ? ns
    : fail(ctx, '', `must be at most ${TIME_T_MAX}.999999999s: tv_sec is a time_t (a 64-bit long)`),
);

/** A frequency ("14.31818MHz") → Hz, exact. */
export const frequencyHz = z
  .string({
    error: (iss) =>
      typeof iss.input === 'number'
        ? `a frequency needs a unit: write "${iss.input}Hz", "${iss.input}MHz", … (Hz kHz MHz GHz)`
        : undefined,
  })
  .regex(FREQUENCY_TEXT, {
    error: (iss) =>
      `expected a frequency such as "14.31818MHz" (Hz kHz MHz GHz), got ${describeValue(iss.input)}`,
  })
  .transform((text, ctx): Rational => {
    const hz = viaUnits(ctx, text, () => parseFrequencyHz(text));
    return typeof hz !== 'object' || hz.num === undefined || frequencyWithinLimit(hz)
      ? hz
      : fail(ctx, '', `must be at most ${MAX_FREQUENCY_TEXT} (docs/cli.md, "Limits")`);
  })
  .meta({
    id: 'Frequency',
    description: 'a decimal number and a unit (Hz kHz MHz GHz), e.g. "14.31818MHz"',
  });

/** Parts per million: a decimal number or string ("0.01", "-250") → exact Rational. */
export const ppm = z
  .union(
    [
      z.number(),
      z.string().regex(PPM_TEXT, {
        error: (iss) => `expected a decimal number of ppm, got ${describeValue(iss.input)}`,
      }),
    ],
    { error: unionError('a decimal number of ppm such as 40 or "-0.5"') },
  )
  .transform((value, ctx): Rational => {
    const parsed = viaUnits(ctx, value, () => parsePpm(value));
    return typeof parsed !== 'object' || parsed.num === undefined || ppmWithinLimit(parsed)
      ? parsed
      : fail(ctx, '', `must be between -${MAX_PPM} and ${MAX_PPM} ppm (docs/cli.md, "Limits")`);
  })
  .meta({ id: 'Ppm', description: 'parts per million, an exact decimal: 40, -0.5, "0.001"' });

const TWO_64 = 1n << 64n;
const TWO_63 = 1n << 63n;

function integerSchema(signed: boolean, min: bigint, max: bigint, what: string) {
  const text = z.string().regex(signed ? I64_TEXT : U64_TEXT, {
    error: (iss) =>
      `expected ${what}: a decimal or 0x string (or a plain number below 2^53), got ${describeValue(iss.input)}`,
  });
  return z
    .union([z.number(), text], {
      error: unionError(`${what} (a plain number, or a decimal or 0x string)`),
    })
    .transform((value, ctx): bigint => {
      let v: bigint;
      if (typeof value === 'number') {
        if (!Number.isInteger(value)) return fail(ctx, value, `expected ${what}, got ${value}`);
        if (!Number.isSafeInteger(value)) {
          return fail(ctx, value, 'is above 2^53 and loses digits unquoted: write it in quotes', {
            [QUOTE_SOURCE]: true,
          });
        }
        v = BigInt(value);
      } else {
        v = value.startsWith('-') ? -BigInt(value.slice(1)) : BigInt(value);
      }
      if (v < min || v > max) return fail(ctx, value, `must be between ${min} and ${max}`);
      return v;
    });
}

/** An unsigned 64-bit integer (counter values, masks, addresses, seeds) → bigint. */
export const u64 = integerSchema(false, 0n, TWO_64 - 1n, 'an unsigned 64-bit integer').meta({
  id: 'U64',
  description: 'unsigned 64-bit integer: a decimal or 0x string, or a plain number below 2^53',
});
/** A signed 64-bit integer (cycle steps, offsets, `long` fields) → bigint. */
export const i64 = integerSchema(true, -TWO_63, TWO_63 - 1n, 'a signed 64-bit integer').meta({
  id: 'I64',
  description: 'signed 64-bit integer: a decimal or 0x string, or a plain number below 2^53',
});

/** A plain integer in [min, max] (CPU counts and indices, bit widths, cycle costs). */
export const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** A whole number of Hz (the kernel's u64 `frequency`) → bigint. */
export const wholeHz = frequencyHz.transform((hz, ctx): bigint =>
  hz.den === 1n ? hz.num : fail(ctx, hz, 'must be a whole number of Hz'),
);

const distExpected =
  'a value or a distribution: {uniform: [a, b]}, {exponential: mean}, {normal: {mean, sd}}, {choice: [a, …]}';

/** A distribution of `value` (durations in fs, or counts): a constant or one of the named forms. */
function distributionOf(value: z.ZodType<bigint, unknown>) {
  const uniform = obj({ uniform: z.tuple([value, value]) }).transform(
    ({ uniform: [min, max] }, ctx): DistSpec =>
      min <= max
        ? { kind: 'uniform', min, max }
        : fail(ctx, min, 'uniform: the first bound must not exceed the second'),
  );
  const exponential = obj({ exponential: value }).transform(
    ({ exponential }, ctx): DistSpec =>
      exponential >= 0n
        ? { kind: 'exponential', mean: exponential }
        : fail(ctx, exponential, 'exponential: the mean must not be negative'),
  );
  const normal = obj({ normal: obj({ mean: value, sd: value }) }).transform(
    ({ normal: { mean, sd } }, ctx): DistSpec =>
      sd >= 0n
        ? { kind: 'normal', mean, sd }
        : fail(ctx, sd, 'normal: the standard deviation must not be negative'),
  );
  const choice = obj({ choice: z.array(value).min(1) }).transform(
    ({ choice: values }): DistSpec => ({ kind: 'choice', values }),
  );
  const constant = value.transform((v): DistSpec => ({ kind: 'constant', value: v }));
  return z.union([constant, uniform, exponential, normal, choice], {
    error: unionError(distExpected),
  });
}

/** A distribution of durations → DistSpec in femtoseconds (normal draws are clamped at 0). */
export const durationDist = distributionOf(durationFs).meta({
  id: 'DurationDistribution',
  description:
    'a duration, or {uniform: [a, b]}, {exponential: mean}, {normal: {mean, sd}}, {choice: [...]}',
});
/** A distribution of signed cycle counts → DistSpec in cycles. */
export const cyclesDist = distributionOf(i64).meta({
  id: 'CyclesDistribution',
  description:
    'a cycle count, or {uniform: [a, b]}, {exponential: mean}, {normal: {mean, sd}}, {choice: [...]}',
});

/** An inclusive range of a measured figure; either bound may be absent. */
export interface Range<T> {
  readonly min?: T;
  readonly max?: T;
}

/** `{min, max}` (either optional) or a bare value meaning `{max: value}`. */
export function range(value: z.ZodType<bigint, unknown>, example: string) {
  const bounds = obj({ min: value.optional(), max: value.optional() }).transform(
    (b, ctx): Range<bigint> => {
      if (b.min === undefined && b.max === undefined) {
        return fail(ctx, b, 'a range needs min, max or both');
      }
      if (b.min !== undefined && b.max !== undefined && b.min > b.max) {
        return fail(ctx, b, 'min must not exceed max');
      }
      const out: { min?: bigint; max?: bigint } = {};
      if (b.min !== undefined) out.min = b.min;
      if (b.max !== undefined) out.max = b.max;
      return out;
    },
  );
  return z.union([value.transform((max): Range<bigint> => ({ max })), bounds], {
    error: unionError(`a bound such as ${example} or a range {min, max}`),
  });
}
