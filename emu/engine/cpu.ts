// SPDX-License-Identifier: GPL-2.0-only
/**
 * One simulated CPU: its core clock, its current time, and the kernel code it runs (a stack of
 * generator frames: the thread at the bottom, interrupt handlers above it).
 *
 * Time is kept as the scheduler's split pair (hi, lo) of integer-valued Numbers (emu/scheduler.ts)
 * plus a fraction of a femtosecond: with the core clock at f = num/den Hz, one cycle lasts
 * P/Q fs where P/Q = 10^15·den/num in lowest terms, and `remQ` holds the fraction in units of 1/Q
 * fs. So after c cycles from a base b (and any whole-fs device latencies L), the time is exactly
 * b + floor(c·P/Q) + L: at 1.5 GHz a cycle is 2 000 000/3 fs, and three cycles are exactly 2 ns.
 * A CPU restarted from idle takes the restart instant as its new base (its cycle grid restarts).
 */
import type { KernelCode, Op } from '../../interpolator/ops.js';
import { gcd, type Rational } from '../base/rational.js';
import type { TimeFs } from '../base/time.js';
import type { EventHandle } from './scheduler.js';
import { joinTime, SPLIT, splitTime } from './split-time.js';

const FS_PER_S = 1_000_000_000_000_000n;
/** Largest intermediate kept on the Number path (headroom for the floor correction below). */
const NUMBER_PATH_MAX = 2 ** 52;
const NUMBER_PATH_MAX_N = BigInt(NUMBER_PATH_MAX);

/** Femtoseconds per cycle of a clock of `hz`, as P/Q in lowest terms. */
export function fsPerCycle(hz: Rational): { readonly p: bigint; readonly q: bigint } {
  if (hz.num <= 0n || hz.den <= 0n) throw new RangeError('cpu clock: frequency must be positive');
  const num = FS_PER_S * hz.den;
  const g = gcd(num, hz.num);
  return { p: num / g, q: hz.num / g };
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export type CpuState = 'idle' | 'run' | 'halt';

export class Cpu {
  /** split time (see emu/scheduler.ts) */
  hi = 0;
  lo = 0;
  /** fraction of a femtosecond, in units of 1/q fs (`remBig` when P or Q is beyond Numbers) */
  remQ = 0;
  remBig = 0n;
  state: CpuState = 'idle';
  /** started by `Executor.start`, its first event not yet run (trace records are due then) */
  starting = false;
  /** the code's interrupt flag (psr.i), set by irq_save / irq_restore */
  irqEnabled = true;
  /** an interrupt is latched, waiting to be taken */
  irqPending = false;
  /** open `irq_off` windows */
  irqOffDepth = 0;
  /** kernel code: the thread at index 0, interrupt handlers above, each with its called frames */
  readonly frames: KernelCode<unknown>[] = [];
  /**
   * per interrupt handler: the interrupted code's pending result and interrupt flag, and `base`,
   * the index of the handler's own frame
   */
  readonly saved: {
    readonly sent: unknown;
    readonly irqEnabled: boolean;
    readonly base: number;
  }[] = [];
  /** the frames started by a hooked call (`CallOp.hook`), innermost last, and their hooks */
  readonly hookFrames: number[] = [];
  readonly hookNames: string[] = [];
  /** the value to send into the top frame when it resumes */
  sent: unknown = undefined;
  /** a memory access the coherence policy deferred: performed again before the frame resumes */
  retry: Op | undefined = undefined;

  ops = 0;
  cmpxchg = 0;
  cmpxchgFailed = 0;
  transfers = 0;
  interrupts = 0;

  private readonly p: number;
  private readonly q: number;
  private readonly pN: bigint;
  private readonly qN: bigint;
  /** P and Q are safe integers: the Number path may be used */
  private readonly small: boolean;

  constructor(
    readonly id: number,
    readonly clockHz: Rational,
    /** the CPU's scheduler event (runs its next operation) */
    readonly event: EventHandle,
  ) {
    const { p, q } = fsPerCycle(clockHz);
    this.small = p <= SAFE && q <= SAFE;
    this.p = Number(p);
    this.q = Number(q);
    this.pN = p;
    this.qN = q;
  }

  /** `nowFs` as last computed, for the (hi, lo) it was computed at */
  private bigFs: TimeFs = 0n;
  private bigHi = 0;
  private bigLo = 0;

  get nowFs(): TimeFs {
    if (this.hi !== this.bigHi || this.lo !== this.bigLo) {
      this.bigHi = this.hi;
      this.bigLo = this.lo;
      this.bigFs = joinTime(this.hi, this.lo);
    }
    return this.bigFs;
  }

  /** Sets the time to `tFs` and restarts the cycle grid there. */
  rebase(tFs: TimeFs): void {
    [this.hi, this.lo] = splitTime(tFs);
    this.remQ = 0;
    this.remBig = 0n;
  }

  /** Rebase to an already split time. */
  rebaseSplit(hi: number, lo: number): void {
    this.hi = hi;
    this.lo = lo;
    this.remQ = 0;
    this.remBig = 0n;
  }

  /** Advances by `cycles` of the core clock, exactly. */
  addCycles(cycles: number): void {
    if (!this.small) {
      const big = this.remBig + BigInt(cycles) * this.pN;
      this.remBig = big % this.qN;
      this.addFsBig(big / this.qN);
      return;
    }
    const x = this.remQ + cycles * this.p;
    if (x <= NUMBER_PATH_MAX) {
      let fs = Math.floor(x / this.q);
      let r = x - fs * this.q;
      if (r < 0) {
        fs--;
        r += this.q;
      } else if (r >= this.q) {
        fs++;
        r -= this.q;
      }
      this.remQ = r;
      this.addFs(fs);
    } else {
      const big = BigInt(this.remQ) + BigInt(cycles) * this.pN;
      this.remQ = Number(big % this.qN);
      this.addFsBig(big / this.qN);
    }
  }

  /** Advances by whole femtoseconds (a safe integer). */
  addFs(fs: number): void {
    let lo = this.lo + fs;
    if (lo >= SPLIT) {
      const carry = Math.floor(lo / SPLIT);
      this.hi += carry;
      lo -= carry * SPLIT;
    }
    this.lo = lo;
  }

  addFsBig(fs: bigint): void {
    if (fs <= NUMBER_PATH_MAX_N) this.addFs(Number(fs));
    else {
      const [hi, lo] = splitTime(fs);
      this.hi += hi;
      this.addFs(lo);
    }
  }
}
