// SPDX-License-Identifier: GPL-2.0-only
/**
 * True time of the simulated world, the reference the accuracy checker compares reads with:
 * CLOCK_MONOTONIC is the time since boot (the kernel starts it at 0: time_init sets
 * wall_to_monotonic = −xtime); CLOCK_REALTIME is the boot wall time plus the time since boot,
 * re-based by each settimeofday (a new epoch) and stepped at each UTC leap second (POSIX time
 * repeats 23:59:59 on insertion and skips it on deletion).
 */
import { FS_PER_NS, NS_PER_S, type TimeFs } from '../base/time.js';

const NS_PER_DAY = 86_400n * NS_PER_S;

interface Step {
  readonly atFs: TimeFs;
  readonly byNs: bigint;
}

export class TrueClock {
  /** REALTIME epoch: bumped by each settimeofday */
  epoch = 0;
  /** per epoch: REALTIME at time 0 of that epoch's line */
  private readonly basesNs: bigint[];
  private steps: Step[] = [];

  constructor(bootWallTimeNs: bigint) {
    this.basesNs = [bootWallTimeNs];
  }

  monotonicNs(tFs: TimeFs): bigint {
    return tFs / FS_PER_NS;
  }

  realtimeNs(tFs: TimeFs, epoch: number = this.epoch): bigint {
    let ns = this.basesNs[epoch]! + tFs / FS_PER_NS;
    if (epoch === this.epoch) for (const s of this.steps) if (s.atFs <= tFs) ns += s.byNs;
    return ns;
  }

  /** The wall clock was set to `wallNs` at `atFs`: a new epoch. */
  setWall(atFs: TimeFs, wallNs: bigint): void {
    this.basesNs.push(wallNs - atFs / FS_PER_NS);
    this.epoch = this.basesNs.length - 1;
    this.steps = [];
  }

  /** A leap second announced at `atFs` happens at the next UTC midnight. */
  leap(atFs: TimeFs, direction: 'insert' | 'delete'): void {
    const now = this.realtimeNs(atFs);
    const midnight = (now / NS_PER_DAY + 1n) * NS_PER_DAY;
    // insertion steps back at midnight; deletion steps forward at 23:59:59
    const targetNs = direction === 'insert' ? midnight : midnight - NS_PER_S;
    const atStepFs = (targetNs - now) * FS_PER_NS + atFs;
    this.steps.push({ atFs: atStepFs, byNs: direction === 'insert' ? -NS_PER_S : NS_PER_S });
  }
}
