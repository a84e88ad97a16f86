// SPDX-License-Identifier: GPL-2.0-only
/** The options of `explain`, parsed and checked before the run. */
import { parseDurationFs, UnitError } from '../../base/units.js';
import type { Selection } from '../../explain/recorder.js';
import { UsageError } from '../errors.js';

export interface ExplainArgs {
  readonly file: string;
  readonly cpu?: string;
  readonly read?: string;
  readonly at?: string;
  readonly tick?: string;
  readonly arith?: boolean;
  readonly behind?: string;
  readonly seed?: string;
  readonly json?: boolean;
}

/** A count from 1 (`--read`, `--tick`), at most 10^9. */
function positive(option: string, text: string): number {
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) < 1)
    throw new UsageError(`${option}: ${text} is not a whole number from 1`);
  return Number(text);
}

function parseCpu(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^[0-9]{1,4}$/.test(text)) throw new UsageError(`--cpu: ${text} is not a CPU number`);
  return Number(text);
}

/** `K`, `K..L` or `tuning`. */
export function parseTicks(text: string): Selection['ticks'] {
  if (text === 'tuning') return 'tuning';
  const m = /^([^.]+)\.\.([^.]+)$/.exec(text);
  const from = positive('--tick', m?.[1] ?? text);
  const to = m === null ? from : positive('--tick', m[2]!);
  if (to < from) throw new UsageError(`--tick: ${text} ends before it starts`);
  if (to - from >= 1000) throw new UsageError(`--tick: ${text} spans more than 1000 ticks`);
  return { from, to };
}

function parseAt(text: string): bigint {
  try {
    return parseDurationFs(text);
  } catch (err) {
    if (err instanceof UnitError) throw new UsageError(`--at: ${err.message}`);
    throw err;
  }
}

export function parseBehind(text: string | undefined): bigint {
  if (text === undefined) return 1n;
  if (!/^[0-9]{1,12}$/.test(text) || text === '0')
    throw new UsageError(`--behind: ${text} is not a number of cycles from 1`);
  return BigInt(text);
}

/** The read and ticks to tell; with none of `--read`, `--at`, `--tick`, `--arith`: read 1. */
export function parseSelection(a: ExplainArgs): Selection {
  if (a.read !== undefined && a.at !== undefined)
    throw new UsageError('explain: give --read or --at, not both');
  const ticks = a.tick === undefined ? null : parseTicks(a.tick);
  const none = a.read === undefined && a.at === undefined && ticks === null && a.arith !== true;
  return {
    cpu: parseCpu(a.cpu),
    read: a.read !== undefined ? positive('--read', a.read) : none ? 1 : null,
    atFs: a.at === undefined ? null : parseAt(a.at),
    ticks,
  };
}
