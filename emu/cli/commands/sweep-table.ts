// SPDX-License-Identifier: GPL-2.0-only
/** A sweep's rows as an aligned text table, as CSV (RFC 4180) and as a JSON document. */
import { runJsonText, type ShardJson } from '../../report/json.js';
import type { FigureValue } from './sweep-figures.js';
import type { Vary } from './sweep-points.js';

export const SWEEP_FORMAT = 'timer-emu-sweep';
export const SWEEP_FORMAT_VERSION = 1;

export interface SweepTable {
  readonly varies: readonly Vary[];
  readonly figures: readonly string[];
  readonly rows: readonly {
    readonly values: readonly string[];
    readonly seed: bigint;
    readonly figures: readonly FigureValue[];
  }[];
  /** false when a signal stopped the sweep: the rows so far */
  readonly complete: boolean;
}

function cells(t: SweepTable): string[][] {
  const header = [...t.varies.map((v) => v.key), 'seed', ...t.figures];
  const body = t.rows.map((r) => [...r.values, r.seed.toString(), ...r.figures.map(String)]);
  return [header, ...body];
}

export function sweepTable(t: SweepTable): string {
  const all = cells(t);
  const widths = all[0]!.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const lines = all.map((row) =>
    row
      .map((cell, c) => (c < t.varies.length ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
  if (!t.complete) lines.push('INCOMPLETE: stopped by a signal; the runs so far');
  return `${lines.join('\n')}\n`;
}

const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function sweepCsv(t: SweepTable): string {
  return cells(t)
    .map((row) => `${row.map(csvCell).join(',')}\r\n`)
    .join('');
}

/** The `--json` document (`format: "timer-emu-sweep"`); a shard's says which runs it holds. */
export function sweepJson(scenario: string, t: SweepTable, shard: ShardJson | null): string {
  return runJsonText({
    format: SWEEP_FORMAT,
    version: SWEEP_FORMAT_VERSION,
    scenario,
    ...(t.complete ? {} : { complete: false }),
    vary: t.varies.map((v) => ({ key: v.key, values: v.values })),
    figures: t.figures,
    ...(shard === null ? {} : { shard }),
    points: t.rows.map((r) => ({
      values: Object.fromEntries(t.varies.map((v, k) => [v.key, r.values[k]])),
      seed: r.seed,
      figures: Object.fromEntries(t.figures.map((f, k) => [f, r.figures[k]])),
    })),
  });
}
