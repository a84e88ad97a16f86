// SPDX-License-Identifier: GPL-2.0-only
/**
 * JSON Lines trace writer (https://jsonlines.org): a versioned header line, then one record per
 * line with `type` and `seq` first, integers exact (a number up to 2^53 − 1, a decimal string
 * beyond: docs/outputs.md). `seq` numbers the records written, after filtering.
 */
import { exactReplacer } from '../base/json-integer.js';
import type { TraceRecord, TraceSink } from './tracer.js';

export const TRACE_FORMAT = 'timer-emu-trace';
export const TRACE_VERSION = 2;

/** Header fields the caller adds (scenario name and hash, seed, …). */
export type TraceHeader = Readonly<Record<string, string | number | boolean | bigint>>;

export class JsonlWriter implements TraceSink {
  private seq = 0;

  constructor(
    private readonly write: (chunk: string) => void,
    header: TraceHeader = {},
  ) {
    for (const key of ['type', 'format', 'version', 'seq'])
      if (key in header) throw new Error(`trace header: '${key}' is reserved`);
    const line = { type: 'header', format: TRACE_FORMAT, version: TRACE_VERSION, time_unit: 'fs' };
    write(`${JSON.stringify({ ...line, ...header }, exactReplacer)}\n`);
  }

  record(r: TraceRecord): void {
    const { type, ...rest } = r;
    this.write(`${JSON.stringify({ type, seq: this.seq++, ...rest }, exactReplacer)}\n`);
  }

  end(): void {}
}
