// SPDX-License-Identifier: GPL-2.0-only
/**
 * The round-robin bus of emu/base/coherence.ts: one system bus shared by every CPU, one coherence
 * transaction on it at a time, granted to the requesters in rotating agent order.
 *
 * The arbitration is the symmetric agents' distributed scheme of the Itanium 2 system bus (Intel
 * Itanium 2 Processor Hardware Developer's Manual, system bus arbitration; restated for the same
 * bus in the Dual-Core Itanium 9000/9100 datasheet, BREQ[3:0]#): every agent tracks a rotating ID,
 * the agent that owned the bus last; at an arbitration event the requesting agent that follows it
 * in cyclic order wins, and becomes the lowest priority of the next event. An agent alone on the
 * bus gets it at once (it may park on it).
 */
import type { TimeFs } from '../base/time.js';
import { type Arbiter, BUS_NONE, BUS_TRANSFER, type BusNeed } from './arbiter.js';
import { joinTime, SPLIT, splitDiff, splitTime } from './split-time.js';

export class RoundRobinBus implements Arbiter {
  /** requests refused so far (bus busy, or another agent's turn) */
  deferrals = 0;
  /** the bus is occupied until this instant (split time) */
  private busyHi = 0;
  private busyLo = 0;
  /** the rotating ID: the last owner. At reset agent 0 has the highest priority. */
  private rotatingId: number;
  /** 1 while a CPU's refused request will be issued again at the next arbitration event */
  private readonly waiting: Uint8Array;
  /** the CPU whose address-only transaction completes at the busy end, or -1 */
  private completing = -1;
  /** `transferFs` as a Number when adding it to a split time's low word stays exact, else -1 */
  private readonly transferN: number;

  /**
   * @param transferFs how long a transaction holds the bus: `cache_line_transfer` cycles of the
   *   core clock, rounded up to the femtosecond
   */
  constructor(
    readonly cpuCount: number,
    private readonly transferFs: TimeFs,
  ) {
    this.rotatingId = cpuCount - 1;
    this.waiting = new Uint8Array(cpuCount);
    this.transferN = transferFs < 2n ** 52n ? Number(transferFs) : -1;
  }

  defer(cpu: number, need: BusNeed, nowHi: number, nowLo: number): TimeFs {
    if (this.completing === cpu) {
      this.completing = -1;
      return 0n;
    }
    if (need === BUS_NONE) {
      this.waiting[cpu] = 0;
      return 0n;
    }
    if (nowHi < this.busyHi || (nowHi === this.busyHi && nowLo < this.busyLo))
      return this.refuse(cpu, splitDiff(this.busyHi, this.busyLo, nowHi, nowLo));
    // An arbitration event. An agent that loses it (to a waiting agent, or to a transaction that
    // completes at this instant) issues again 1 fs later, when the winner holds the bus.
    if (this.completing >= 0 || this.winner(cpu) !== cpu) return this.refuse(cpu, 1n);
    this.waiting[cpu] = 0;
    this.rotatingId = cpu;
    this.holdFrom(nowHi, nowLo);
    if (need === BUS_TRANSFER) return 0n;
    // An address-only transaction (an upgrade) takes effect when its snoop completes.
    this.completing = cpu;
    return this.transferFs;
  }

  /** The bus is held from (hi, lo) for one transaction. */
  private holdFrom(hi: number, lo: number): void {
    if (this.transferN < 0) {
      [this.busyHi, this.busyLo] = splitTime(joinTime(hi, lo) + this.transferFs);
      return;
    }
    const end = lo + this.transferN;
    const carry = Math.floor(end / SPLIT);
    this.busyHi = hi + carry;
    this.busyLo = end - carry * SPLIT;
  }

  private refuse(cpu: number, waitFs: TimeFs): TimeFs {
    this.waiting[cpu] = 1;
    this.deferrals++;
    return waitFs;
  }

  /** The requester after the rotating ID in cyclic order, among the waiting CPUs and `cpu`. */
  private winner(cpu: number): number {
    const n = this.cpuCount;
    for (let k = 1; k <= n; k++) {
      const a = (this.rotatingId + k) % n;
      if (a === cpu || this.waiting[a] === 1) return a;
    }
    return cpu;
  }
}
