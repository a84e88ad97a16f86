// SPDX-License-Identifier: GPL-2.0-only
/**
 * A seeded sequence of draws whose position is a plain integer, so a snapshot can record it. The
 * `Rng` interface exposes no state, so draws come from per-block forks (`block<k>`): restoring
 * position `i` forks block `i / blockSize` and replays at most `blockSize - 1` draws.
 */
import type { Rng } from '../../emu/base/rng.js';

export class DrawStream<T> {
  private readonly rng: Rng;
  private readonly draw: (rng: Rng) => T;
  private readonly blockSize: number;
  private nextIndex = 0;
  private live: Rng | null = null;
  private liveIndex = -1;

  constructor(rng: Rng, draw: (rng: Rng) => T, blockSize = 1024) {
    if (!Number.isInteger(blockSize) || blockSize < 1) {
      throw new RangeError('DrawStream blockSize must be a positive integer');
    }
    this.rng = rng;
    this.draw = draw;
    this.blockSize = blockSize;
  }

  /** Number of draws taken so far: the stream's whole state. */
  get index(): number {
    return this.nextIndex;
  }

  set index(index: number) {
    if (!Number.isSafeInteger(index) || index < 0) {
      throw new RangeError(`DrawStream index must be a non-negative integer, got ${index}`);
    }
    this.nextIndex = index;
  }

  next(): T {
    const index = this.nextIndex;
    if (this.live === null || this.liveIndex !== index || index % this.blockSize === 0) {
      this.seek(index);
    }
    const value = this.draw(this.live as Rng);
    this.nextIndex = index + 1;
    this.liveIndex = index + 1;
    return value;
  }

  private seek(index: number): void {
    const block = Math.floor(index / this.blockSize);
    const live = this.rng.fork(`block${block}`);
    for (let i = block * this.blockSize; i < index; i++) this.draw(live);
    this.live = live;
    this.liveIndex = index;
  }
}
