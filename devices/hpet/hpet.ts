// SPDX-License-Identifier: GPL-2.0-only
/**
 * The HPET, register level (IA-PC HPET specification rev 1.0a; timer-hardware.md §1). The main
 * counter is a pure function of time while ENABLE_CNF is set — `counterBase + osc(t) − oscBase` —
 * and frozen while it is clear. Quirks are named policies (`HpetQuirks`), each from a documented
 * erratum or platform report.
 */
import type { Rational } from '../../emu/base/rational.js';
import type { TimeFs } from '../../emu/base/time.js';
import { DrawStream } from '../clock/draw-stream.js';
import { hzOfPeriodFs, Oscillator } from '../clock/oscillator.js';
import type { AccessWidth, BusAccess, DeviceHost, MmioDevice, TimerHandle } from '../device.js';
import { fixedLatency } from '../fixed-latency.js';
import {
  HPET_DEFAULT_PERIOD_FS,
  type HpetOptions,
  type HpetQuirks,
  type HpetSnapshot,
  type StagedWrite,
} from './hpet.config.js';
import {
  decode,
  deposit,
  ENABLE_CNF,
  extract,
  GCAP_COUNT_SIZE_CAP,
  GCAP_LEG_RT_CAP,
  GCAP_NUM_TIM_SHIFT,
  GCAP_PERIOD_SHIFT,
  GCAP_REV_ID_SHIFT,
  GCAP_VENDOR_ID_SHIFT,
  HPET_DEFAULT_BASE,
  HPET_WINDOW_BYTES,
  type HpetAccess,
  LEG_RT_CNF,
  MAIN_COUNTER_VAL,
  MAX_PERIOD_FS,
  TIMER_BASE,
  TIMER_STRIDE,
  Tn_COMPARATOR,
  Tn_CONF_CAP,
  Tn_INT_ENB_CNF,
  Tn_INT_ROUTE_CNF_SHIFT,
  Tn_TYPE_CNF,
  Tn_VAL_SET_CNF,
} from './hpet.registers.js';
import { type HpetBlock, HpetTimer, type ValSetPolicy } from './hpet-timer.js';

export type { HpetOptions, HpetQuirks, HpetSnapshot } from './hpet.config.js';
export { HPET_DEFAULT_PERIOD_FS, HPET_QUIRK_NAMES, hpetQuirksFromNames } from './hpet.config.js';

const SECOND_FS = 1_000_000_000_000_000n;

export class Hpet implements MmioDevice {
  readonly name: string;
  readonly base: bigint;
  readonly sizeBytes = HPET_WINDOW_BYTES;
  readonly periodFs: bigint;
  readonly counterBits: 32 | 64;
  readonly oscillator: Oscillator;
  readonly timers: readonly HpetTimer[];
  readonly #host: DeviceHost;
  readonly #quirks: HpetQuirks;
  readonly #gcapId: bigint;
  readonly #latency: DrawStream<bigint>;
  readonly #late: DrawStream<bigint>;
  readonly #writeLatencyFs: TimeFs;
  readonly #historyFs: TimeFs;
  readonly #split: boolean;
  #genConf = 0n;
  #enabled = false;
  /** counterBase − oscBase: the main counter is osc(t) + this while enabled */
  #countOffset = 0n;
  #status = 0n;
  #counterBase = 0n;
  #oscBase = 0n;
  #deferredCounter: bigint | null = null;
  #staged: StagedWrite[] = [];
  #stagedHandle: TimerHandle | null = null;

  constructor(o: HpetOptions) {
    const periodFs = o.periodFs ?? HPET_DEFAULT_PERIOD_FS;
    if (periodFs <= 0n || periodFs > MAX_PERIOD_FS) {
      throw new RangeError(`${o.name}: period_fs must be in 1 … ${MAX_PERIOD_FS}, got ${periodFs}`);
    }
    const timers = o.timers ?? 3;
    if (!Number.isInteger(timers) || timers < 3 || timers > 32) {
      throw new RangeError(`${o.name}: timers must be 3 … 32, got ${timers}`);
    }
    const late = o.quirks?.lateComparator?.maxTicks ?? 0n;
    if (late < 0n) throw new RangeError(`${o.name}: late-comparator maxTicks must be >= 0`);
    this.name = o.name;
    this.base = o.base ?? HPET_DEFAULT_BASE;
    this.periodFs = periodFs;
    this.counterBits = o.counterBits ?? 64;
    this.#host = o.host;
    this.#quirks = o.quirks ?? {};
    this.#split = this.#quirks.split64BitRead !== undefined;
    this.#writeLatencyFs = o.writeLatencyFs ?? 0n;
    this.#historyFs = o.historyFs ?? SECOND_FS;
    this.oscillator = new Oscillator({
      nominalHz: hzOfPeriodFs(periodFs),
      rng: o.rng.fork('clock'),
      ...(o.clock ? { clock: o.clock } : {}),
    });
    const readLatency = o.readLatency ?? fixedLatency(1_000_000_000n);
    this.#latency = new DrawStream(o.rng.fork('latency'), (r) => readLatency.sample(r));
    this.#late = new DrawStream(o.rng.fork('late-comparator'), (r) => r.belowBig(late + 1n));
    const reportedPeriod = this.#quirks.periodInPs ? periodFs / 1000n : periodFs;
    this.#gcapId =
      (reportedPeriod << GCAP_PERIOD_SHIFT) |
      (BigInt(o.vendorId ?? 0x8086) << GCAP_VENDOR_ID_SHIFT) |
      ((o.legacyCapable ?? true) ? GCAP_LEG_RT_CAP : 0n) |
      (this.counterBits === 64 ? GCAP_COUNT_SIZE_CAP : 0n) |
      (BigInt(timers - 1) << GCAP_NUM_TIM_SHIFT) |
      (BigInt(o.revId ?? 1) << GCAP_REV_ID_SHIFT);
    const block = this.#blockView(this.#quirks.valSet ?? 'single-write');
    const caps = {
      periodic: true,
      bits: this.counterBits,
      fsb: o.fsbCapable ?? false,
      routeCap: o.routeCap ?? 0xffffffn,
    };
    this.timers = Array.from({ length: timers }, (_, n) => new HpetTimer(n, caps, block));
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  /** MAIN_COUNTER_VAL at t (a pure function of time between register writes). */
  counterAt(t: TimeFs): bigint {
    const u = this.#enabled ? this.oscillator.countAt(t) + this.#countOffset : this.#counterBase;
    return BigInt.asUintN(this.counterBits, u);
  }

  /** The first time >= fromFs at which the main counter reads `value`, or null if halted. */
  timeOfCounter(value: bigint, fromFs: TimeFs): TimeFs | null {
    if (!this.enabled) return null;
    const u = this.#unwrappedAt(fromFs);
    const target = u + BigInt.asUintN(this.counterBits, value - u);
    return this.oscillator.timeOfCountUnbounded(target - this.#countOffset, fromFs);
  }

  /** A step of the main counter's oscillator at nowFs (a scenario `jump`); timers re-arm. */
  jump(byCycles: bigint, nowFs: TimeFs): void {
    this.oscillator.jump(byCycles, nowFs);
    this.#rearmAll(nowFs, byCycles !== 0n);
  }

  /** A new constant drift from nowFs on (a scenario `set_drift`); timers re-arm. */
  setDrift(driftPpm: Rational, nowFs: TimeFs): void {
    this.oscillator.setDrift(driftPpm, nowFs);
    this.#rearmAll(nowFs, false);
  }

  #rearmAll(nowFs: TimeFs, fireIfEqual: boolean): void {
    if (this.enabled) for (const t of this.timers) t.arm(nowFs, fireIfEqual);
  }

  read(offsetBytes: bigint, width: AccessWidth, nowFs: TimeFs, _cpu: number): BusAccess {
    const latencyFs = this.#latency.next();
    this.oscillator.retire(nowFs - this.#historyFs);
    const jitter = this.oscillator.jitter();
    const split = this.#quirks.split64BitRead;
    const value = this.#value(offsetBytes, width, nowFs, jitter);
    if (value === null) return { value: 0n, latencyFs, error: this.#invalid(offsetBytes, width) };
    return { value, latencyFs: split && width === 64 ? latencyFs + split.gapFs : latencyFs };
  }

  peek(offsetBytes: bigint, width: AccessWidth, nowFs: TimeFs): bigint {
    if (offsetBytes === MAIN_COUNTER_VAL) {
      if (width === 32) return BigInt.asUintN(32, this.counterAt(nowFs));
      if (width === 64 && !this.#split) return this.counterAt(nowFs);
    }
    return this.#value(offsetBytes, width, nowFs, 0n) ?? 0n;
  }

  /**
   * Timer `timer` periodic every `periodTicks` main-counter ticks from now, routed to I/O APIC
   * input `route`, through its registers as a kernel's legacy-timer set-up programs it
   * (arch/i386/kernel/time_hpet.c, hpet_enable): Tn_CONF with INT_ENB, TYPE and VAL_SET,
   * the comparator at counter + period, then the period (IA-PC HPET spec 1.0a, 2.3.9).
   */
  startPeriodic(timer: number, periodTicks: bigint, route: number, nowFs: TimeFs, cpu: number) {
    const regs = TIMER_BASE + BigInt(timer) * TIMER_STRIDE;
    const conf =
      Tn_INT_ENB_CNF | Tn_TYPE_CNF | Tn_VAL_SET_CNF | (BigInt(route) << Tn_INT_ROUTE_CNF_SHIFT);
    this.write(regs + Tn_CONF_CAP, 64, conf, nowFs, cpu);
    this.write(regs + Tn_COMPARATOR, 64, this.counterAt(nowFs) + periodTicks, nowFs, cpu);
    this.write(regs + Tn_COMPARATOR, 64, periodTicks, nowFs, cpu);
  }

  write(
    offsetBytes: bigint,
    width: AccessWidth,
    value: bigint,
    nowFs: TimeFs,
    _cpu: number,
  ): BusAccess {
    const latencyFs = this.#writeLatencyFs;
    const access = decode(offsetBytes, width, this.timers.length);
    if (access.kind === 'invalid') return { value: 0n, latencyFs, error: access.reason };
    this.oscillator.retire(nowFs - this.#historyFs);
    this.#write(access, BigInt.asUintN(width, value), nowFs);
    return { value: 0n, latencyFs };
  }

  snapshot(nowFs: TimeFs): HpetSnapshot {
    return {
      version: 1,
      genConf: this.#genConf,
      status: this.#status,
      counterBase: this.#counterBase,
      oscBase: this.#oscBase,
      deferredCounter: this.#deferredCounter,
      timers: this.timers.map((t) => t.snapshot()),
      staged: this.#staged.map((s) => ({
        n: s.n,
        shift: s.shift,
        len: s.len,
        value: s.value,
        landsInFs: s.landsAtFs - nowFs,
      })),
      latencyDraws: this.#latency.index,
      lateDraws: this.#late.index,
      clock: this.oscillator.snapshot(),
    };
  }

  /** Load a snapshot taken at the same simulated time frame; re-arms every timer at nowFs. */
  restore(s: HpetSnapshot, nowFs: TimeFs): void {
    if (s.version !== 1) throw new RangeError(`${this.name}: HPET snapshot v${s.version}`);
    if (s.timers.length !== this.timers.length) {
      throw new RangeError(`${this.name}: snapshot has ${s.timers.length} timers`);
    }
    this.oscillator.restore(s.clock);
    this.#setCounterState(s.genConf, s.counterBase, s.oscBase);
    this.#status = s.status;
    this.#deferredCounter = s.deferredCounter;
    this.#latency.index = s.latencyDraws;
    this.#late.index = s.lateDraws;
    this.#stagedHandle?.cancel();
    this.#stagedHandle = null;
    this.#staged = s.staged.map((w) => ({ ...w, landsAtFs: nowFs + w.landsInFs }));
    this.timers.forEach((t, i) => {
      t.restore(s.timers[i]!);
      t.adoptLevel();
      t.arm(nowFs);
    });
    this.#armStaged();
  }

  #unwrappedAt(t: TimeFs): bigint {
    return this.#enabled ? this.oscillator.countAt(t) + this.#countOffset : this.#counterBase;
  }

  /** Load GEN_CONF and the counter base, and the derived fast-path fields. */
  #setCounterState(genConf: bigint, counterBase: bigint, oscBase: bigint): void {
    this.#genConf = genConf;
    this.#counterBase = counterBase;
    this.#oscBase = oscBase;
    this.#enabled = (genConf & ENABLE_CNF) !== 0n;
    this.#countOffset = counterBase - oscBase;
  }

  /** The value of a decoded read at t; null for an invalid access. */
  #value(offsetBytes: bigint, width: AccessWidth, t: TimeFs, jitter: bigint): bigint | null {
    const split = this.#quirks.split64BitRead;
    if (split && width === 64) {
      const first = split.order === 'high-low' ? 4n : 0n;
      const a = this.#value(offsetBytes + first, 32, t, jitter);
      const b = this.#value(offsetBytes + (4n - first), 32, t + split.gapFs, jitter);
      if (a === null || b === null) return null;
      return first === 0n ? a | (b << 32n) : b | (a << 32n);
    }
    const access = decode(offsetBytes, width, this.timers.length);
    if (access.kind === 'invalid') return null;
    return extract(this.#register(access, t, jitter), access.shift, access.len);
  }

  #register(access: Exclude<HpetAccess, { kind: 'invalid' }>, t: TimeFs, jitter: bigint): bigint {
    if (access.kind === 'timer') {
      const timer = this.timers[access.n]!;
      switch (access.reg) {
        case 'CONF_CAP':
          return timer.confCap;
        case 'COMPARATOR':
          return timer.comparator;
        case 'FSB_ROUTE':
          return timer.fsbRoute;
        default: {
          const unreachable: never = access;
          return unreachable;
        }
      }
    }
    switch (access.reg) {
      case 'GCAP_ID':
        return this.#gcapId;
      case 'GEN_CONF':
        return this.#genConf;
      case 'GINTR_STA':
        return this.#status;
      case 'MAIN_COUNTER_VAL': {
        const u = this.#unwrappedAt(t);
        return BigInt.asUintN(this.counterBits, this.enabled ? u + jitter : u);
      }
      case 'RESERVED':
        return 0n;
      default: {
        const unreachable: never = access;
        return unreachable;
      }
    }
  }

  #write(access: Exclude<HpetAccess, { kind: 'invalid' }>, value: bigint, now: TimeFs): void {
    const { shift, len } = access;
    if (access.kind === 'timer') {
      const timer = this.timers[access.n]!;
      switch (access.reg) {
        case 'CONF_CAP':
          timer.writeConf(shift, len, value, now);
          return;
        case 'COMPARATOR':
          this.#writeComparator(access.n, shift, len, value, now);
          return;
        case 'FSB_ROUTE':
          timer.writeFsbRoute(shift, len, value);
          return;
        default: {
          const unreachable: never = access;
          throw new Error(`unhandled HPET register ${String(unreachable)}`);
        }
      }
    }
    switch (access.reg) {
      case 'GCAP_ID':
      case 'RESERVED':
        return;
      case 'GEN_CONF':
        this.#writeGenConf(deposit(this.#genConf, shift, len, value), now);
        return;
      case 'GINTR_STA': {
        // write 1 to clear; only level-mode timers hold status bits
        this.#status &= ~((value << shift) & (((1n << len) - 1n) << shift));
        for (const t of this.timers) t.updateLevel();
        return;
      }
      case 'MAIN_COUNTER_VAL': {
        const bits = this.counterBits;
        if (this.enabled) {
          // QEMU defers a write made while running to the next enable
          const old = this.#deferredCounter ?? this.counterAt(now);
          this.#deferredCounter = BigInt.asUintN(bits, deposit(old, shift, len, value));
        } else {
          const base = BigInt.asUintN(bits, deposit(this.#counterBase, shift, len, value));
          this.#setCounterState(this.#genConf, base, this.#oscBase);
        }
        return;
      }
      default: {
        const unreachable: never = access;
        throw new Error(`unhandled HPET register ${String(unreachable)}`);
      }
    }
  }

  #writeGenConf(requested: bigint, now: TimeFs): void {
    const legacyCap = (this.#gcapId & GCAP_LEG_RT_CAP) !== 0n;
    const conf = requested & (ENABLE_CNF | (legacyCap ? LEG_RT_CNF : 0n));
    const wasEnabled = this.enabled;
    if (wasEnabled && (conf & ENABLE_CNF) === 0n) {
      this.#setCounterState(conf, this.counterAt(now), this.#oscBase);
    } else if (!wasEnabled && (conf & ENABLE_CNF) !== 0n) {
      const base = this.#deferredCounter ?? this.#counterBase;
      this.#deferredCounter = null;
      this.#setCounterState(conf, base, this.oscillator.countAt(now));
    } else {
      this.#setCounterState(conf, this.#counterBase, this.#oscBase);
    }
    for (const t of this.timers) {
      if (!wasEnabled && this.enabled) t.arm(now, true);
      if (!this.enabled) t.halt();
      t.updateLevel();
    }
  }

  #writeComparator(n: number, shift: bigint, len: bigint, value: bigint, now: TimeFs): void {
    const maxTicks = this.#quirks.lateComparator?.maxTicks;
    if (maxTicks === undefined) {
      this.timers[n]!.writeComparator(shift, len, value, now);
      return;
    }
    const ticks = this.#late.next();
    let landsAtFs =
      (this.enabled ? this.timeOfCounter(this.counterAt(now) + ticks, now) : null) ?? now;
    // writes land in order
    const previous = this.#staged.at(-1)?.landsAtFs;
    if (previous !== undefined && previous > landsAtFs) landsAtFs = previous;
    this.#staged.push({ n, shift, len, value, landsAtFs });
    if (this.#staged.length === 1) this.#armStaged();
  }

  #armStaged(): void {
    const head = this.#staged[0];
    if (head === undefined) return;
    this.#stagedHandle = this.#host.at(head.landsAtFs, (now) => {
      this.#stagedHandle = null;
      const w = this.#staged.shift()!;
      this.timers[w.n]!.writeComparator(w.shift, w.len, w.value, now);
      this.#armStaged();
    });
  }

  #invalid(offsetBytes: bigint, width: AccessWidth): string {
    const access = decode(offsetBytes, width, this.timers.length);
    return access.kind === 'invalid' ? access.reason : 'invalid access';
  }

  #blockView(valSet: ValSetPolicy): HpetBlock {
    return {
      host: this.#host,
      valSet,
      running: () => this.enabled,
      retire: (now) => this.oscillator.retire(now - this.#historyFs),
      legacyRouting: () =>
        (this.#genConf & (ENABLE_CNF | LEG_RT_CNF)) === (ENABLE_CNF | LEG_RT_CNF),
      unwrappedAt: (t) => this.#unwrappedAt(t),
      timeOfUnwrapped: (target, fromFs) =>
        this.oscillator.timeOfCount(target - this.#countOffset, fromFs),
      status: (n) => ((this.#status >> BigInt(n)) & 1n) !== 0n,
      setStatus: (n, on) => {
        const bit = 1n << BigInt(n);
        this.#status = on ? this.#status | bit : this.#status & ~bit;
      },
    };
  }
}
