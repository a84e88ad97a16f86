// SPDX-License-Identifier: GPL-2.0-only
/**
 * The discrete-event scheduler: the one owner of simulated time (docs/machine.md).
 *
 * Events run in the order (time fs, band, arming order): events at the same instant and band run in
 * the order they were armed (FIFO, as SimPy's `eid` and jsbeeb's "after equal expiries"). `now` is
 * set to an event's time before its callback runs; the callback may arm, cancel or re-arm any
 * handle, its own included.
 *
 * The public API is `event`/`schedule`, `arm`, `cancel`, `runUntil` and `nowFs`, in bigint
 * femtoseconds (`step`, `pendingCount` and `nextTimeFs` for tests and tools). The methods marked
 * `@internal` take the split time of emu/engine/split-time.ts: they are the executor's fast paths,
 * for emu/engine only (biome.json forbids split-time.ts outside it).
 *
 * Pending events are grouped: CPUs running in step on the cycle grid arm many events at the same few
 * instants. A heap holds slots (slot-heap.ts), each a FIFO of the events armed one after
 * another at one time and band (slot-fifos.ts), ordered by (time, band, the slot's
 * sequence number). An event joins the newest slot of its time and band if that slot is still
 * open (open-slots.ts), else it opens a new slot: a slot's events were armed after those of
 * every earlier slot of its time and band and before those of every later one, so the slots' order
 * and their FIFOs give the events' order. Arming into an open slot, and running an event that does
 * not empty its slot, leave the heap alone. The bigint reference order is held equal to this one by
 * property tests (test/emu/scheduler*.spec.ts).
 */

import type { TimeFs } from '../base/time.js';
import { OpenSlots } from './open-slots.js';
import { SlotFifos } from './slot-fifos.js';
import { SlotHeap } from './slot-heap.js';
import { joinTime, splitTime } from './split-time.js';

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

/** The base moves to the event about to run once it is this far (in `hi`, ≈ 4.5 s) ahead. */
const REBASE_HI = 2 ** 20;
/** `FAR` key of slot-heap.ts: beyond the exact relative keys. */
const FAR = 2 ** 53;
/** A slot's band and sequence number in one exact Number: band · 2^48 + seq (seq < 2^48). */
const BAND_UNIT = 2 ** 48;

export type EventCallback = () => void;

/** A schedulable event. Created by `event`/`schedule`; armed at most once at a time. */
export interface EventHandle {
  readonly band: Band;
  /** true while armed and not yet run or cancelled */
  readonly pending: boolean;
}

class Entry implements EventHandle {
  armed = false;
  /** slot id of the entry's time while armed */
  slot = -1;
  /** the bigint time when armed through the bigint API (saves a conversion when it runs) */
  atFs: TimeFs | undefined = undefined;
  /** neighbours in the slot's FIFO while armed */
  prev: Entry | null = null;
  next: Entry | null = null;
  constructor(
    readonly owner: Scheduler,
    readonly band: Band,
    readonly callback: EventCallback,
  ) {}
  get pending(): boolean {
    return this.armed;
  }
}

export class Scheduler {
  private readonly heap = new SlotHeap();
  private readonly fifos = new SlotFifos<Entry>();
  private readonly open = new OpenSlots();
  private nextSeq = 0;
  /**
   * The slot of the event whose callback is running, or -1. When its last event has run, the slot
   * stays at the heap's root until `settle`, so that re-arming at a new time (a periodic device, a
   * CPU's next operation) moves the root slot with one sift instead of a pop and a push. Invariant:
   * while it is empty, it is at the root (`cancel` drops it at once otherwise).
   */
  private runningSlot = -1;
  private pendingN = 0;
  private nowHiV = 0;
  private nowLoV = 0;
  private nowBig: TimeFs | undefined = 0n;
  /** the end (inclusive) of the `runUntil` in progress: nothing runs in place after it */
  private limitHi = Number.POSITIVE_INFINITY;
  private limitLo = 0;

  /** Current simulated time, femtoseconds. */
  get nowFs(): TimeFs {
    if (this.nowBig === undefined) this.nowBig = joinTime(this.nowHiV, this.nowLoV);
    return this.nowBig;
  }
  /** @internal `nowFs` split (emu/engine/split-time.ts) */
  get nowHi(): number {
    return this.nowHiV;
  }
  /** @internal */
  get nowLo(): number {
    return this.nowLoV;
  }

  /** Number of armed events. */
  get pendingCount(): number {
    return this.pendingN;
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

  /** @internal `arm` with a split time (hi, lo as `splitTime` returns). */
  armSplit(handle: EventHandle, hi: number, lo: number): void {
    const e = this.own(handle);
    if (e.armed) throw new Error('scheduler: the event is already pending');
    if (hi < this.nowHiV || (hi === this.nowHiV && lo < this.nowLoV))
      throw new RangeError(
        `scheduler: event at ${joinTime(hi, lo)} fs is before now ${this.nowFs}`,
      );
    e.atFs = undefined;
    const b = e.band;
    const H = this.heap;
    let id = this.open.find(H.his, H.los, hi, lo, b);
    if (id < 0) {
      id = this.newSlot(hi, lo, b);
      this.open.openFound(id, hi, lo);
    }
    e.armed = true;
    e.slot = id;
    this.fifos.push(id, e);
    this.pendingN++;
  }

  /** Cancels the event if pending, then arms it at `atFs` (it runs after the events armed before). */
  reschedule(handle: EventHandle, atFs: TimeFs): void {
    this.cancel(handle);
    this.arm(handle, atFs);
  }

  /** Disarms a pending event; returns whether it was pending. */
  cancel(handle: EventHandle): boolean {
    const e = this.own(handle);
    if (!e.armed) return false;
    e.armed = false;
    const id = e.slot;
    this.fifos.remove(id, e);
    this.pendingN--;
    if (!this.fifos.isEmpty(id)) return true;
    const i = this.heap.posOf[id]!;
    // The running slot, emptied, waits at the root for a re-arm (see `runningSlot`); one that an
    // earlier slot (a lower band at its instant, armed by the callback) pushed off the root goes now.
    if (id === this.runningSlot) {
      if (i === 0) return true;
      this.runningSlot = -1;
    }
    this.dropSlot(id, i);
    return true;
  }

  /** Time of the next event, or undefined when none is pending. */
  nextTimeFs(): TimeFs | undefined {
    this.settle();
    const H = this.heap;
    if (H.size === 0) return undefined;
    const id = H.ids[0]!;
    return this.fifos.head(id)!.atFs ?? joinTime(H.his[id]!, H.los[id]!);
  }

  /**
   * @internal
   * Whether an event armed now at (hi, lo, band) would run before every pending event: it is
   * earlier, or at the same instant in a lower band (a new event runs after the pending events of
   * its own band at that instant).
   */
  wouldRunFirst(hi: number, lo: number, band: Band): boolean {
    const H = this.heap;
    let t = 0;
    const r = this.runningSlot;
    if (r >= 0 && this.fifos.isEmpty(r)) t = H.rootChild();
    else if (H.size === 0) t = -1;
    if (t < 0) return true;
    const key = H.keyOf(hi, lo);
    const topKey = H.keys[2 * t]!;
    if (key !== topKey) return key < topKey;
    if (key === FAR) {
      const id = H.ids[t]!;
      if (hi !== H.his[id] || lo !== H.los[id]) return H.farBefore(hi, lo, t);
    }
    return band < Math.floor(H.keys[2 * t + 1]! / BAND_UNIT);
  }

  /**
   * @internal
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
   * @internal
   * `advanceSplit` when the event would run first, in one check: true if `now` moved to
   * (hi, lo); false, with nothing changed, if a pending event comes first or (hi, lo) is after
   * the end of the `runUntil` in progress (the executor's fast path: it then arms its event,
   * which the next `runUntil` runs). Throws if (hi, lo) is before now.
   */
  advanceIfFirst(hi: number, lo: number, band: Band): boolean {
    if (hi < this.nowHiV || (hi === this.nowHiV && lo < this.nowLoV))
      throw new RangeError('scheduler: advance into the past');
    if (hi > this.limitHi || (hi === this.limitHi && lo > this.limitLo)) return false;
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
    const H = this.heap;
    if (H.size === 0) return false;
    const id = H.ids[0]!;
    const top = this.fifos.pop(id);
    top.armed = false;
    this.pendingN--;
    const hi = H.his[id]!;
    const lo = H.los[id]!;
    if (hi - H.baseHi >= REBASE_HI) H.rebase(hi, lo);
    this.runningSlot = id;
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
    const H = this.heap;
    let n = 0;
    let keyBaseHi = Number.NaN;
    let key = 0;
    const outerHi = this.limitHi;
    const outerLo = this.limitLo;
    this.limitHi = hi;
    this.limitLo = lo;
    try {
      while (H.size > 0) {
        // a rebase always moves baseHi (by REBASE_HI or more)
        if (H.baseHi !== keyBaseHi) {
          keyBaseHi = H.baseHi;
          key = H.keyOf(hi, lo);
        }
        const topKey = H.keys[0]!;
        if (topKey > key) break;
        if (topKey === FAR && key === FAR && H.farBefore(hi, lo, 0)) break;
        this.step();
        n++;
      }
    } finally {
      this.limitHi = outerHi;
      this.limitLo = outerLo;
    }
    this.nowHiV = hi;
    this.nowLoV = lo;
    this.nowBig = tFs;
    return n;
  }

  /**
   * A new slot at (hi, lo) and `band`: the root slot, moved, when its running event was its last
   * (the common re-arm of a lone event); else a new one.
   */
  private newSlot(hi: number, lo: number, band: Band): number {
    if (this.nextSeq >= BAND_UNIT) throw new RangeError('scheduler: sequence numbers exhausted');
    const ord = band * BAND_UNIT + this.nextSeq++;
    const H = this.heap;
    const r = this.runningSlot;
    if (r >= 0 && this.fifos.isEmpty(r)) {
      this.runningSlot = -1;
      this.open.close(r);
      H.retimeRoot(hi, lo, ord);
      return r;
    }
    const id = H.insert(hi, lo, ord);
    this.fifos.ensure(H.idLimit);
    return id;
  }

  /** Completes the deferred removal of the running event's slot if it is empty. */
  private settle(): void {
    const r = this.runningSlot;
    if (r < 0) return;
    this.runningSlot = -1;
    if (this.fifos.isEmpty(r)) this.dropSlot(r, 0);
  }

  /** Removes the empty slot `id` at heap position i. */
  private dropSlot(id: number, i: number): void {
    this.heap.removeAt(i);
    this.open.close(id);
  }

  private own(handle: EventHandle): Entry {
    if (!(handle instanceof Entry) || handle.owner !== this)
      throw new Error('scheduler: the handle belongs to another scheduler');
    return handle;
  }
}
