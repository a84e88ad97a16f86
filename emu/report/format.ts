// SPDX-License-Identifier: GPL-2.0-only
/** Figures for people: durations in a readable unit (JSON keeps the exact values). */
import { FS_PER_NS } from '../base/time.js';
import { formatDurationFs } from '../base/units.js';

const UNITS: readonly (readonly [string, bigint])[] = [
  ['d', 86_400n * 1_000_000_000_000_000n],
  ['h', 3_600n * 1_000_000_000_000_000n],
  ['s', 1_000_000_000_000_000n],
  ['ms', 1_000_000_000_000n],
  ['us', 1_000_000_000n],
  ['ns', FS_PER_NS],
];

/** A duration for reading: exact below 10 000 units of its unit, else 4 significant digits. */
export function approxDuration(v: bigint): string {
  if (v === 0n) return '0';
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  const unit = UNITS.find(([, u]) => a >= u);
  if (unit === undefined) return formatDurationFs(v);
  const [name, u] = unit;
  if (a % u === 0n) return `${sign}${a / u}${name}`;
  const digits = Math.max(0, 4 - (a / u).toString().length);
  return `${sign}${(Number(a) / Number(u)).toFixed(digits)}${name}`;
}
