// SPDX-License-Identifier: GPL-2.0-only
/** Power-of-two histograms of durations for the report (bucket k holds [2^k, 2^(k+1)) ns). */

export class Log2Histogram {
  private readonly counts: number[] = [];
  /** values of 0 ns */
  private zeros = 0;

  add(ns: bigint): void {
    if (ns <= 0n) {
      this.zeros++;
      return;
    }
    const k = ns.toString(2).length - 1;
    while (this.counts.length <= k) this.counts.push(0);
    this.counts[k]!++;
  }

  /** `lowNs` of each bucket (0 for the zero bucket) and its count, the zero bucket first. */
  buckets(): { readonly lowNs: string[]; readonly counts: number[] } {
    const lowNs = ['0', ...this.counts.map((_, k) => (1n << BigInt(k)).toString())];
    return { lowNs, counts: [this.zeros, ...this.counts] };
  }
}
