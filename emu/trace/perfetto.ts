// SPDX-License-Identifier: GPL-2.0-only
/**
 * The run as a Chrome trace-event file (`--perfetto FILE`; the JSON Object Format of Google's
 * "Trace Event Format" document), which ui.perfetto.dev and chrome://tracing open: one process,
 * one thread track per CPU; each read call, each get_counter call and each tick's
 * `time_interpolator_update` a complete (`X`) slice; skips, stalls and faults instants (`i`);
 * `nsec_per_cyc`, the interpolator's `offset` and each CPU's read error counters (`C`).
 *
 * Timestamps are microseconds, the format's unit, written as exact decimals from femtoseconds
 * (no float arithmetic). The events are kept and written sorted by time at the end of the run.
 */

import { exactInteger } from '../base/json-integer.js';
import {
  DOMAIN_KINDS,
  type TraceKind,
  type TraceRecord,
  type UpdateRecord,
} from '../base/trace-record.js';
import type { TraceSink } from './tracer.js';

const FS_PER_US = 1_000_000_000n;

/** Femtoseconds as exact decimal microseconds: 1289333330 → `1.28933333`. */
export function fsAsUs(fs: bigint): string {
  const whole = fs / FS_PER_US;
  const frac = (fs % FS_PER_US).toString().padStart(9, '0').replace(/0+$/, '');
  return frac === '' ? whole.toString() : `${whole}.${frac}`;
}

interface Pending {
  readonly atFs: bigint;
  readonly order: number;
  readonly json: string;
}

const PID = 1;

export class PerfettoSink implements TraceSink {
  readonly kinds: ReadonlySet<TraceKind> = new Set(DOMAIN_KINDS);
  private readonly events: Pending[] = [];

  constructor(
    private readonly write: (chunk: string) => void,
    private readonly machine: { readonly name: string; readonly cpuCount: number },
  ) {}

  private add(atFs: bigint, fields: Record<string, unknown>, tsFs: bigint, durFs?: bigint): void {
    const ts = `"ts":${fsAsUs(tsFs)}${durFs === undefined ? '' : `,"dur":${fsAsUs(durFs)}`}`;
    const body = JSON.stringify({ pid: PID, ...fields }, (_k, v) =>
      typeof v === 'bigint' ? exactInteger(v) : v,
    );
    this.events.push({ atFs, order: this.events.length, json: `{${ts},${body.slice(1)}` });
  }

  record(r: TraceRecord): void {
    switch (r.type) {
      case 'read':
        this.add(
          r.start,
          {
            ph: 'X',
            tid: r.cpu,
            name: r.call,
            cat: 'read',
            args: {
              valueNs: r.valueNs,
              trueNs: r.trueNs,
              errorNs: r.errorNs,
            },
          },
          r.start,
          r.t - r.start,
        );
        this.add(
          r.t,
          { ph: 'C', name: 'read error (ns)', args: { [`cpu${r.cpu}`]: r.errorNs } },
          r.t,
        );
        return;
      case 'get_counter':
        this.add(
          r.start,
          {
            ph: 'X',
            tid: r.cpu,
            name: r.writer ? 'get_counter (tick update)' : 'get_counter',
            cat: 'kernel',
          },
          r.start,
          r.t - r.start,
        );
        return;
      case 'update':
        this.update(r);
        return;
      case 'stall':
        this.add(
          r.fromFs,
          {
            ph: 'i',
            s: 't',
            tid: r.cpu,
            name: 'stall',
            cat: 'read',
            args: { clock: r.clock, valueNs: r.valueNs, toUs: fsAsUs(r.toFs), reads: r.reads },
          },
          r.fromFs,
        );
        return;
      case 'skip':
        this.add(
          r.t,
          {
            ph: 'i',
            s: 't',
            tid: r.cpu,
            name: 'skip',
            cat: 'kernel',
            args: { nsSkipped: r.nsSkipped },
          },
          r.t,
        );
        return;
      case 'tuning':
        this.add(r.t, { ph: 'C', name: 'nsec_per_cyc', args: { nsec_per_cyc: r.to } }, r.t);
        return;
      case 'fault':
        this.add(
          r.t,
          { ph: 'i', s: 't', tid: r.cpu, name: r.fault, cat: 'kernel', args: { where: r.where } },
          r.t,
        );
        return;
      default:
        return;
    }
  }

  /** The tick's update: a slice around its get_counter call, and the `offset` it stored. */
  private update(r: UpdateRecord): void {
    const { outcome, offsetNs, deltaNs, cycles, nsecs } = r;
    this.add(
      r.start,
      {
        ph: 'X',
        tid: r.cpu,
        name: 'time_interpolator_update',
        cat: 'kernel',
        args: { outcome, offsetNs, deltaNs, cycles, nsecs },
      },
      r.start,
      r.t - r.start,
    );
    this.add(r.t, { ph: 'C', name: 'offset (ns)', args: { offset: offsetNs } }, r.t);
  }

  /** Writes the document: metadata events, then every event by start time (ties: arrival order). */
  end(): void {
    const meta = [
      `{"ph":"M","pid":${PID},"name":"process_name","args":${JSON.stringify({ name: this.machine.name })}}`,
    ];
    for (let cpu = 0; cpu < this.machine.cpuCount; cpu++)
      meta.push(
        `{"ph":"M","pid":${PID},"tid":${cpu},"name":"thread_name","args":{"name":"cpu${cpu}"}}`,
      );
    this.events.sort((a, b) => (a.atFs < b.atFs ? -1 : a.atFs > b.atFs ? 1 : a.order - b.order));
    const lines = [...meta, ...this.events.map((e) => e.json)];
    this.write(`{"displayTimeUnit":"ns","traceEvents":[\n${lines.join(',\n')}\n]}\n`);
  }
}
