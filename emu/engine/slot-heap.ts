// SPDX-License-Identifier: GPL-2.0-only
/**
 * The scheduler's heap of slots (emu/scheduler.ts): a slot holds the events armed one after another
 * at one time and band, in a FIFO (slot-fifos.ts); the heap orders slots by
 * (time, band, slot sequence number).
 *
 * Time is one Number relative to a moving base (`keyOf`): a time whose `hi` is less than NEAR_HI
 * above the base's is keyed by its exact offset, t − base < (2^21 − 1) · 2^32 < 2^53 fs (≈ 9
 * simulated seconds); a later one is FAR, above every near key, and FAR keys are ordered among
 * themselves by their exact (hi, lo), kept by slot id. Band and sequence number are one exact
 * Number, the slot's `ord` = band · 2^48 + seq.
 */

import { SPLIT } from './split-time.js';

const NEAR_HI = 2 ** 21 - 1;
export const FAR = 2 ** 53;
/** Key of the free position after the last heap entry: a child that never wins. */
const NONE = Number.POSITIVE_INFINITY;

/**
 * A binary heap of slot ids (`ids`), with each one's time key and ord beside it in `keys`, by heap
 * position: a sift reads siblings' keys from adjacent unboxed numbers and moves two numbers and an
 * int per level. Every position from `size` on holds the NONE key. By slot id: the heap position
 * (`posOf`) and the exact split time (`his`, `los`), read only on equal FAR keys and when the base
 * moves. Slot ids are reused (`freeIds`).
 */
export class SlotHeap {
  /** by heap position i: keys[2i] = time key, keys[2i + 1] = ord */
  keys = new Float64Array(130).fill(NONE);
  ids = new Int32Array(64);
  /** by slot id */
  posOf = new Int32Array(64);
  his = new Float64Array(64);
  los = new Float64Array(64);
  size = 0;
  /** the keys' base time, never after now */
  baseHi = 0;
  baseLo = 0;
  private freeIds = new Int32Array(64);
  private freeCount = 0;
  private freshId = 0;

  /** Number of slot ids ever handed out: every id is below it. */
  get idLimit(): number {
    return this.freshId;
  }

  /** Places a new slot at time (hi, lo) with `ord` in the heap; returns its id. */
  insert(hi: number, lo: number, ord: number): number {
    let id: number;
    if (this.freeCount > 0) id = this.freeIds[--this.freeCount]!;
    else {
      if (this.freshId === this.ids.length) this.grow();
      id = this.freshId++;
    }
    this.his[id] = hi;
    this.los[id] = lo;
    this.up(this.size++, this.keyOf(hi, lo), ord, id);
    return id;
  }

  /** Removes the slot at heap position i and frees its id. */
  removeAt(i: number): void {
    this.freeIds[this.freeCount++] = this.ids[i]!;
    const last = --this.size;
    const K = this.keys;
    const key = K[2 * last]!;
    K[2 * last] = NONE;
    if (i !== last) this.down(i, key, K[2 * last + 1]!, this.ids[last]!);
  }

  /** Gives the root slot the later time (hi, lo) and `ord`. */
  retimeRoot(hi: number, lo: number, ord: number): void {
    const id = this.ids[0]!;
    this.his[id] = hi;
    this.los[id] = lo;
    this.down(0, this.keyOf(hi, lo), ord, id);
  }

  /** Heap position of the earlier child of the root, or -1 without children. */
  rootChild(): number {
    if (this.size < 2) return -1;
    const K = this.keys;
    const k1 = K[2]!;
    const k2 = K[4]!;
    return k2 < k1 || (k2 === k1 && (k1 === FAR ? this.farAtBefore(2, 1) : K[5]! < K[3]!)) ? 2 : 1;
  }

  /** The heap key of time (hi, lo), at or after the base. */
  keyOf(hi: number, lo: number): number {
    const d = hi - this.baseHi;
    return d < NEAR_HI ? d * SPLIT + lo - this.baseLo : FAR;
  }

  /** Whether (hi, lo) is before the slot at heap position i, given an equal FAR key. */
  farBefore(hi: number, lo: number, i: number): boolean {
    const id = this.ids[i]!;
    const h = this.his[id]!;
    return hi !== h ? hi < h : lo < this.los[id]!;
  }

  /**
   * Moves the base to (hi, lo), the earliest pending time, and recomputes every key. The order of
   * the keys is the exact order before and after, so the heap stays a heap.
   */
  rebase(hi: number, lo: number): void {
    this.baseHi = hi;
    this.baseLo = lo;
    const K = this.keys;
    const I = this.ids;
    for (let i = 0; i < this.size; i++) {
      const id = I[i]!;
      K[2 * i] = this.keyOf(this.his[id]!, this.los[id]!);
    }
  }

  /** Whether the slot at heap position i runs before the one at j, both keyed FAR. */
  private farAtBefore(i: number, j: number): boolean {
    return this.farIdBefore(this.ids[i]!, this.keys[2 * i + 1]!, j);
  }

  /** Whether slot `id` (FAR key, `ord`) runs before the slot at heap position j, FAR too. */
  private farIdBefore(id: number, ord: number, j: number): boolean {
    const hi = this.his[id]!;
    const lo = this.los[id]!;
    const b = this.ids[j]!;
    if (hi !== this.his[b] || lo !== this.los[b]) return this.farBefore(hi, lo, j);
    return ord < this.keys[2 * j + 1]!;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const keys = new Float64Array(2 * n + 2).fill(NONE);
    keys.set(this.keys);
    this.keys = keys;
    this.ids = growInt(this.ids, n);
    this.posOf = growInt(this.posOf, n);
    this.freeIds = growInt(this.freeIds, n);
    this.his = growFloat(this.his, n);
    this.los = growFloat(this.los, n);
  }

  /** Places slot `id` with (`key`, `ord`) at hole i or above it. */
  private up(i: number, key: number, ord: number, id: number): void {
    const K = this.keys;
    const I = this.ids;
    const P = this.posOf;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const kp = K[2 * p]!;
      if (
        kp < key ||
        (kp === key && (key === FAR ? !this.farIdBefore(id, ord, p) : K[2 * p + 1]! < ord))
      )
        break;
      K[2 * i] = kp;
      K[2 * i + 1] = K[2 * p + 1]!;
      const pid = I[p]!;
      I[i] = pid;
      P[pid] = i;
      i = p;
    }
    K[2 * i] = key;
    K[2 * i + 1] = ord;
    I[i] = id;
    P[id] = i;
  }

  /**
   * Places slot `id` with (`key`, `ord`) at hole i, below it or (after a removal) above it,
   * bottom-up: the hole first descends along the earlier children to a leaf (one comparison per
   * level; a NONE key stands in for a missing right child), then the slot rises from there. The
   * child is chosen without a branch: which sibling is earlier is a coin toss (with CPUs in step,
   * often decided by `ord` between equal times), which a predicted branch would miss half the time.
   */
  private down(i: number, key: number, ord: number, id: number): void {
    const K = this.keys;
    const I = this.ids;
    const P = this.posOf;
    const n = this.size;
    let hole = i;
    let c = 2 * hole + 1;
    while (c < n) {
      const kc = K[2 * c]!;
      const kr = K[2 * c + 2]!;
      if (kc === FAR && kr === FAR) {
        if (this.farAtBefore(c + 1, c)) c++;
      } else c += +(kr < kc) | (+(kr === kc) & +(K[2 * c + 3]! < K[2 * c + 1]!));
      K[2 * hole] = K[2 * c]!;
      K[2 * hole + 1] = K[2 * c + 1]!;
      const cid = I[c]!;
      I[hole] = cid;
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
