// SPDX-License-Identifier: GPL-2.0-only
/**
 * The interpolator vector format (docs/conformance.md), validated
 * with zod: integers that can exceed 2^53 arrive as decimal strings and leave as `bigint`, each
 * range checked against its C type.
 */
import { z } from 'zod';

const DECIMAL = /^-?(0|[1-9][0-9]*)$/;

function decimalIn(min: bigint, max: bigint, what: string) {
  return z
    .string()
    .regex(DECIMAL, 'expected a decimal integer string')
    .transform((s) => BigInt(s))
    .refine((v) => v >= min && v <= max, `expected ${what}`);
}

const u64 = decimalIn(0n, (1n << 64n) - 1n, 'an unsigned 64-bit integer (0 … 2^64−1)');
const s64 = decimalIn(-(1n << 63n), (1n << 63n) - 1n, 'a signed 64-bit integer');
const u32 = decimalIn(0n, (1n << 32n) - 1n, 'an unsigned 32-bit integer');
const count = z.number().int().nonnegative();

/** `TIME_SOURCE_*` by name, or any `u16` value (values other than 1–3 read the CPU counter). */
const SOURCE_NAMES = { cpu: 0n, mmio64: 1n, mmio32: 2n, function: 3n } as const;
const source = z.union([
  z.enum(['cpu', 'mmio64', 'mmio32', 'function']).transform((name) => SOURCE_NAMES[name]),
  z
    .number()
    .int()
    .min(0)
    .max(0xffff)
    .transform((n) => BigInt(n)),
]);

const stateEntry = z.strictObject({
  nsec_per_cyc: u32.optional(),
  offset: u64.optional(),
  last_counter: u64.optional(),
  last_cycle: u64.optional(),
  skips: u64.optional(),
  ns_skipped: u64.optional(),
});
export type ExpectedState = z.infer<typeof stateEntry>;

const expect = z.strictObject({
  ret: u64.optional(),
  current: count.nullable().optional(),
  cmpxchg: count.optional(),
  cmpxchg_failed: count.optional(),
  state: z
    .record(z.string().regex(/^(0|[1-9][0-9]*)$/, 'expected an object number'), stateEntry)
    .optional(),
  fault: z.enum(['BUG', 'OOPS']).optional(),
});
export type Expect = z.infer<typeof expect>;

const reads = z.array(u64);
const ti = count.max(0xffff);

const step = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('tick_nsec'), value: u64 }),
  z.strictObject({ op: z.literal('jiffies'), value: u64 }),
  z.strictObject({
    op: z.literal('register'),
    ti,
    preset: z.string().optional(),
    source,
    shift: z.number().int().min(0).max(255),
    jitter: z.number().int().min(0).max(255),
    mask: u64,
    frequency: u64,
    drift: s64,
    reads,
    expect: expect.optional(),
  }),
  z.strictObject({ op: z.literal('unregister'), ti, reads, expect: expect.optional() }),
  z.strictObject({ op: z.literal('reset'), reads, expect: expect.optional() }),
  z.strictObject({ op: z.literal('update'), delta_nsec: s64, reads, expect: expect.optional() }),
  z.strictObject({
    op: z.literal('get_offset'),
    reads,
    interfere: z.array(u64).default([]),
    expect: expect.optional(),
  }),
]);
export type Step = z.infer<typeof step>;

export const interpolatorCase = z.strictObject({
  id: z.string().min(1),
  kernel: z.enum(['2.6.18', '2.6.13']),
  abi: z.literal('lp64').default('lp64'),
  steps: z.array(step).min(1, 'a case without steps checks nothing'),
});
export type InterpolatorCase = z.infer<typeof interpolatorCase>;

/** A zod issue path as text: `steps[3].expect.state.0.offset`. */
export function renderPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}
