// SPDX-License-Identifier: GPL-2.0-only
/**
 * Per-CPU cycle counters: the x86 TSC (Intel SDM vol. 3, "Time-Stamp Counter") and the ia64 ITC
 * with its ITM match register (Itanium SDM vol. 2, "Interval Time Counter and Match Register").
 * On an SMP board every CPU's counter runs from one crystal (the base clock the CPUs multiply up),
 * so with one `clock` all CPUs share one oscillator and differ only by their offsets; `perCpuClock`
 * gives each CPU its own crystal (per-node clocks, e.g. SN2 nodes or a multi-board NUMA machine).
 * Each CPU has an offset and an IA32_TSC_ADJUST value; RDTSC returns `internal + TSC_ADJUST`
 * (SDM: TSC_ADJUST, MSR 0x3B).
 *
 *   internal(t) = internalBase + osc(t) − oscBase   while counting
 *   internal(t) = internalBase                      while stopped (non-invariant and halted)
 */
import type { Distribution } from '../../emu/base/distribution.js';
import { gcd, type Rational } from '../../emu/base/rational.js';
import type { Rng } from '../../emu/base/rng.js';
import { FS_PER_S, type TimeFs } from '../../emu/base/time.js';
import type { ClockConfig } from '../clock/config.js';
import { Oscillator, type OscillatorSnapshot } from '../clock/oscillator.js';
import type { BusAccess, CycleCounterDevice, DeviceHost, TimerHandle } from '../device.js';

/**
 * `invariant`: counts in every C-, P- and T-state (CPUID.80000007H:EDX[8]); `stops-when-halted`:
 * a constant-rate counter that stops while its CPU is halted (deep C-states), via `halt`/`resume`.
 */
export type TscRateClass = 'invariant' | 'stops-when-halted';

export interface CycleCounterOptions {
  readonly name: string;
  readonly cpus: number;
  readonly frequencyHz: Rational;
  /**
   * initial counter value per CPU (the boot-time sync residual), cycles: a list, or a distribution
   * drawn once per CPU in CPU order from the stream `offsets`; default 0
   */
  readonly offsetsCycles?: readonly bigint[] | Distribution;
  /** the one crystal every CPU counts from, or one crystal per CPU */
  readonly clock?: ClockConfig;
  readonly perCpuClock?: readonly ClockConfig[];
  readonly rateClass?: TscRateClass;
  /** cost of one read in CPU cycles (RDTSC ≈ 24, `mov ar.itc` similar), converted at cpuFrequencyHz */
  readonly readCostCycles: bigint;
  readonly cpuFrequencyHz: Rational;
  /** how far back counters stay queryable (default 1 s) */
  readonly historyFs?: TimeFs;
  readonly rng: Rng;
  /** needed only for the ITM (`setMatch`) */
  readonly host?: DeviceHost;
}

export interface CycleCounterCpuSnapshot {
  readonly internalBase: bigint;
  readonly oscBase: bigint;
  readonly counting: boolean;
  readonly tscAdjust: bigint;
  /** ITM value, or null when no match is armed */
  readonly match: bigint | null;
  readonly clock: OscillatorSnapshot;
}

export interface CycleCounterSnapshot {
  readonly version: 1;
  readonly cpus: readonly CycleCounterCpuSnapshot[];
}

interface CpuCounter {
  readonly osc: Oscillator;
  internalBase: bigint;
  oscBase: bigint;
  counting: boolean;
  tscAdjust: bigint;
  match: bigint | null;
  handle: TimerHandle | null;
  /**
   * The read formula fused over one oscillator segment, valid for t in [fastFromFs, fastToFs)
   * while the oscillator's epoch is fastEpoch (−1: none) and nothing here changes (see #rearm):
   *
   *   internal(t) + tscAdjust = fastAdd + (fastOffset + fastMult·t) / fastDen
   *
   * which is internalBase + floor((base + mult·(t − start)) / den) − oscBase + tscAdjust: with
   * o = base − mult·start, m = mult, d = den divided by their gcd (smaller bigints), o = q·d + r,
   * 0 <= r < d, fastOffset = r and fastAdd takes q; the numerator is then >= 0 (segments start at
   * t >= 0), so truncating division is the floor.
   */
  fastEpoch: number;
  fastFromFs: TimeFs;
  fastToFs: TimeFs | null;
  fastOffset: bigint;
  fastMult: bigint;
  fastDen: bigint;
  fastAdd: bigint;
  /** the segment is the oldest retained one, so `retire(now − historyFs)` has nothing to drop */
  fastFirst: boolean;
}

const U64 = 64;

export class CycleCounter implements CycleCounterDevice {
  readonly name: string;
  readonly frequencyHz: Rational;
  readonly rateClass: TscRateClass;
  readonly readCostFs: TimeFs;
  private readonly perCpu: CpuCounter[];
  /** every CPU counts from one oscillator (no `perCpuClock`) */
  private readonly sharedCrystal: boolean;
  private readonly host: DeviceHost | undefined;
  private readonly historyFs: TimeFs;
  /** reused by every `readCycles` (the contract lets a caller use a result only until the next read) */
  private readonly access: { value: bigint; latencyFs: TimeFs };

  constructor(o: CycleCounterOptions) {
    if (!Number.isInteger(o.cpus) || o.cpus < 1)
      throw new RangeError(`${o.name}: cpus must be >= 1`);
    if (o.perCpuClock && o.perCpuClock.length !== o.cpus) {
      throw new RangeError(
        `${o.name}: per_cpu_clock has ${o.perCpuClock.length} entries for ${o.cpus} CPUs`,
      );
    }
    const offsets = offsetsOf(o);
    if (o.cpuFrequencyHz.num <= 0n)
      throw new RangeError(`${o.name}: cpu frequency must be positive`);
    this.name = o.name;
    this.frequencyHz = o.frequencyHz;
    this.rateClass = o.rateClass ?? 'invariant';
    this.host = o.host;
    this.historyFs = o.historyFs ?? FS_PER_S;
    const f = o.cpuFrequencyHz;
    // cycles / f seconds, rounded up to whole fs
    this.readCostFs = (o.readCostCycles * FS_PER_S * f.den + f.num - 1n) / f.num;
    this.access = { value: 0n, latencyFs: this.readCostFs };
    this.sharedCrystal = o.perCpuClock === undefined;
    const crystal = this.sharedCrystal
      ? new Oscillator({
          nominalHz: o.frequencyHz,
          rng: o.rng.fork('crystal'),
          ...(o.clock ? { clock: o.clock } : {}),
        })
      : undefined;
    this.perCpu = Array.from({ length: o.cpus }, (_, cpu) => {
      const clock = o.perCpuClock?.[cpu];
      return {
        osc:
          crystal ??
          new Oscillator({
            nominalHz: o.frequencyHz,
            rng: o.rng.fork(`cpu${cpu}`),
            ...(clock ? { clock } : {}),
          }),
        internalBase: offsets[cpu]!,
        oscBase: 0n,
        counting: true,
        tscAdjust: 0n,
        match: null,
        handle: null,
        fastEpoch: -1,
        fastFromFs: 0n,
        fastToFs: null,
        fastOffset: 0n,
        fastMult: 0n,
        fastDen: 1n,
        fastAdd: 0n,
        fastFirst: false,
      };
    });
  }

  get cpus(): number {
    return this.perCpu.length;
  }

  /** The oscillator behind a CPU's counter (for checkers and the inverse function). */
  oscillatorOf(cpu: number): Oscillator {
    return this.cpu(cpu).osc;
  }

  /** What RDTSC / `mov ar.itc` returns at t, without jitter: a pure function of time. */
  valueAt(cpu: number, t: TimeFs): bigint {
    const c = this.cpu(cpu);
    return BigInt.asUintN(U64, this.internal(c, t) + c.tscAdjust);
  }

  /** The first t >= fromFs at which the counter reads `value` (modulo 2^64), or null if stopped. */
  timeOfValue(cpu: number, value: bigint, fromFs: TimeFs): TimeFs | null {
    const c = this.cpu(cpu);
    if (!c.counting) return null;
    const delta = BigInt.asUintN(U64, value - this.valueAt(cpu, fromFs));
    const target = c.osc.countAt(fromFs) + delta;
    return c.osc.timeOfCountUnbounded(target, fromFs);
  }

  readCycles(cpu: number, nowFs: TimeFs): BusAccess {
    const c = this.cpu(cpu);
    const osc = c.osc;
    const fast =
      c.fastEpoch === osc.epoch &&
      nowFs >= c.fastFromFs &&
      (c.fastToFs === null || nowFs < c.fastToFs);
    // a retire that drops segments keeps the one containing now, so `fast` stays exact
    if (!(fast && c.fastFirst)) osc.retire(nowFs - this.historyFs);
    const jitter = c.counting ? osc.jitter() : 0n;
    let value: bigint;
    if (fast) {
      const r = c.fastOffset;
      const n = r === 0n ? c.fastMult * nowFs : r + c.fastMult * nowFs;
      value = c.fastAdd + n / c.fastDen;
    } else {
      value = this.internal(c, nowFs) + c.tscAdjust;
      if (c.counting) this.fuse(c, nowFs);
    }
    const access = this.access;
    access.value = BigInt.asUintN(U64, jitter === 0n ? value : value + jitter);
    return access;
  }

  peekCycles(cpu: number, nowFs: TimeFs): bigint {
    return this.valueAt(cpu, nowFs);
  }

  /** WRMSR IA32_TSC: the counter reads `value` from now; TSC_ADJUST moves by the same delta. */
  writeTsc(cpu: number, value: bigint, nowFs: TimeFs): void {
    const c = this.cpu(cpu);
    const delta = BigInt.asUintN(U64, value) - this.valueAt(cpu, nowFs);
    c.tscAdjust = BigInt.asIntN(U64, c.tscAdjust + delta);
    this.rearm(cpu, nowFs);
  }

  readTscAdjust(cpu: number): bigint {
    return this.cpu(cpu).tscAdjust;
  }

  /** WRMSR IA32_TSC_ADJUST (signed): the counter moves by the change; 0 undoes every adjustment. */
  writeTscAdjust(cpu: number, value: bigint, nowFs: TimeFs): void {
    this.cpu(cpu).tscAdjust = BigInt.asIntN(U64, value);
    this.rearm(cpu, nowFs);
  }

  /** CPU reset: the internal count and TSC_ADJUST return to 0 (INIT does not do this). */
  reset(cpu: number, nowFs: TimeFs): void {
    const c = this.cpu(cpu);
    c.internalBase = 0n;
    c.oscBase = c.osc.countAt(nowFs);
    c.tscAdjust = 0n;
    this.rearm(cpu, nowFs);
  }

  /**
   * A step of one CPU's counter (a scenario `jump` event with `cpu`): through its own crystal's
   * clock model, or, on a shared crystal, of that CPU's counter alone (the crystal keeps ticking
   * for the others).
   */
  jump(cpu: number, byCycles: bigint, nowFs: TimeFs): void {
    const c = this.cpu(cpu);
    if (this.sharedCrystal) c.internalBase += byCycles;
    else c.osc.jump(byCycles, nowFs);
    this.rearm(cpu, nowFs);
  }

  /** A step of every CPU's counter (a scenario `jump` event without `cpu`): of every crystal. */
  jumpAll(byCycles: bigint, nowFs: TimeFs): void {
    for (const osc of this.crystals()) osc.jump(byCycles, nowFs);
    this.rearmAll(nowFs);
  }

  /** A new drift of every crystal from now on (a scenario `set_drift` event without `cpu`). */
  setDriftAll(driftPpm: Rational, nowFs: TimeFs): void {
    for (const osc of this.crystals()) osc.setDrift(driftPpm, nowFs);
    this.rearmAll(nowFs);
  }

  /** Whether every CPU counts from one oscillator. */
  get sharesCrystal(): boolean {
    return this.sharedCrystal;
  }

  /** The distinct oscillators: one shared crystal, or one per CPU. */
  crystals(): Oscillator[] {
    return this.sharedCrystal ? [this.cpu(0).osc] : this.perCpu.map((c) => c.osc);
  }

  /**
   * A new drift from now on (a scenario `set_drift` event) for one CPU's crystal; on a shared
   * crystal, for the crystal every CPU counts from.
   */
  setDrift(cpu: number, driftPpm: Rational, nowFs: TimeFs): void {
    if (this.sharedCrystal) {
      this.setDriftAll(driftPpm, nowFs);
      return;
    }
    this.cpu(cpu).osc.setDrift(driftPpm, nowFs);
    this.rearm(cpu, nowFs);
  }

  /** The CPU halts; a `stops-when-halted` counter freezes until `resume`. */
  halt(cpu: number, nowFs: TimeFs): void {
    const c = this.cpu(cpu);
    if (this.rateClass === 'invariant' || !c.counting) return;
    c.internalBase = this.internal(c, nowFs);
    c.counting = false;
    this.rearm(cpu, nowFs);
  }

  resume(cpu: number, nowFs: TimeFs): void {
    const c = this.cpu(cpu);
    if (c.counting) return;
    c.oscBase = c.osc.countAt(nowFs);
    c.counting = true;
    this.rearm(cpu, nowFs);
  }

  /** ia64 ITM: raise the CPU's `cpu-timer` line when its ITC equals `value`. */
  setMatch(cpu: number, value: bigint, nowFs: TimeFs): void {
    this.cpu(cpu).match = BigInt.asUintN(U64, value);
    this.rearm(cpu, nowFs);
  }

  snapshot(): CycleCounterSnapshot {
    return {
      version: 1,
      cpus: this.perCpu.map((c) => ({
        internalBase: c.internalBase,
        oscBase: c.oscBase,
        counting: c.counting,
        tscAdjust: c.tscAdjust,
        match: c.match,
        clock: c.osc.snapshot(),
      })),
    };
  }

  restore(s: CycleCounterSnapshot, nowFs: TimeFs): void {
    if (s.version !== 1) throw new RangeError(`${this.name}: snapshot v${s.version}`);
    if (s.cpus.length !== this.perCpu.length)
      throw new RangeError(`${this.name}: CPU count differs`);
    s.cpus.forEach((cs, cpu) => {
      const c = this.perCpu[cpu]!;
      c.osc.restore(cs.clock);
      c.internalBase = cs.internalBase;
      c.oscBase = cs.oscBase;
      c.counting = cs.counting;
      c.tscAdjust = cs.tscAdjust;
      c.match = cs.match;
      this.rearm(cpu, nowFs);
    });
  }

  private internal(c: CpuCounter, t: TimeFs): bigint {
    return c.counting ? c.internalBase + c.osc.countAt(t) - c.oscBase : c.internalBase;
  }

  /** Caches the fused read formula for the segment containing t (the CPU is counting). */
  private fuse(c: CpuCounter, t: TimeFs): void {
    const s = c.osc.segmentAt(t);
    const start = s.state.startFs;
    const offset = s.base - s.mult * start;
    const g = gcd(gcd(s.den, s.mult), offset);
    const o = offset / g;
    const d = s.den / g;
    const r = ((o % d) + d) % d;
    c.fastOffset = r;
    c.fastMult = s.mult / g;
    c.fastDen = d;
    c.fastAdd = c.internalBase - c.oscBase + c.tscAdjust + (o - r) / d;
    c.fastFromFs = start;
    c.fastToFs = s.endFs;
    c.fastFirst = this.historyFs >= 0n && c.osc.earliestFs === start;
    c.fastEpoch = c.osc.epoch;
  }

  /** Every change of a CPU's counter state re-arms its ITM, so this also drops the fused formula. */
  private rearmAll(nowFs: TimeFs): void {
    for (let cpu = 0; cpu < this.perCpu.length; cpu++) this.rearm(cpu, nowFs);
  }

  private rearm(cpu: number, nowFs: TimeFs): void {
    const c = this.perCpu[cpu]!;
    c.fastEpoch = -1;
    c.handle?.cancel();
    c.handle = null;
    if (c.match === null || !c.counting) return;
    if (!this.host) throw new Error(`${this.name}: setMatch needs a DeviceHost`);
    // equality match: a value equal to the counter now fires now
    const delta = BigInt.asUintN(U64, c.match - this.valueAt(cpu, nowFs));
    this.search(cpu, c.osc.countAt(nowFs) + delta, nowFs);
  }

  /** Arm the ITM event for oscillator count `target`, searching a bounded run of segments. */
  private search(cpu: number, target: bigint, fromFs: TimeFs): void {
    const c = this.perCpu[cpu]!;
    const host = this.host!;
    const found = c.osc.timeOfCount(target, fromFs);
    if (!found.found) {
      c.handle = host.at(found.searchedToFs, (t) => {
        c.osc.retire(t - this.historyFs);
        this.search(cpu, target, t);
      });
      return;
    }
    c.handle = host.at(found.atFs, (t) => {
      c.handle = null;
      c.osc.retire(t - this.historyFs);
      if (this.valueAt(cpu, t) === c.match) {
        host.irq({ kind: 'cpu-timer', cpu }, true);
        // the next equality is a whole 2^64 cycles away unless software writes ITM again
        this.search(cpu, target + (1n << 64n), t);
      } else {
        // a jump stepped over the match value: equality is missed
        this.rearm(cpu, t);
      }
    });
  }

  private cpu(cpu: number): CpuCounter {
    const c = this.perCpu[cpu];
    if (c === undefined) throw new RangeError(`${this.name}: no CPU ${cpu}`);
    return c;
  }
}

function offsetsOf(o: CycleCounterOptions): bigint[] {
  const offsets = o.offsetsCycles;
  if (offsets === undefined) return Array<bigint>(o.cpus).fill(0n);
  if ('sample' in offsets) {
    const rng = o.rng.fork('offsets');
    return Array.from({ length: o.cpus }, () => offsets.sample(rng));
  }
  if (offsets.length !== o.cpus) {
    throw new RangeError(
      `${o.name}: offsets_cycles has ${offsets.length} entries for ${o.cpus} CPUs`,
    );
  }
  return [...offsets];
}
