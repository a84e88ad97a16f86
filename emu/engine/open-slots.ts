// SPDX-License-Identifier: GPL-2.0-only
/**
 * The scheduler's open slots (emu/scheduler.ts): for a time and band, the newest slot of that time
 * and band, if it is still open to new events. A direct-mapped table by a hash of (hi, lo, band):
 * opening a slot replaces whatever the bucket held, an older slot of the same time and band or a
 * slot of another, which then simply takes no more events. So a slot found here is always the
 * newest of its time and band, whatever the collisions: they only cost extra slots.
 *
 * A slot that leaves the heap or moves to another time is closed by bumping its generation; a
 * bucket holds the generation it was opened with, so closing costs no table access.
 */

/** log2 of the buckets per band */
const BUCKET_BITS = 8;
/** 2^32 / φ, odd: Fibonacci hashing spreads times on a cycle grid over the top bits. */
const GOLDEN = 0x9e3779b1;
const MIX = 0x85ebca6b;
const NO_SLOT = -1;

export class OpenSlots {
  /** by bucket · 4 + band: slot id (or NO_SLOT) and the generation it was opened with */
  private readonly ids = new Int32Array(4 << BUCKET_BITS).fill(NO_SLOT);
  private readonly gens = new Float64Array(4 << BUCKET_BITS);
  /** by slot id: generation, bumped when the slot closes (exact up to 2^53 closes) */
  private slotGen = new Float64Array(64);
  /**
   * By band: the last slot found or opened, its time and generation, checked before the table
   * (consecutive events very often share time and band: CPUs in step). hi −1: none.
   */
  private readonly lastHi = new Float64Array(4).fill(-1);
  private readonly lastLo = new Float64Array(4);
  private readonly lastGen = new Float64Array(4);
  private readonly lastId = new Int32Array(4);
  /** the bucket and band of the last `find`, where `openFound` opens */
  private foundP = 0;
  private foundBand = 0;

  /** The open slot of time (hi, lo) and `band`, or -1; `his`, `los` are the slots' times. */
  find(his: Float64Array, los: Float64Array, hi: number, lo: number, band: number): number {
    let id = this.lastId[band]!;
    if (
      this.lastHi[band] === hi &&
      this.lastLo[band] === lo &&
      this.lastGen[band] === this.slotGen[id]
    )
      return id;
    const p = position(hi, lo, band);
    this.foundP = p;
    this.foundBand = band;
    id = this.ids[p]!;
    if (id === NO_SLOT || this.gens[p] !== this.slotGen[id] || los[id] !== lo || his[id] !== hi)
      return NO_SLOT;
    this.remember(id, hi, lo, band);
    return id;
  }

  /**
   * Opens slot `id` at time (hi, lo) in the bucket of the last `find`, which missed, of that time
   * and band, replacing the bucket's slot.
   */
  openFound(id: number, hi: number, lo: number): void {
    if (id >= this.slotGen.length) this.grow(id);
    const p = this.foundP;
    this.ids[p] = id;
    this.gens[p] = this.slotGen[id]!;
    this.remember(id, hi, lo, this.foundBand);
  }

  /** Closes slot `id` (open or not) for good: it leaves the heap or moves to another time. */
  close(id: number): void {
    this.slotGen[id] = this.slotGen[id]! + 1;
  }

  private remember(id: number, hi: number, lo: number, band: number): void {
    this.lastHi[band] = hi;
    this.lastLo[band] = lo;
    this.lastGen[band] = this.slotGen[id]!;
    this.lastId[band] = id;
  }

  private grow(id: number): void {
    const g = new Float64Array(Math.max(2 * this.slotGen.length, id + 1));
    g.set(this.slotGen);
    this.slotGen = g;
  }
}

function position(hi: number, lo: number, band: number): number {
  return (
    ((Math.imul(Math.imul(hi | 0, MIX) ^ (lo | 0), GOLDEN) >>> (32 - BUCKET_BITS)) << 2) | band
  );
}
