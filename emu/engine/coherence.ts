// SPDX-License-Identifier: GPL-2.0-only
/**
 * The owner-biased arbitration of emu/base/coherence.ts, per cache line: who holds the line
 * Modified (its tenure), since when, and when it last used it. memory.ts asks `defer` before an
 * access takes effect; a non-zero answer means the access did not happen and must be retried
 * after that many femtoseconds.
 */
import type { OwnerBiasedCoherence } from '../base/coherence.js';
import type { Rng } from '../base/rng.js';
import type { TimeFs } from '../base/time.js';
import type { Arbiter, BusNeed, Tenure } from './arbiter.js';
import { elapsedAtMost } from './split-time.js';

export class OwnerBias implements Arbiter {
  /** requests deferred so far */
  deferrals = 0;
  /** `reuseWindowFs` as a Number, for `elapsedAtMost` */
  private readonly reuseWindowN: number;
  /** the longest tenure that still defers, `maxHoldFs − 1` fs (a tenure younger than maxHold) */
  private readonly heldAtMostFs: TimeFs;
  private readonly heldAtMostN: number;

  constructor(
    private readonly p: OwnerBiasedCoherence,
    private readonly rng: Rng,
  ) {
    this.reuseWindowN = Number(p.reuseWindowFs);
    this.heldAtMostFs = p.maxHoldFs - 1n;
    this.heldAtMostN = Number(this.heldAtMostFs);
  }

  /**
   * 0n if `cpu`'s access is served at (nowHi, nowLo), updating the tenure `t`; otherwise the delay
   * before the request is retried. The bus need is not used: the tenure alone decides. A served
   * access that `writes` the line (a store, or a cmpxchg that exchanges) starts a tenure; any
   * other, a load or a cmpxchg that fails (ia64 writes nothing then), leaves the line held by
   * nobody.
   */
  defer(
    cpu: number,
    _need: BusNeed,
    nowHi: number,
    nowLo: number,
    t: Tenure,
    writes: boolean,
  ): TimeFs {
    if (t.holder === cpu) {
      t.lastUseHi = nowHi;
      t.lastUseLo = nowLo;
      return 0n;
    }
    if (t.holder >= 0 && this.owned(t, nowHi, nowLo)) {
      this.deferrals++;
      return (
        this.rng.belowBig(this.p.retryFs) + 1n + BigInt(this.hops(cpu, t.holder)) * this.p.hopFs
      );
    }
    if (writes) {
      t.holder = cpu;
      t.sinceHi = nowHi;
      t.sinceLo = nowLo;
      t.lastUseHi = nowHi;
      t.lastUseLo = nowLo;
    } else t.holder = -1;
    return 0n;
  }

  /** The holder still defers remote requests: it used the line lately, within its tenure. */
  private owned(t: Tenure, nowHi: number, nowLo: number): boolean {
    return (
      elapsedAtMost(
        nowHi,
        nowLo,
        t.lastUseHi,
        t.lastUseLo,
        this.p.reuseWindowFs,
        this.reuseWindowN,
      ) && elapsedAtMost(nowHi, nowLo, t.sinceHi, t.sinceLo, this.heldAtMostFs, this.heldAtMostN)
    );
  }

  /**
   * Router hops between two CPUs' nodes: 0 on one node, else the levels of a binary router tree
   * to climb, the bit length of the nodes' XOR (a modelling choice for a fat-tree NUMAlink).
   */
  hops(a: number, b: number): number {
    const perNode = this.p.cpusPerNode;
    if (perNode === 0) return 0;
    const x = Math.floor(a / perNode) ^ Math.floor(b / perNode);
    return x === 0 ? 0 : 32 - Math.clz32(x);
  }
}
