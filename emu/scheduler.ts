/**
 * The discrete-event scheduler: the one owner of simulated time (style.md lessons 1 and 2).
 *
 * Events run in the order (time fs, band, sequence number): the sequence number is taken when an
 * event is armed, so events at the same instant and band run in the order they were armed (FIFO,
 * as SimPy's `eid` and jsbeeb's "after equal expiries"). `now` is set to an event's time before its
 * callback runs; the callback may arm, cancel or re-arm any handle, its own included.
 *
 * Time inside the heap is split into two integer-valued Numbers, `hi = floor(t / 2^32)` and
 * `lo = t mod 2^32` (exact for t < 2^85 fs, about 1.2 million years), so a comparison costs two
 * Number compares instead of a bigint compare. The bigint reference order is held equal to it by a
 * property test (test/emu/scheduler.spec.ts). The public API speaks bigint femtoseconds; the
 * executor uses the split form directly (`armSplit`) to stay off bigint on its hot path.
 */
import type { TimeFs } from './time.js';

/**
 * Priority bands, for events at the same instant. Lower runs first:
 * - DEVICE: device state changes at t (a comparator match, a wrap, a frequency step) happen before
 *   anything observes the device at t;
 * - IRQ: interrupt delivery and `irq_off` window edges at t, after the device raised the line and
 *   before the CPUs act, so an operation starting at t sees an interrupt raised at t;
 * - CPU: operations of kernel code;
 * - CHECKER: checkers and recorders sample after everything else at t has happened.
 */
export const Band = { DEVICE: 0, IRQ: 1, CPU: 2, CHECKER: 3 } as const;
export type Band = (typeof Band)[keyof typeof Band];

/** 2^32: the split base of heap times. */
export const SPLIT = 4_294_967_296;
const SPLIT_N = 4_294_967_296n;
const MAX_HI = 2 ** 53;

export type EventCallback = () => void;

/** A schedulable event. Created by `event`/`schedule`; armed at most once at a time. */
export interface EventHandle {
  readonly band: Band;
  /** true while armed and not yet run or cancelled */
  readonly pending: boolean;
}

class Entry implements EventHandle {
  /** index in the heap, -1 when not pending */
  pos = -1;
  /** the bigint time when armed through the bigint API (saves a conversion when it runs) */
  atFs: TimeFs | undefined = undefined;
  constructor(
    readonly owner: Scheduler,
    readonly band: Band,
    readonly callback: EventCallback,
  ) {}
  get pending(): boolean {
    return this.pos >= 0;
  }
}

/** Band and sequence number in one exact Number: band · 2^48 + seq (seq < 2^48 ≈ 2.8·10^14). */
const BAND_UNIT = 2 ** 48;

/** Splits a non-negative bigint time; throws beyond the exact range. */
export function splitTime(tFs: TimeFs): [hi: number, lo: number] {
  if (tFs < 0n) throw new RangeError(`negative time ${tFs} fs`);
  const hi = Number(tFs >> 32n);
  if (hi >= MAX_HI) throw new RangeError(`time ${tFs} fs beyond the scheduler's range`);
  return [hi, Number(BigInt.asUintN(32, tFs))];
}

/** Below this `hi`, hi · 2^32 + lo < 2^53 is exact in a Number: one conversion instead of three. */
const JOIN_FAST_HI = 2 ** 21;

export const joinTime = (hi: number, lo: number): TimeFs =>
  hi < JOIN_FAST_HI ? BigInt(hi * SPLIT + lo) : BigInt(hi) * SPLIT_N + BigInt(lo);

/**
 * The heap is a struct of arrays (keys in Float64Arrays, entries beside them) so that a
 * comparison reads unboxed numbers: `hi`, then `lo`, then `ord` = band · 2^48 + seq.
 */
export class Scheduler {
  private hiKeys = new Float64Array(64);
  private loKeys = new Float64Array(64);
  private ordKeys = new Float64Array(64);
  private entries: Entry[] = [];
  /** physical entries, including `running` */
  private size = 0;
  /**
   * The event whose callback is running: logically popped, physically still at slot 0 until
   * `settle`, so that re-arming it (the common case: a periodic device, a CPU's next operation)
   * costs one sift-down instead of a pop and a push.
   */
  private running: Entry | null = null;
  private nextSeq = 0;
  private nowHiV = 0;
  private nowLoV = 0;
  private nowBig: TimeFs | undefined = 0n;

  /** Current simulated time, femtoseconds. */
  get nowFs(): TimeFs {
    if (this.nowBig === undefined) this.nowBig = joinTime(this.nowHiV, this.nowLoV);
    return this.nowBig;
  }
  get nowHi(): number {
    return this.nowHiV;
  }
  get nowLo(): number {
    return this.nowLoV;
  }

  /** Number of armed events. */
  get pendingCount(): number {
    return this.running === null ? this.size : this.size - 1;
  }

  /** A new, unarmed event. */
  event(band: Band, callback: EventCallback): EventHandle {
    return new Entry(this, band, callback);
  }

  /** A new event armed at `atFs`. */
  schedule(atFs: TimeFs, band: Band, callback: EventCallback): EventHandle {
    const h = new Entry(this, band, callback);
    this.arm(h, atFs);
    return h;
  }

  /** Arms an unarmed handle. Throws if it is pending, foreign, or `atFs` is before now. */
  arm(handle: EventHandle, atFs: TimeFs): void {
    const [hi, lo] = splitTime(atFs);
    this.armSplit(handle, hi, lo);
    (handle as Entry).atFs = atFs;
  }

  /** `arm` with a split time (hi, lo as `splitTime` returns). */
  armSplit(handle: EventHandle, hi: number, lo: number): void {
    const e = this.own(handle);
    if (e.pos >= 0) throw new Error('scheduler: the event is already pending');
    if (hi < this.nowHiV || (hi === this.nowHiV && lo < this.nowLoV))
      throw new RangeError(
        `scheduler: event at ${joinTime(hi, lo)} fs is before now ${this.nowFs}`,
      );
    if (this.nextSeq >= BAND_UNIT) throw new RangeError('scheduler: sequence numbers exhausted');
    e.atFs = undefined;
    if (e === this.running) {
      this.running = null;
      this.down(0, hi, lo, e.band * BAND_UNIT + this.nextSeq++, e);
      return;
    }
    this.settle();
    if (this.size === this.hiKeys.length) this.grow();
    this.up(this.size++, hi, lo, e.band * BAND_UNIT + this.nextSeq++, e);
  }

  /** Cancels the event if pending, then arms it at `atFs` (a new sequence number). */
  reschedule(handle: EventHandle, atFs: TimeFs): void {
    this.cancel(handle);
    this.arm(handle, atFs);
  }

  /** Disarms a pending event; returns whether it was pending. */
  cancel(handle: EventHandle): boolean {
    const e = this.own(handle);
    if (e.pos < 0) return false;
    this.settle();
    const i = e.pos;
    e.pos = -1;
    const last = --this.size;
    if (i !== last) {
      const hi = this.hiKeys[last]!;
      const lo = this.loKeys[last]!;
      const ord = this.ordKeys[last]!;
      const moved = this.entries[last]!;
      this.down(i, hi, lo, ord, moved);
      if (moved.pos === i) this.up(i, hi, lo, ord, moved);
    }
    this.entries[last] = undefined as unknown as Entry;
    return true;
  }

  /** Time of the next event, or undefined when none is pending. */
  nextTimeFs(): TimeFs | undefined {
    this.settle();
    if (this.size === 0) return undefined;
    return this.entries[0]!.atFs ?? joinTime(this.hiKeys[0]!, this.loKeys[0]!);
  }

  /**
   * Whether an event armed now at (hi, lo, band) would run before every pending event: it is
   * earlier, or at the same instant in a lower band (a new event's sequence number is the largest).
   */
  wouldRunFirst(hi: number, lo: number, band: Band): boolean {
    const t = this.topIndex();
    if (t < 0) return true;
    const topHi = this.hiKeys[t]!;
    if (hi !== topHi) return hi < topHi;
    const topLo = this.loKeys[t]!;
    if (lo !== topLo) return lo < topLo;
    return band < Math.floor(this.ordKeys[t]! / BAND_UNIT);
  }

  /** Slot of the next event to run (a child of a running root), or -1. */
  private topIndex(): number {
    if (this.running === null) return this.size > 0 ? 0 : -1;
    if (this.size < 3) return this.size - 1 > 0 ? 1 : -1;
    const H = this.hiKeys;
    const L = this.loKeys;
    if (H[1]! !== H[2]!) return H[1]! < H[2]! ? 1 : 2;
    if (L[1]! !== L[2]!) return L[1]! < L[2]! ? 1 : 2;
    return this.ordKeys[1]! < this.ordKeys[2]! ? 1 : 2;
  }

  /** Completes the deferred pop of the running event. */
  private settle(): void {
    if (this.running === null) return;
    this.running = null;
    const last = --this.size;
    if (last > 0)
      this.down(
        0,
        this.hiKeys[last]!,
        this.loKeys[last]!,
        this.ordKeys[last]!,
        this.entries[last]!,
      );
    this.entries[last] = undefined as unknown as Entry;
  }

  /**
   * Moves `now` forward to (hi, lo) without running an event: for a caller that runs in place an
   * event that `wouldRunFirst` (the executor's fast path). Throws if that is not the case.
   */
  advanceSplit(hi: number, lo: number, band: Band): void {
    if (hi < this.nowHiV || (hi === this.nowHiV && lo < this.nowLoV))
      throw new RangeError('scheduler: advance into the past');
    if (!this.wouldRunFirst(hi, lo, band))
      throw new Error('scheduler: advance past a pending event');
    if (hi !== this.nowHiV || lo !== this.nowLoV) {
      this.nowHiV = hi;
      this.nowLoV = lo;
      this.nowBig = undefined;
    }
  }

  /**
   * `advanceSplit` when the event would run first, in one check: true if `now` moved to
   * (hi, lo); false, with nothing changed, if a pending event comes first (the executor's fast
   * path). Throws if (hi, lo) is before now.
   */
  advanceIfFirst(hi: number, lo: number, band: Band): boolean {
    if (hi < this.nowHiV || (hi === this.nowHiV && lo < this.nowLoV))
      throw new RangeError('scheduler: advance into the past');
    if (!this.wouldRunFirst(hi, lo, band)) return false;
    if (hi !== this.nowHiV || lo !== this.nowLoV) {
      this.nowHiV = hi;
      this.nowLoV = lo;
      this.nowBig = undefined;
    }
    return true;
  }

  /** Runs the next event. Returns false when none is pending. */
  step(): boolean {
    this.settle();
    if (this.size === 0) return false;
    const top = this.entries[0]!;
    const hi = this.hiKeys[0]!;
    const lo = this.loKeys[0]!;
    top.pos = -1;
    this.running = top;
    if (hi !== this.nowHiV || lo !== this.nowLoV) {
      this.nowHiV = hi;
      this.nowLoV = lo;
      this.nowBig = top.atFs;
    }
    try {
      top.callback();
    } finally {
      this.settle();
    }
    return true;
  }

  /** Runs every event with time <= `tFs`, then sets now = `tFs`. Returns the number run. */
  runUntil(tFs: TimeFs): number {
    const [hi, lo] = splitTime(tFs);
    if (hi < this.nowHiV || (hi === this.nowHiV && lo < this.nowLoV))
      throw new RangeError(`scheduler: runUntil(${tFs}) is before now ${this.nowFs}`);
    this.settle();
    let n = 0;
    while (this.size > 0) {
      const topHi = this.hiKeys[0]!;
      if (topHi > hi || (topHi === hi && this.loKeys[0]! > lo)) break;
      this.step();
      n++;
    }
    this.nowHiV = hi;
    this.nowLoV = lo;
    this.nowBig = tFs;
    return n;
  }

  private own(handle: EventHandle): Entry {
    if (!(handle instanceof Entry) || handle.owner !== this)
      throw new Error('scheduler: the handle belongs to another scheduler');
    return handle;
  }

  private grow(): void {
    const n = this.hiKeys.length * 2;
    const hiKeys = new Float64Array(n);
    const loKeys = new Float64Array(n);
    const ordKeys = new Float64Array(n);
    hiKeys.set(this.hiKeys);
    loKeys.set(this.loKeys);
    ordKeys.set(this.ordKeys);
    this.hiKeys = hiKeys;
    this.loKeys = loKeys;
    this.ordKeys = ordKeys;
  }

  /** Places (hi, lo, ord, e) at hole i or above it. */
  private up(i: number, hi: number, lo: number, ord: number, e: Entry): void {
    const H = this.hiKeys;
    const L = this.loKeys;
    const O = this.ordKeys;
    const E = this.entries;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const ph = H[p]!;
      if (ph < hi || (ph === hi && (L[p]! < lo || (L[p]! === lo && O[p]! < ord)))) break;
      H[i] = ph;
      L[i] = L[p]!;
      O[i] = O[p]!;
      const pe = E[p]!;
      E[i] = pe;
      pe.pos = i;
      i = p;
    }
    H[i] = hi;
    L[i] = lo;
    O[i] = ord;
    E[i] = e;
    e.pos = i;
  }

  /**
   * Places (hi, lo, ord, e) at hole i or below it (heap of `size` entries), bottom-up: the hole
   * first descends along the smaller children to a leaf (one comparison per level), then e rises
   * from there. A re-armed or moved-up event is usually among the latest, so it rises little:
   * about half the comparisons of the textbook sift-down.
   */
  private down(i: number, hi: number, lo: number, ord: number, e: Entry): void {
    const H = this.hiKeys;
    const L = this.loKeys;
    const O = this.ordKeys;
    const E = this.entries;
    const n = this.size;
    let hole = i;
    for (;;) {
      let c = 2 * hole + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n) {
        const rh = H[r]!;
        const ch = H[c]!;
        if (rh < ch || (rh === ch && (L[r]! < L[c]! || (L[r]! === L[c]! && O[r]! < O[c]!)))) c = r;
      }
      H[hole] = H[c]!;
      L[hole] = L[c]!;
      O[hole] = O[c]!;
      const ce = E[c]!;
      E[hole] = ce;
      ce.pos = hole;
      hole = c;
    }
    while (hole > i) {
      const p = (hole - 1) >> 1;
      const ph = H[p]!;
      if (ph < hi || (ph === hi && (L[p]! < lo || (L[p]! === lo && O[p]! < ord)))) break;
      H[hole] = ph;
      L[hole] = L[p]!;
      O[hole] = O[p]!;
      const pe = E[p]!;
      E[hole] = pe;
      pe.pos = hole;
      hole = p;
    }
    H[hole] = hi;
    L[hole] = lo;
    O[hole] = ord;
    E[hole] = e;
    e.pos = hole;
  }
}
