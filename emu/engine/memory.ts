// SPDX-License-Identifier: GPL-2.0-only
/**
 * Shared memory as kernel code sees it: plain records whose fields are loaded, stored and
 * compare-exchanged, sequentially consistent (every access takes effect at its instant, in the
 * scheduler's global order — a documented simplification: no store buffers, no reordering).
 *
 * Coherence cost model, one cache line per record (a simplified MESI, tracked per line):
 * - a line holds a write epoch and, per CPU, the epoch of the copy that CPU holds; a CPU holds a
 *   valid copy iff its copy epoch equals the line's epoch;
 * - a store or cmpxchg by CPU c makes c the owner: the epoch advances (invalidating every other
 *   copy) and c holds the only valid copy (Modified);
 * - a load by c with a valid copy hits; without one, c gets a shared copy (others keep theirs:
 *   Shared) and pays `cache_line_transfer` if another CPU wrote the line (the data comes from that
 *   cache); a line nobody wrote since the start comes from memory at the load cost;
 * - a store or cmpxchg by c without a valid copy pays `cache_line_transfer` likewise; with a
 *   shared copy it upgrades for free (the invalidation is not charged: modelling choice).
 * A failed cmpxchg still takes the line exclusive (`cmpxchg` always requests ownership), though it
 * writes nothing on ia64: under `owner-biased` it starts no tenure (emu/engine/coherence.ts).
 *
 * Arbitration (emu/base/coherence.ts): under the default `fair` policy every access takes effect
 * when it issues. Under the other policies the executor first asks `defer`: under `owner-biased` a
 * remote request for a line another CPU holds Modified and keeps re-using is not served
 * (emu/engine/coherence.ts); under `round-robin` an access that needs the bus (a miss, or a store
 * or cmpxchg without the line exclusive) waits until the bus is free and its turn comes
 * (emu/engine/coherence-bus.ts). A refused access is retried later; it takes effect, with the
 * costs above, when it is served.
 */
import type { Shared, Word } from '../../interpolator/ops.js';
import type { TimeFs } from '../base/time.js';
import {
  type Arbiter,
  BUS_ADDRESS,
  BUS_NONE,
  BUS_TRANSFER,
  type BusNeed,
  noTenure,
  type Tenure,
} from './arbiter.js';
import { splitTime } from './split-time.js';

interface Line {
  /** write epoch; copies with this epoch are valid */
  epoch: number;
  /** last writer, -1 before the first write */
  writer: number;
  /**
   * Per CPU: the epoch of its copy (0 = none), allocated when a second CPU takes a copy. Until
   * then the one CPU that holds a copy is `sole` (-1: none yet) with `soleEpoch`: most lines are
   * one CPU's own data, and a full array per line would grow as CPUs² (16 384 CPUs, ≈ 16 000
   * lines touched: 1 GiB).
   */
  copies: Int32Array | null;
  sole: number;
  soleEpoch: number;
  transfers: number;
  readonly name: string;
  /** the owner-biased policy's state (unused under the fair policy) */
  readonly tenure: Tenure;
  /** the CPU holding the line exclusively (its store or cmpxchg, no load by another since), or -1 */
  exclusive: number;
}

export interface LineStats {
  readonly name: string;
  /** cache-line transfers charged on this line */
  readonly transfers: number;
  /** last writer, or -1 */
  readonly writer: number;
}

type Fields = Record<string, Word>;

export class Memory {
  private readonly lines = new WeakMap<Shared, Line>();
  private readonly names = new WeakMap<Shared, string>();
  private anonymous = 0;
  /** the last line touched (kernel code hammers few lines: saves the WeakMap lookup) */
  private lastObj: Shared | undefined = undefined;
  private lastLine: Line | undefined = undefined;
  /** whether the last access paid a cache-line transfer */
  lastTransfer = false;

  /**
   * @param bias the arbitration policy; undefined for the fair policy, where `defer` is never
   *   needed
   */
  constructor(
    readonly cpuCount: number,
    readonly bias: Arbiter | undefined = undefined,
  ) {}

  /**
   * Under an arbitration policy: 0n if `cpu`'s access to `obj` is served at `nowFs`, else the
   * delay before it is retried (the access did not happen). `exclusive`: a store or cmpxchg (it
   * needs the line exclusive); `writes`: it writes the line (a store, or a cmpxchg that will
   * exchange).
   */
  defer(cpu: number, obj: Shared, exclusive: boolean, writes: boolean, nowFs: TimeFs): TimeFs {
    const [hi, lo] = splitTime(nowFs);
    return this.deferSplit(cpu, obj, exclusive, writes, hi, lo);
  }

  /** `defer` at the split time (nowHi, nowLo) (split-time.ts), as the executor keeps its clocks. */
  deferSplit(
    cpu: number,
    obj: Shared,
    exclusive: boolean,
    writes: boolean,
    nowHi: number,
    nowLo: number,
  ): TimeFs {
    if (this.bias === undefined) return 0n;
    const line = this.line(obj);
    const need = this.busNeed(line, cpu, exclusive);
    return this.bias.defer(cpu, need, nowHi, nowLo, line.tenure, writes);
  }

  /** Whether a cmpxchg of `obj.field` against `expected` would exchange now (the line untouched). */
  wouldExchange(obj: Shared, field: string, expected: Word): boolean {
    return (obj as Fields)[field] === expected;
  }

  /**
   * What `cpu`'s access needs of the bus: nothing when its copy serves it (a load with a valid
   * copy, a store or cmpxchg with the line exclusive); a transfer when the line comes from
   * another CPU's cache (the cases that charge `cache_line_transfer`); else an address-only
   * transaction (an upgrade of a shared copy, a read of a line nobody wrote).
   */
  private busNeed(line: Line, cpu: number, exclusive: boolean): BusNeed {
    const valid = this.copyEpoch(line, cpu) === line.epoch;
    if (valid && (!exclusive || line.exclusive === cpu)) return BUS_NONE;
    return !valid && line.writer >= 0 && line.writer !== cpu ? BUS_TRANSFER : BUS_ADDRESS;
  }

  /** The CPU holding `obj`'s line Modified under the owner-biased policy, -1 when none (or under another policy). */
  holderOf(obj: Shared): number {
    return this.line(obj).tenure.holder;
  }

  /** Names a record for traces and statistics (otherwise `line#n` in first-touch order). */
  name(obj: Shared, name: string): void {
    if (this.lines.has(obj)) throw new Error(`memory: ${name} was already touched unnamed`);
    this.names.set(obj, name);
  }

  nameOf(obj: Shared): string {
    return this.line(obj).name;
  }

  load(cpu: number, obj: Shared, field: string): Word {
    const line = this.line(obj);
    if (this.copyEpoch(line, cpu) === line.epoch) this.lastTransfer = false;
    else {
      this.setCopy(line, cpu);
      if (line.exclusive !== cpu) line.exclusive = -1;
      this.lastTransfer = line.writer >= 0 && line.writer !== cpu;
      if (this.lastTransfer) line.transfers++;
    }
    return (obj as Fields)[field]!;
  }

  store(cpu: number, obj: Shared, field: string, value: Word): void {
    this.own(cpu, this.line(obj));
    (obj as Fields)[field] = value;
  }

  /** Returns the value found; the exchange happened iff it `=== expected`. */
  cmpxchg(cpu: number, obj: Shared, field: string, expected: Word, value: Word): Word {
    this.own(cpu, this.line(obj));
    const found = (obj as Fields)[field]!;
    if (found === expected) (obj as Fields)[field] = value;
    return found;
  }

  stats(obj: Shared): LineStats {
    const line = this.line(obj);
    return { name: line.name, transfers: line.transfers, writer: line.writer };
  }

  private own(cpu: number, line: Line): void {
    this.lastTransfer =
      this.copyEpoch(line, cpu) !== line.epoch && line.writer >= 0 && line.writer !== cpu;
    if (this.lastTransfer) line.transfers++;
    if (++line.epoch === 0x7fff_ffff) {
      if (line.copies !== null) line.copies.fill(0);
      line.soleEpoch = 0;
      line.epoch = 1;
    }
    line.writer = cpu;
    line.exclusive = cpu;
    this.setCopy(line, cpu);
  }

  /** The epoch of CPU `cpu`'s copy of `line`, 0 for none. */
  private copyEpoch(line: Line, cpu: number): number {
    const copies = line.copies;
    if (copies !== null) return copies[cpu]!;
    return line.sole === cpu ? line.soleEpoch : 0;
  }

  /** CPU `cpu` now holds a copy of the line's current epoch. */
  private setCopy(line: Line, cpu: number): void {
    const copies = line.copies;
    if (copies !== null) copies[cpu] = line.epoch;
    else if (line.sole === cpu || line.sole < 0 || line.soleEpoch !== line.epoch) {
      line.sole = cpu;
      line.soleEpoch = line.epoch;
    } else {
      const all = new Int32Array(this.cpuCount);
      all[line.sole] = line.soleEpoch;
      all[cpu] = line.epoch;
      line.copies = all;
    }
  }

  private line(obj: Shared): Line {
    if (obj === this.lastObj) return this.lastLine!;
    let line = this.lines.get(obj);
    if (line === undefined) {
      const name = this.names.get(obj) ?? `line#${this.anonymous++}`;
      line = {
        epoch: 1,
        writer: -1,
        copies: null,
        sole: -1,
        soleEpoch: 0,
        transfers: 0,
        name,
        tenure: noTenure(),
        exclusive: -1,
      };
      this.lines.set(obj, line);
    }
    this.lastObj = obj;
    this.lastLine = line;
    return line;
  }
}
