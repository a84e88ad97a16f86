// SPDX-License-Identifier: GPL-2.0-only
/**
 * JSON Lines trace writer (https://jsonlines.org): a versioned header line, then one record per
 * line with `type` and `seq` first, integers exact (a number up to 2^53 − 1, a decimal string
 * beyond: docs/outputs.md). `seq` numbers the records written, after filtering.
 */
import { exactInteger, exactReplacer } from '../base/json-integer.js';
import type { OpRecord, ReadRecord, TraceRecord, TraceSink } from './tracer.js';

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
    if (r.type === 'read') {
      this.write(readLine(r, this.seq++));
      return;
    }
    if (r.type === 'op') {
      this.write(opLine(r, this.seq++));
      return;
    }
    const { type, ...rest } = r;
    this.write(`${JSON.stringify({ type, seq: this.seq++, ...rest }, exactReplacer)}\n`);
  }

  end(): void {}
}

const n = (v: bigint): string => JSON.stringify(exactInteger(v));

/**
 * A read record's line, built directly (the most frequent record: `JSON.stringify` with a
 * replacer costs about as much as emulating the read). Same text as the generic path.
 */
function readLine(r: ReadRecord, seq: number): string {
  return `{"type":"read","seq":${seq},"t":${n(r.t)},"start":${n(r.start)},"cpu":${r.cpu},"call":${JSON.stringify(r.call)},"clock":"${r.clock}","valueNs":${n(r.valueNs)},"trueNs":${n(r.trueNs)},"errorNs":${n(r.errorNs)}}\n`;
}

/**
 * An operation record's line, built directly (with --trace-ops, nearly every line is one), in the
 * order the executor gives its fields. Same text as the generic path.
 */
function opLine(r: OpRecord, seq: number): string {
  return `{"type":"op","seq":${seq},"t":${n(r.t)},"end":${n(r.end)},"cpu":${r.cpu},"op":${JSON.stringify(r.op)},"target":${JSON.stringify(r.target)},"value":${JSON.stringify(r.value)},"ok":${r.ok},"transfer":${r.transfer}}\n`;
}
