// SPDX-License-Identifier: GPL-2.0-only
/**
 * Value Change Dump writer (IEEE 1364-2005, clause 18), `$timescale 1 ps`.
 *
 * Signals are declared per module before the first change. Changes are buffered and written in
 * (time, arrival order): `flushBefore(t)` writes every change earlier than t, so each `#t` appears
 * once and the `#t` strictly increase across all modules. Times are floored from fs to ps; of
 * several changes of one signal within one ps the last wins (what a viewer would show anyway).
 */
import type { TimeFs } from '../base/time.js';

export type VcdKind = 'wire' | 'real';

export interface VcdHeader {
  /** `$date` text (callers pass a fixed one for byte-identical files) */
  readonly date?: string;
  readonly version?: string;
  /** name of the top module */
  readonly top?: string;
}

interface Change {
  readonly ps: bigint;
  readonly text: string;
}

interface Var {
  readonly module: string;
  readonly name: string;
  readonly kind: VcdKind;
  readonly size: number;
  readonly id: string;
  readonly initial: string;
}

const FS_PER_PS = 1000n;

/** The n-th identifier: base 94 over printable ASCII 33–126. */
export function vcdId(n: number): string {
  let id = '';
  do {
    id += String.fromCharCode(33 + (n % 94));
    n = Math.floor(n / 94);
  } while (n > 0);
  return id;
}

export class VcdWriter {
  private readonly vars: Var[] = [];
  private readonly byId = new Map<string, Var>();
  private buffer: Change[] = [];
  /** the earliest time in `buffer` (-1 when empty): most flushes have nothing to write */
  private bufferMinPs = -1n;
  private started = false;
  private lastPs = -1n;

  constructor(
    private readonly write: (chunk: string) => void,
    private readonly header: VcdHeader = {},
  ) {}

  /** Declares a signal (before the first change); returns its identifier. */
  declare(module: string, name: string, kind: VcdKind, size: number): string {
    if (this.started) throw new Error('vcd: declarations after the first change');
    if (kind === 'wire' && (!Number.isInteger(size) || size < 1 || size > 64))
      throw new RangeError(`vcd: wire ${name} of size ${size}`);
    const id = vcdId(this.vars.length);
    const initial = kind === 'real' ? 'r0 ' : size === 1 ? '0' : 'b0 ';
    const v: Var = { module, name, kind, size: kind === 'real' ? 64 : size, id, initial };
    this.vars.push(v);
    this.byId.set(id, v);
    return id;
  }

  /** A change of signal `id` at `tFs`: bigint/boolean for wires, number for reals (reports only). */
  change(tFs: TimeFs, id: string, value: bigint | boolean | number): void {
    if (!this.started) this.begin();
    const ps = tFs / FS_PER_PS;
    if (ps < this.lastPs)
      throw new Error(`vcd: change at ${ps} ps after #${this.lastPs} was written`);
    const v = this.byId.get(id);
    if (v === undefined) throw new Error(`vcd: unknown identifier ${id}`);
    this.buffer.push({ ps, text: format(v, value) });
    if (this.bufferMinPs < 0n || ps < this.bufferMinPs) this.bufferMinPs = ps;
  }

  /** Writes every buffered change earlier than `tFs` (no change before it will come). */
  flushBefore(tFs: TimeFs): void {
    this.flush(tFs / FS_PER_PS);
  }

  /** Writes everything buffered (end of the run). */
  end(): void {
    if (!this.started) this.begin();
    this.flush(undefined);
  }

  private flush(beforePs: bigint | undefined): void {
    if (this.bufferMinPs < 0n || (beforePs !== undefined && this.bufferMinPs >= beforePs)) return;
    const ready: Change[] = [];
    const kept: Change[] = [];
    let keptMinPs = -1n;
    for (const c of this.buffer) {
      if (beforePs === undefined || c.ps < beforePs) ready.push(c);
      else {
        kept.push(c);
        if (keptMinPs < 0n || c.ps < keptMinPs) keptMinPs = c.ps;
      }
    }
    this.buffer = kept;
    this.bufferMinPs = keptMinPs;
    // Stable sort: arrival order breaks ties within one ps.
    ready.sort((a, b) => (a.ps < b.ps ? -1 : a.ps > b.ps ? 1 : 0));
    let out = '';
    for (const c of ready) {
      if (c.ps !== this.lastPs) {
        out += `#${c.ps}\n`;
        this.lastPs = c.ps;
      }
      out += `${c.text}\n`;
    }
    this.write(out);
  }

  private begin(): void {
    this.started = true;
    const h = this.header;
    let out = `$date ${h.date ?? '1970-01-01'} $end\n$version ${h.version ?? 'timer-emu'} $end\n`;
    out += '$timescale 1 ps $end\n';
    out += `$scope module ${h.top ?? 'machine'} $end\n`;
    const modules: string[] = [];
    for (const v of this.vars) if (!modules.includes(v.module)) modules.push(v.module);
    for (const m of modules) {
      out += `$scope module ${m} $end\n`;
      for (const v of this.vars) if (v.module === m) out += declaration(v);
      out += '$upscope $end\n';
    }
    out += '$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n';
    for (const v of this.vars) out += `${v.initial}${v.id}\n`;
    out += '$end\n';
    this.lastPs = 0n;
    this.write(out);
  }
}

/** The `$var` line of `v` (IEEE 1364-2005, 18.2.3.8). */
function declaration(v: Var): string {
  const range = v.kind === 'wire' && v.size > 1 ? ` [${v.size - 1}:0]` : '';
  return `$var ${v.kind} ${v.size} ${v.id} ${v.name}${range} $end\n`;
}

function format(v: Var, value: bigint | boolean | number): string {
  if (v.kind === 'real') return `r${Number(value)} ${v.id}`;
  if (v.size === 1) return `${value === true || value === 1n || value === 1 ? 1 : 0}${v.id}`;
  const mask = (1n << BigInt(v.size)) - 1n;
  return `b${(BigInt(value) & mask).toString(2)} ${v.id}`;
}
