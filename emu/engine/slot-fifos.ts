// SPDX-License-Identifier: GPL-2.0-only
/**
 * The events of each slot (slot-heap.ts), in arming order: a FIFO per slot id, as a
 * doubly linked list threaded through the events themselves. Appending, popping the head and
 * removing a cancelled event anywhere are O(1), a queued event costs no memory of its own and an
 * idle slot two null references: steady state allocates nothing and nothing accumulates.
 */

/** An event as the FIFOs see it: its neighbours while queued, else null. */
export interface Linked<T> {
  prev: T | null;
  next: T | null;
}

/** By slot id: the FIFO's first and last event (null when empty). */
export class SlotFifos<T extends Linked<T>> {
  private first: (T | null)[] = [];
  private last: (T | null)[] = [];

  /** Makes room for slot ids below `n`. */
  ensure(n: number): void {
    while (this.first.length < n) {
      this.first.push(null);
      this.last.push(null);
    }
  }

  /** Whether slot `id` holds no event. */
  isEmpty(id: number): boolean {
    return this.first[id] === null;
  }

  /** The first event of slot `id` (null when empty). */
  head(id: number): T | null {
    return this.first[id]!;
  }

  /** Appends `e` to slot `id`'s FIFO. */
  push(id: number, e: T): void {
    const l = this.last[id]!;
    e.prev = l;
    if (l === null) this.first[id] = e;
    else l.next = e;
    this.last[id] = e;
  }

  /** Removes and returns slot `id`'s first event; the slot must hold one. */
  pop(id: number): T {
    const e = this.first[id]!;
    const n = e.next;
    this.first[id] = n;
    if (n === null) this.last[id] = null;
    else {
      n.prev = null;
      e.next = null;
    }
    return e;
  }

  /** Removes the queued `e` from slot `id`'s FIFO. */
  remove(id: number, e: T): void {
    const p = e.prev;
    const n = e.next;
    if (p === null) this.first[id] = n;
    else p.next = n;
    if (n === null) this.last[id] = p;
    else n.prev = p;
    e.prev = null;
    e.next = null;
  }
}
