// SPDX-License-Identifier: GPL-2.0-only
/** A random (or constant) quantity drawn from a seeded stream: a time in fs or a count. */
import type { Rng } from './rng.js';

export interface Distribution {
  /** one draw; never negative for durations (normal draws are clamped at 0) */
  sample(rng: Rng): bigint;
  /** the mean, exact, for reports (rounded toward zero) */
  readonly mean: bigint;
}

/** The distributions of docs/scenario.md ("Values") as data, after unit parsing. */
export type DistSpec =
  | { kind: 'constant'; value: bigint }
  | { kind: 'uniform'; min: bigint; max: bigint }
  | { kind: 'exponential'; mean: bigint }
  | { kind: 'normal'; mean: bigint; sd: bigint }
  | { kind: 'choice'; values: bigint[] };

export function constant(value: bigint): Distribution {
  return { sample: () => value, mean: value };
}

const U32_SPAN = 1n << 32n;

/** Uniform integer in [min, max], both inclusive. */
export function uniform(min: bigint, max: bigint): Distribution {
  if (min > max) throw new RangeError(`uniform: min ${min} exceeds max ${max}`);
  const span = max - min + 1n;
  const mean = (min + max) / 2n;
  if (span <= U32_SPAN) {
    const n = Number(span);
    return { sample: (rng) => min + BigInt(rng.below(n)), mean };
  }
  return { sample: (rng) => min + rng.belowBig(span), mean };
}

/**
 * Exponential with the given mean, floored to an integer, by von Neumann's comparison method
 * (1951, "Various techniques used in connection with random digits"): draw u1 > u2 > … while the run descends; if the run's length
 * is odd, u1 is the fractional part of an Exp(1) variate (its density given acceptance is
 * proportional to e^-x on [0, 1)); if even, add 1 to the integer part and start again. Only
 * comparisons of uint32 draws, no logarithm. A tie between draws (probability 2^-32) ends the run.
 * The accepted 32-bit fraction is extended by 32 more uniform bits, so the variate has 2^-64
 * resolution and the sample is floor(mean · (k + u1/2^32 + v/2^64)).
 */
export function exponential(mean: bigint): Distribution {
  if (mean < 0n) throw new RangeError(`exponential: mean ${mean} is negative`);
  if (mean === 0n) return constant(0n);
  return {
    mean,
    sample(rng: Rng): bigint {
      let k = 0n;
      for (;;) {
        const u1 = rng.nextU32();
        let prev = u1;
        let length = 1;
        for (;;) {
          const u = rng.nextU32();
          if (u >= prev) break;
          prev = u;
          length++;
        }
        if (length % 2 === 1) {
          const fixed64 = (k << 64n) | (BigInt(u1) << 32n) | BigInt(rng.nextU32());
          return (mean * fixed64) >> 64n;
        }
        k++;
      }
    },
  };
}

/**
 * Approximately normal: the Irwin–Hall sum of 12 uniform draws minus 6 has mean 0 and variance 1
 * exactly and is close to the normal shape in the body, but its tails stop at ±6 sd (an
 * approximation, documented as such). With 32-bit draws the standard variate is an integer z/2^32,
 * so the sample is mean + floor(sd · z / 2^32). With `clampAtZero`, negative samples become 0 and
 * `mean` stays the nominal mean (exact when mean >= 6 sd, where no clamping can happen).
 */
export function normal(
  mean: bigint,
  sd: bigint,
  options: { clampAtZero?: boolean } = {},
): Distribution {
  if (sd < 0n) throw new RangeError(`normal: sd ${sd} is negative`);
  const clamp = options.clampAtZero ?? false;
  if (clamp && mean < 0n) throw new RangeError(`normal: mean ${mean} is negative`);
  return {
    mean,
    sample(rng: Rng): bigint {
      let sum = 0;
      for (let i = 0; i < 12; i++) sum += rng.nextU32();
      // |sum − 6·2^32| < 2^35: exact in a double.
      const v = mean + ((sd * BigInt(sum - 6 * 0x1_0000_0000)) >> 32n);
      return clamp && v < 0n ? 0n : v;
    },
  };
}

/** One of the values, each equally likely; the mean is their average rounded toward zero. */
export function choice(values: readonly bigint[]): Distribution {
  if (values.length === 0) throw new RangeError('choice: needs at least one value');
  const copy = [...values];
  const mean = copy.reduce((a, b) => a + b, 0n) / BigInt(copy.length);
  return { sample: (rng) => copy[rng.below(copy.length)]!, mean };
}

/**
 * A distribution from its parsed spec. Durations (`'fs'`) and counts are non-negative: negative
 * parameters are a RangeError and normal draws are clamped at 0; `{ signed: true }` allows negative
 * counts (offsets, jumps) and leaves normal draws unclamped.
 */
export function fromSpec(
  spec: DistSpec,
  unit: 'fs' | 'count',
  options: { signed?: boolean } = {},
): Distribution {
  const signed = unit === 'count' && (options.signed ?? false);
  const what = unit === 'fs' ? 'duration' : 'count';
  const nonNegative = (v: bigint, field: string): void => {
    if (!signed && v < 0n) throw new RangeError(`${spec.kind}: ${what} ${field} ${v} is negative`);
  };
  switch (spec.kind) {
    case 'constant':
      nonNegative(spec.value, 'value');
      return constant(spec.value);
    case 'uniform':
      nonNegative(spec.min, 'min');
      return uniform(spec.min, spec.max);
    case 'exponential':
      return exponential(spec.mean);
    case 'normal':
      if (!signed) nonNegative(spec.mean, 'mean');
      return normal(spec.mean, spec.sd, { clampAtZero: !signed });
    case 'choice':
      for (const v of spec.values) nonNegative(v, 'value');
      return choice(spec.values);
    default: {
      const unreachable: never = spec;
      throw new RangeError(`unknown distribution ${(unreachable as { kind: string }).kind}`);
    }
  }
}
