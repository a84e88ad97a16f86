// SPDX-License-Identifier: GPL-2.0-only
/**
 * Per-CPU state of a checker: an array indexed by CPU number (a lookup per read costs an index,
 * not a hash), with a Map for the numbers an array cannot index densely (negative, fractional,
 * beyond `DENSE_LIMIT`), which the machine never produces but the checkers' interface allows.
 */

const DENSE_LIMIT = 1 << 16;

export class CpuTable<T> {
  private readonly dense: (T | undefined)[] = [];
  private readonly sparse = new Map<number, T>();

  get(cpu: number): T | undefined {
    return cpu >>> 0 === cpu && cpu < DENSE_LIMIT ? this.dense[cpu] : this.sparse.get(cpu);
  }

  set(cpu: number, value: T): void {
    if (cpu >>> 0 === cpu && cpu < DENSE_LIMIT) {
      while (this.dense.length < cpu) this.dense.push(undefined);
      this.dense[cpu] = value;
    } else this.sparse.set(cpu, value);
  }

  delete(cpu: number): void {
    if (cpu >>> 0 === cpu && cpu < DENSE_LIMIT) {
      if (cpu < this.dense.length) this.dense[cpu] = undefined;
    } else this.sparse.delete(cpu);
  }

  /** The entries, by increasing CPU number. */
  sorted(): [number, T][] {
    const out: [number, T][] = [...this.sparse.entries()];
    this.dense.forEach((value, cpu) => {
      if (value !== undefined) out.push([cpu, value]);
    });
    return out.sort(([a], [b]) => a - b);
  }

  values(): T[] {
    return this.sorted().map(([, value]) => value);
  }
}
