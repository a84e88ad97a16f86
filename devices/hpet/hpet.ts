// SPDX-License-Identifier: GPL-2.0-only
/**
 * The HPET, register level (IA-PC HPET specification rev 1.0a). The main
 * counter is a pure function of time while ENABLE_CNF is set — `counterBase + osc(t) − oscBase` —
 * and frozen while it is clear. Quirks are named policies (`HpetQuirks`), each from a documented
 * erratum or platform report. The state is split as QEMU's hw/timer/hpet.c keeps it: registers,
 * hidden state, and the simulation's machinery (hpet.state.ts).
 */
import type { Rational } from '../../emu/base/rational.js';
import type { TimeFs } from '../../emu/base/time.js';
import { DrawStream } from '../clock/draw-stream.js';
import { hzOfPeriodFs, Oscillator } from '../clock/oscillator.js';
import type { AccessWidth, BusAccess, MmioDevice } from '../device.js';
import { fixedLatency } from '../fixed-latency.js';
import { gcapIdOf, type HpetOptions, type HpetSnapshot, validated } from './hpet.config.js';
import {
  decode,
  deposit,
  ENABLE_CNF,
  extract,
  GCAP_LEG_RT_CAP,
  HPET_DEFAULT_BASE,
  HPET_WINDOW_BYTES,
  type HpetAccess,
  LEG_RT_CNF,
  MAIN_COUNTER_VAL,
  TIMER_BASE,
  TIMER_STRIDE,
  Tn_COMPARATOR,
  Tn_CONF_CAP,
  Tn_INT_ENB_CNF,
  Tn_INT_ROUTE_CNF_SHIFT,
  Tn_TYPE_CNF,
  Tn_VAL_SET_CNF,
} from './hpet.registers.js';
import type { HpetHidden, HpetMachinery, HpetRegisters } from './hpet.state.js';
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
  /** the software-visible registers (IA-PC HPET 1.0a §2.3) */
  private readonly regs: HpetRegisters;
  /** what the hardware keeps but no register shows */
  private readonly hidden: HpetHidden = {
    oscBase: 0n,
    deferredCounter: null,
    staged: [],
    enabled: false,
    countOffset: 0n,
  };
  /** the simulation's machinery: host wiring, random streams, armed events */
  private readonly sim: HpetMachinery;

  constructor(o: HpetOptions) {
    const { periodFs, timers, lateTicks } = validated(o);
    this.name = o.name;
    this.base = o.base ?? HPET_DEFAULT_BASE;
    this.periodFs = periodFs;
    this.counterBits = o.counterBits ?? 64;
    const quirks = o.quirks ?? {};
    this.oscillator = new Oscillator({
      nominalHz: hzOfPeriodFs(periodFs),
      rng: o.rng.fork('clock'),
      ...(o.clock ? { clock: o.clock } : {}),
    });
    const readLatency = o.readLatency ?? fixedLatency(1_000_000_000n);
    this.sim = {
      host: o.host,
      quirks,
      split: quirks.split64BitRead !== undefined,
      writeLatencyFs: o.writeLatencyFs ?? 0n,
      historyFs: o.historyFs ?? SECOND_FS,
      latency: new DrawStream(o.rng.fork('latency'), (r) => readLatency.sample(r)),
      late: new DrawStream(o.rng.fork('late-comparator'), (r) => r.belowBig(lateTicks + 1n)),
      stagedHandle: null,
    };
    this.regs = {
      gcapId: gcapIdOf(
        o,
        quirks.periodInPs ? periodFs / 1000n : periodFs,
        this.counterBits,
        timers,
      ),
      genConf: 0n,
      status: 0n,
      counterBase: 0n,
    };
    const block = this.blockView(quirks.valSet ?? 'single-write');
    const caps = {
      periodic: true,
      bits: this.counterBits,
      fsb: o.fsbCapable ?? false,
      routeCap: o.routeCap ?? 0xffffffn,
    };
    this.timers = Array.from({ length: timers }, (_, n) => new HpetTimer(n, caps, block));
  }

  get enabled(): boolean {
    return this.hidden.enabled;
  }

  /** MAIN_COUNTER_VAL at t (a pure function of time between register writes). */
  counterAt(t: TimeFs): bigint {
    const u = this.hidden.enabled
      ? this.oscillator.countAt(t) + this.hidden.countOffset
      : this.regs.counterBase;
    return BigInt.asUintN(this.counterBits, u);
  }

  /** The first time >= fromFs at which the main counter reads `value`, or null if halted. */
  timeOfCounter(value: bigint, fromFs: TimeFs): TimeFs | null {
    if (!this.enabled) return null;
    const u = this.unwrappedAt(fromFs);
    const target = u + BigInt.asUintN(this.counterBits, value - u);
    return this.oscillator.timeOfCountUnbounded(target - this.hidden.countOffset, fromFs);
  }

  /** A step of the main counter's oscillator at nowFs (a scenario `jump`); timers re-arm. */
  jump(byCycles: bigint, nowFs: TimeFs): void {
    this.oscillator.jump(byCycles, nowFs);
    this.rearmAll(nowFs, byCycles !== 0n);
  }

  /** A new constant drift from nowFs on (a scenario `set_drift`); timers re-arm. */
  setDrift(driftPpm: Rational, nowFs: TimeFs): void {
    this.oscillator.setDrift(driftPpm, nowFs);
    this.rearmAll(nowFs, false);
  }

  private rearmAll(nowFs: TimeFs, fireIfEqual: boolean): void {
    if (this.enabled) for (const t of this.timers) t.arm(nowFs, fireIfEqual);
  }

  read(offsetBytes: bigint, width: AccessWidth, nowFs: TimeFs, _cpu: number): BusAccess {
    const latencyFs = this.sim.latency.next();
    this.oscillator.retire(nowFs - this.sim.historyFs);
    const jitter = this.oscillator.jitter();
    const split = this.sim.quirks.split64BitRead;
    const value = this.value(offsetBytes, width, nowFs, jitter);
    if (value === null) return { value: 0n, latencyFs, error: this.invalid(offsetBytes, width) };
    return { value, latencyFs: split && width === 64 ? latencyFs + split.gapFs : latencyFs };
  }

  peek(offsetBytes: bigint, width: AccessWidth, nowFs: TimeFs): bigint {
    if (offsetBytes === MAIN_COUNTER_VAL) {
      if (width === 32) return BigInt.asUintN(32, this.counterAt(nowFs));
      if (width === 64 && !this.sim.split) return this.counterAt(nowFs);
    }
    return this.value(offsetBytes, width, nowFs, 0n) ?? 0n;
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
    const latencyFs = this.sim.writeLatencyFs;
    const access = decode(offsetBytes, width, this.timers.length);
    if (access.kind === 'invalid') return { value: 0n, latencyFs, error: access.reason };
    this.oscillator.retire(nowFs - this.sim.historyFs);
    this.writeDecoded(access, BigInt.asUintN(width, value), nowFs);
    return { value: 0n, latencyFs };
  }

  snapshot(nowFs: TimeFs): HpetSnapshot {
    return {
      version: 1,
      genConf: this.regs.genConf,
      status: this.regs.status,
      counterBase: this.regs.counterBase,
      oscBase: this.hidden.oscBase,
      deferredCounter: this.hidden.deferredCounter,
      timers: this.timers.map((t) => t.snapshot()),
      staged: this.hidden.staged.map((s) => ({
        n: s.n,
        shift: s.shift,
        len: s.len,
        value: s.value,
        landsInFs: s.landsAtFs - nowFs,
      })),
      latencyDraws: this.sim.latency.index,
      lateDraws: this.sim.late.index,
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
    this.setCounterState(s.genConf, s.counterBase, s.oscBase);
    this.regs.status = s.status;
    this.hidden.deferredCounter = s.deferredCounter;
    this.sim.latency.index = s.latencyDraws;
    this.sim.late.index = s.lateDraws;
    this.sim.stagedHandle?.cancel();
    this.sim.stagedHandle = null;
    this.hidden.staged = s.staged.map((w) => ({ ...w, landsAtFs: nowFs + w.landsInFs }));
    this.timers.forEach((t, i) => {
      t.restore(s.timers[i]!);
      t.adoptLevel();
      t.arm(nowFs);
    });
    this.armStaged();
  }

  private unwrappedAt(t: TimeFs): bigint {
    return this.hidden.enabled
      ? this.oscillator.countAt(t) + this.hidden.countOffset
      : this.regs.counterBase;
  }

  /** Load GEN_CONF and the counter base, and the derived fast-path fields. */
  private setCounterState(genConf: bigint, counterBase: bigint, oscBase: bigint): void {
    this.regs.genConf = genConf;
    this.regs.counterBase = counterBase;
    this.hidden.oscBase = oscBase;
    this.hidden.enabled = (genConf & ENABLE_CNF) !== 0n;
    this.hidden.countOffset = counterBase - oscBase;
  }

  /** The value of a decoded read at t; null for an invalid access. */
  private value(offsetBytes: bigint, width: AccessWidth, t: TimeFs, jitter: bigint): bigint | null {
    const split = this.sim.quirks.split64BitRead;
    if (split && width === 64) {
      const first = split.order === 'high-low' ? 4n : 0n;
      const a = this.value(offsetBytes + first, 32, t, jitter);
      const b = this.value(offsetBytes + (4n - first), 32, t + split.gapFs, jitter);
      if (a === null || b === null) return null;
      return first === 0n ? a | (b << 32n) : b | (a << 32n);
    }
    const access = decode(offsetBytes, width, this.timers.length);
    if (access.kind === 'invalid') return null;
    return extract(this.register(access, t, jitter), access.shift, access.len);
  }

  private register(
    access: Exclude<HpetAccess, { kind: 'invalid' }>,
    t: TimeFs,
    jitter: bigint,
  ): bigint {
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
        return this.regs.gcapId;
      case 'GEN_CONF':
        return this.regs.genConf;
      case 'GINTR_STA':
        return this.regs.status;
      case 'MAIN_COUNTER_VAL': {
        const u = this.unwrappedAt(t);
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

  private writeDecoded(
    access: Exclude<HpetAccess, { kind: 'invalid' }>,
    value: bigint,
    now: TimeFs,
  ): void {
    const { shift, len } = access;
    if (access.kind === 'timer') {
      const timer = this.timers[access.n]!;
      switch (access.reg) {
        case 'CONF_CAP':
          timer.writeConf(shift, len, value, now);
          return;
        case 'COMPARATOR':
          this.writeComparator(access.n, shift, len, value, now);
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
        this.writeGenConf(deposit(this.regs.genConf, shift, len, value), now);
        return;
      case 'GINTR_STA': {
        // write 1 to clear; only level-mode timers hold status bits
        this.regs.status &= ~((value << shift) & (((1n << len) - 1n) << shift));
        for (const t of this.timers) t.updateLevel();
        return;
      }
      case 'MAIN_COUNTER_VAL': {
        const bits = this.counterBits;
        if (this.enabled) {
          // Lost, as in QEMU hw/timer/hpet.c (the value it stores while running is overwritten by
          // the running count when the counter is halted, before any enable can load it) and Bochs:
          // run → write X → halt → write 0 → enable reads 0, and without the halted write the
          // counter resumes from where it stopped. IA-PC HPET 1.0a §2.3.7 asks software to halt
          // the counter before writing it.
          this.hidden.deferredCounter = null;
        } else {
          const base = BigInt.asUintN(bits, deposit(this.regs.counterBase, shift, len, value));
          this.setCounterState(this.regs.genConf, base, this.hidden.oscBase);
        }
        return;
      }
      default: {
        const unreachable: never = access;
        throw new Error(`unhandled HPET register ${String(unreachable)}`);
      }
    }
  }

  private writeGenConf(requested: bigint, now: TimeFs): void {
    const legacyCap = (this.regs.gcapId & GCAP_LEG_RT_CAP) !== 0n;
    const conf = requested & (ENABLE_CNF | (legacyCap ? LEG_RT_CNF : 0n));
    const wasEnabled = this.enabled;
    if (wasEnabled && (conf & ENABLE_CNF) === 0n) {
      this.setCounterState(conf, this.counterAt(now), this.hidden.oscBase);
    } else if (!wasEnabled && (conf & ENABLE_CNF) !== 0n) {
      const base = this.hidden.deferredCounter ?? this.regs.counterBase;
      this.hidden.deferredCounter = null;
      this.setCounterState(conf, base, this.oscillator.countAt(now));
    } else {
      this.setCounterState(conf, this.regs.counterBase, this.hidden.oscBase);
    }
    for (const t of this.timers) {
      if (!wasEnabled && this.enabled) t.arm(now, true);
      if (!this.enabled) t.halt();
      t.updateLevel();
    }
  }

  private writeComparator(n: number, shift: bigint, len: bigint, value: bigint, now: TimeFs): void {
    const maxTicks = this.sim.quirks.lateComparator?.maxTicks;
    if (maxTicks === undefined) {
      this.timers[n]!.writeComparator(shift, len, value, now);
      return;
    }
    const ticks = this.sim.late.next();
    let landsAtFs =
      (this.enabled ? this.timeOfCounter(this.counterAt(now) + ticks, now) : null) ?? now;
    // writes land in order
    const previous = this.hidden.staged.at(-1)?.landsAtFs;
    if (previous !== undefined && previous > landsAtFs) landsAtFs = previous;
    this.hidden.staged.push({ n, shift, len, value, landsAtFs });
    if (this.hidden.staged.length === 1) this.armStaged();
  }

  private armStaged(): void {
    const head = this.hidden.staged[0];
    if (head === undefined) return;
    this.sim.stagedHandle = this.sim.host.at(head.landsAtFs, (now) => {
      this.sim.stagedHandle = null;
      const w = this.hidden.staged.shift()!;
      this.timers[w.n]!.writeComparator(w.shift, w.len, w.value, now);
      this.armStaged();
    });
  }

  private invalid(offsetBytes: bigint, width: AccessWidth): string {
    const access = decode(offsetBytes, width, this.timers.length);
    return access.kind === 'invalid' ? access.reason : 'invalid access';
  }

  private blockView(valSet: ValSetPolicy): HpetBlock {
    return {
      host: this.sim.host,
      valSet,
      running: () => this.enabled,
      retire: (now) => this.oscillator.retire(now - this.sim.historyFs),
      legacyRouting: () =>
        (this.regs.genConf & (ENABLE_CNF | LEG_RT_CNF)) === (ENABLE_CNF | LEG_RT_CNF),
      unwrappedAt: (t) => this.unwrappedAt(t),
      timeOfUnwrapped: (target, fromFs) =>
        this.oscillator.timeOfCount(target - this.hidden.countOffset, fromFs),
      status: (n) => ((this.regs.status >> BigInt(n)) & 1n) !== 0n,
      setStatus: (n, on) => {
        const bit = 1n << BigInt(n);
        this.regs.status = on ? this.regs.status | bit : this.regs.status & ~bit;
      },
    };
  }
}
