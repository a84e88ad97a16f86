// SPDX-License-Identifier: GPL-2.0-only
/**
 * The reference model of the scheduler for the specs that hold emu/engine/scheduler.ts to it: a
 * list scanned for the least (time, band, arming order) at every step, every time a `bigint`.
 */
import type { Band, EventHandle } from '../../../emu/engine/scheduler.js';
import { joinTime } from '../../../emu/engine/split-time.js';

/** What the specs drive: the scheduler's public calls, and the model's. */
export interface Sched {
  readonly nowFs: bigint;
  readonly pendingCount: number;
  event(band: Band, cb: () => void): EventHandle;
  arm(h: EventHandle, t: bigint): void;
  cancel(h: EventHandle): boolean;
  step(): boolean;
  runUntil(t: bigint): number;
  nextTimeFs(): bigint | undefined;
  wouldRunFirst(hi: number, lo: number, band: Band): boolean;
}

export class ReferenceScheduler implements Sched {
  nowFs = 0n;
  private seq = 0;
  private readonly list: ModelEvent[] = [];
  get pendingCount(): number {
    return this.list.length;
  }
  event(band: Band, cb: () => void): EventHandle {
    return new ModelEvent(band, cb);
  }
  arm(h: EventHandle, t: bigint): void {
    const e = h as ModelEvent;
    if (e.pending) throw new Error('already pending');
    if (t < this.nowFs) throw new RangeError('past');
    e.t = t;
    e.seq = this.seq++;
    e.pending = true;
    this.list.push(e);
  }
  cancel(h: EventHandle): boolean {
    const i = this.list.indexOf(h as ModelEvent);
    if (i < 0) return false;
    this.list.splice(i, 1);
    (h as ModelEvent).pending = false;
    return true;
  }
  private first(): ModelEvent | undefined {
    let best: ModelEvent | undefined;
    for (const e of this.list)
      if (
        best === undefined ||
        e.t < best.t ||
        (e.t === best.t && (e.band < best.band || (e.band === best.band && e.seq < best.seq)))
      )
        best = e;
    return best;
  }
  step(): boolean {
    const e = this.first();
    if (e === undefined) return false;
    this.cancel(e);
    this.nowFs = e.t;
    e.cb();
    return true;
  }
  runUntil(t: bigint): number {
    let n = 0;
    for (let e = this.first(); e !== undefined && e.t <= t; e = this.first()) {
      this.step();
      n++;
    }
    this.nowFs = t;
    return n;
  }
  nextTimeFs(): bigint | undefined {
    return this.first()?.t;
  }
  wouldRunFirst(hi: number, lo: number, band: Band): boolean {
    const e = this.first();
    const t = joinTime(hi, lo);
    return e === undefined || t < e.t || (t === e.t && band < e.band);
  }
}

class ModelEvent implements EventHandle {
  t = 0n;
  seq = 0;
  pending = false;
  constructor(
    readonly band: Band,
    readonly cb: () => void,
  ) {}
}
