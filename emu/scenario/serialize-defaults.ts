// SPDX-License-Identifier: GPL-2.0-only
/** Leaving out of a written entry the keys the loader would fill in with the same value. */
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';

export type Entry = Record<string, unknown>;

/**
 * `entry` without the keys (other than `keep`) whose absence `schema` fills in with the same
 * value: the defaults are the schema's own, never restated by the serializer.
 */
export function withoutDefaults(entry: Entry, schema: z.ZodType, keep: readonly string[]): Entry {
  const full = schema.safeParse(entry);
  if (!full.success) return entry;
  let out = entry;
  for (const key of Object.keys(entry)) {
    if (keep.includes(key)) continue;
    const rest = { ...out };
    delete rest[key];
    const without = schema.safeParse(rest);
    if (without.success && isDeepStrictEqual(without.data, full.data)) out = rest;
  }
  return out;
}
