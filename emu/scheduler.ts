/**
 * The discrete-event scheduler: the one owner of simulated time (style.md lessons 1 and 2).
 *
 * Events run in the order (time fs, band, sequence number): the sequence number is taken when an
 * event is armed, so events at the same instant and band run in the order they were armed (FIFO,
 * as SimPy's `eid` and jsbeeb's "after equal expiries"). `now` is set to an event's time before its
 * callback runs; the callback may arm, cancel or re-arm any handle, its own included.
 *
 * The API's split time is two integer-valued Numbers, `hi = floor(t / 2^32)` and
 * `lo = t mod 2^32` (exact for t < 2^85 fs, about 1.2 million years). The public API speaks bigint
 * femtoseconds; the executor uses the split form directly (`armSplit`) to stay off bigint on its
 * hot path. Inside the heap, time is one Number relative to a moving base (see `keyOf`). The bigint
 * reference order is held equal to the heap's by property tests (test/emu/scheduler*.spec.ts).
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

/** Band and sequence number in one exact Number: band · 2^48 + seq (seq < 2^48 ≈ 2.8·10^14). */
const BAND_UNIT = 2 ** 48;

class Entry implements EventHandle {
  /** slot of the entry's time and order in the scheduler's tables while in the heap, else -1 */
  id = -1;
  armed = false;
  /** the bigint time when armed through the bigint API (saves a conversion when it runs) */
  atFs: TimeFs | undefined = undefined;
  readonly bandOrd: number;
  constructor(
    readonly owner: Scheduler,
    readonly band: Band,
    readonly callback: EventCallback,
  ) {
    this.bandOrd = band * BAND_UNIT;
  }
  get pending(): boolean {
    return this.armed;
  }
}

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
 * Heap keys: a time whose `hi` is less than NEAR_HI above the base's is keyed by its exact offset
 * from the base, t − base < (2^21 − 1) · 2^32 < 2^53 fs (≈ 9 simulated seconds); a later one is
 * FAR, above every near key, and FAR keys are ordered among themselves by their exact (hi, lo).
 */
const NEAR_HI = 2 ** 21 - 1;
const FAR = 2 ** 53;
/** The base moves to the event about to run once it is this far (in `hi`, ≈ 4.5 s) ahead. */
const REBASE_HI = 2 ** 20;
/** Key of the free slot after the last heap entry: a child that never wins. */
const NONE = Number.POSITIVE_INFINITY;

/**
 * A binary heap of slot ids (`heap`), with each one's time key and order (band · 2^48 + seq) beside
 * it in `keys`, by heap position: a sift reads siblings' keys from adjacent unboxed numbers and
 * moves two numbers and an int per level. Every position from `size` on holds the NONE key. The
 * exact time and the entry are kept by slot id (`his`, `los`, `entries`), read only on equal FAR
 * keys, when an event runs, and when the base moves. Slot ids are reused (`freeIds`).
 */
export class Scheduler {
  /** by heap position i: keys[2i] = time key, keys[2i + 1] = band · 2^48 + seq */
  private keys = new Float64Array(130).fill(NONE);
  private heap = new Int32Array(64);
  /** by slot id: heap position */
  private posOf = new Int32Array(64);
  private his = new Float64Array(64);
  private los = new Float64Array(64);
  private entries: (Entry | undefined)[] = [];
  private freeIds = new Int32Array(64);
  private freeCount = 0;
  private freshId = 0;
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
  /** the keys' base time, never after now */
  private baseHi = 0;
  private baseLo = 0;

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
    if (e.armed) throw new Error('scheduler: the event is already pending');
    if (hi < this.nowHiV || (hi === this.nowHiV && lo < this.nowLoV))
      throw new RangeError(
        `scheduler: event at ${joinTime(hi, lo)} fs is before now ${this.nowFs}`,
      );
    if (this.nextSeq >= BAND_UNIT) throw new RangeError('scheduler: sequence numbers exhausted');
    e.atFs = undefined;
    e.armed = true;
    const ord = e.bandOrd + this.nextSeq++;
    const key = this.keyOf(hi, lo);
    if (e === this.running) {
      this.running = null;
      const id = e.id;
      this.his[id] = hi;
      this.los[id] = lo;
      this.down(0, key, ord, id);
      return;
    }
    this.settle();
    if (this.size === this.heap.length) this.grow();
    const id = this.freeCount > 0 ? this.freeIds[--this.freeCount]! : this.freshId++;
    e.id = id;
    this.entries[id] = e;
    this.his[id] = hi;
    this.los[id] = lo;
    this.up(this.size++, key, ord, id);
  }

  /** Cancels the event if pending, then arms it at `atFs` (a new sequence number). */
  reschedule(handle: EventHandle, atFs: TimeFs): void {
    this.cancel(handle);
    this.arm(handle, atFs);
  }

  /** Disarms a pending event; returns whether it was pending. */
  cancel(handle: EventHandle): boolean {
    const e = this.own(handle);
    if (!e.armed) return false;
    this.settle();
    const id = e.id;
    const i = this.posOf[id]!;
    this.release(e);
    const last = --this.size;
    const K = this.keys;
    const key = K[2 * last]!;
    const ord = K[2 * last + 1]!;
    K[2 * last] = NONE;
    if (i !== last) {
      const moved = this.heap[last]!;
      this.down(i, key, ord, moved);
    }
    return true;
  }

  /** Time of the next event, or undefined when none is pending. */
  nextTimeFs(): TimeFs | undefined {
    this.settle();
    if (this.size === 0) return undefined;
    const id = this.heap[0]!;
    return this.entries[id]!.atFs ?? joinTime(this.his[id]!, this.los[id]!);
  }

  /**
   * Whether an event armed now at (hi, lo, band) would run before every pending event: it is
   * earlier, or at the same instant in a lower band (a new event's sequence number is the largest).
   */
  wouldRunFirst(hi: number, lo: number, band: Band): boolean {
    const t = this.topIndex();
    if (t < 0) return true;
    const key = this.keyOf(hi, lo);
    const topKey = this.keys[2 * t]!;
    if (key !== topKey) return key < topKey;
    if (key === FAR) {
      const id = this.heap[t]!;
      const topHi = this.his[id]!;
      if (hi !== topHi) return hi < topHi;
      const topLo = this.los[id]!;
      if (lo !== topLo) return lo < topLo;
    }
    return band < Math.floor(this.keys[2 * t + 1]! / BAND_UNIT);
  }

  /** Slot of the next event to run (a child of a running root), or -1. */
  private topIndex(): number {
    if (this.running === null) return this.size > 0 ? 0 : -1;
    if (this.size < 2) return -1;
    const K = this.keys;
    const k1 = K[2]!;
    const k2 = K[4]!;
    return k2 < k1 || (k2 === k1 && (k1 === FAR ? this.before(2, 1) : K[5]! < K[3]!)) ? 2 : 1;
  }

  /** Completes the deferred pop of the running event. */
  private settle(): void {
    const e = this.running;
    if (e === null) return;
    this.running = null;
    this.release(e);
    const last = --this.size;
    const K = this.keys;
    const key = K[2 * last]!;
    K[2 * last] = NONE;
    if (last > 0) this.down(0, key, K[2 * last + 1]!, this.heap[last]!);
  }

  /** Frees the slot of an entry leaving the heap. */
  private release(e: Entry): void {
    const id = e.id;
    e.id = -1;
    e.armed = false;
    this.entries[id] = undefined;
    this.freeIds[this.freeCount++] = id;
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
    const id = this.heap[0]!;
    const top = this.entries[id]!;
    const hi = this.his[id]!;
    const lo = this.los[id]!;
    if (hi - this.baseHi >= REBASE_HI) this.rebase(hi, lo);
    top.armed = false;
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
    let keyBaseHi = Number.NaN;
    let key = 0;
    while (this.size > 0) {
      // a rebase always moves baseHi (by REBASE_HI or more)
      if (this.baseHi !== keyBaseHi) {
        keyBaseHi = this.baseHi;
        key = this.keyOf(hi, lo);
      }
      const topKey = this.keys[0]!;
      if (topKey > key) break;
      if (topKey === FAR && key === FAR) {
        const id = this.heap[0]!;
        const topHi = this.his[id]!;
        if (topHi > hi || (topHi === hi && this.los[id]! > lo)) break;
      }
      this.step();
      n++;
    }
    this.nowHiV = hi;
    this.nowLoV = lo;
    this.nowBig = tFs;
    return n;
  }

  /** The heap key of time (hi, lo), at or after the base. */
  private keyOf(hi: number, lo: number): number {
    const d = hi - this.baseHi;
    return d < NEAR_HI ? d * SPLIT + lo - this.baseLo : FAR;
  }

  private own(handle: EventHandle): Entry {
    if (!(handle instanceof Entry) || handle.owner !== this)
      throw new Error('scheduler: the handle belongs to another scheduler');
    return handle;
  }

  /** Whether heap position i runs before position j, given equal keys. */
  private before(i: number, j: number): boolean {
    const K = this.keys;
    if (K[2 * i] === FAR) {
      const a = this.heap[i]!;
      const b = this.heap[j]!;
      const ha = this.his[a]!;
      const hb = this.his[b]!;
      if (ha !== hb) return ha < hb;
      const la = this.los[a]!;
      const lb = this.los[b]!;
      if (la !== lb) return la < lb;
    }
    return K[2 * i + 1]! < K[2 * j + 1]!;
  }

  /** Whether an entry (FAR key, id, ord) runs before heap position j with the same key. */
  private farBefore(id: number, ord: number, j: number): boolean {
    const b = this.heap[j]!;
    const ha = this.his[id]!;
    const hb = this.his[b]!;
    if (ha !== hb) return ha < hb;
    const la = this.los[id]!;
    const lb = this.los[b]!;
    if (la !== lb) return la < lb;
    return ord < this.keys[2 * j + 1]!;
  }

  /**
   * Moves the base to (hi, lo), the earliest pending time, and recomputes every key. The order of
   * the keys is the exact order before and after, so the heap stays a heap.
   */
  private rebase(hi: number, lo: number): void {
    this.baseHi = hi;
    this.baseLo = lo;
    const K = this.keys;
    const H = this.heap;
    for (let i = 0; i < this.size; i++) {
      const id = H[i]!;
      K[2 * i] = this.keyOf(this.his[id]!, this.los[id]!);
    }
  }

  private grow(): void {
    const n = this.heap.length * 2;
    const keys = new Float64Array(2 * n + 2).fill(NONE);
    keys.set(this.keys);
    this.keys = keys;
    this.heap = growInt(this.heap, n);
    this.posOf = growInt(this.posOf, n);
    this.freeIds = growInt(this.freeIds, n);
    this.his = growFloat(this.his, n);
    this.los = growFloat(this.los, n);
  }

  /** Places slot `id` with (`key`, `ord`) at hole i or above it. */
  private up(i: number, key: number, ord: number, id: number): void {
    const K = this.keys;
    const H = this.heap;
    const P = this.posOf;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const kp = K[2 * p]!;
      if (
        kp < key ||
        (kp === key && (key === FAR ? !this.farBefore(id, ord, p) : K[2 * p + 1]! < ord))
      )
        break;
      K[2 * i] = kp;
      K[2 * i + 1] = K[2 * p + 1]!;
      const pid = H[p]!;
      H[i] = pid;
      P[pid] = i;
      i = p;
    }
    K[2 * i] = key;
    K[2 * i + 1] = ord;
    H[i] = id;
    P[id] = i;
  }

  /**
   * Places slot `id` with (`key`, `ord`) at hole i, below it or (after a cancel) above it,
   * bottom-up: the hole first descends along the earlier children to a leaf (one comparison per
   * level; a NONE key stands in for a missing right child), then the entry rises from there. A
   * re-armed or moved-up event is usually among the latest, so it rises little: about half the
   * comparisons of the textbook sift-down. The child is chosen without a branch: which sibling
   * is earlier is a coin toss (at 512 CPUs, often decided by `ord` between equal times), which a
   * predicted branch would miss half the time.
   */
  private down(i: number, key: number, ord: number, id: number): void {
    const K = this.keys;
    const H = this.heap;
    const P = this.posOf;
    const n = this.size;
    let hole = i;
    let c = 2 * hole + 1;
    while (c < n) {
      const kc = K[2 * c]!;
      const kr = K[2 * c + 2]!;
      if (kc === FAR && kr === FAR) {
        if (this.before(c + 1, c)) c++;
      } else c += +(kr < kc) | (+(kr === kc) & +(K[2 * c + 3]! < K[2 * c + 1]!));
      K[2 * hole] = K[2 * c]!;
      K[2 * hole + 1] = K[2 * c + 1]!;
      const cid = H[c]!;
      H[hole] = cid;
      P[cid] = hole;
      hole = c;
      c = 2 * hole + 1;
    }
    this.up(hole, key, ord, id);
  }
}

function growInt(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function growFloat(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
