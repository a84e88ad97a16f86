// SPDX-License-Identifier: GPL-2.0-only
/**
 * The integer rule of our JSON outputs (docs/outputs.md): a JSON number when a double holds the
 * value exactly (|v| ≤ 2^53 − 1), a decimal string beyond.
 */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export const exactInteger = (v: bigint): number | string =>
  v <= SAFE && v >= -SAFE ? Number(v) : v.toString();

/** A `JSON.stringify` replacer applying the rule to every bigint. */
export const exactReplacer = (_key: string, v: unknown): unknown =>
  typeof v === 'bigint' ? exactInteger(v) : v;
