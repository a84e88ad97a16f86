// SPDX-License-Identifier: GPL-2.0-only
/**
 * One HPET comparator ("timer N", IA-PC HPET 1.0a §2.3.8–2.3.10; docs/devices.md, "HPET"). It schedules
 * only its next event — a match, or the 32-bit wrap of a one-shot 32-bit timer — through
 * `DeviceHost.at`, and never steps per tick. Matches are on equality: a counter that jumps over
 * the comparator misses it until the next wrap.
 */
import type { TimeFs } from '../../emu/base/time.js';
import type { CountSearch } from '../clock/oscillator.js';
import type { DeviceHost, IrqLine, TimerHandle } from '../device.js';
import {
  deposit,
  LEGACY_PIN,
  Tn_32MODE_CNF,
  Tn_CONF_WRITABLE,
  Tn_FSB_EN_CNF,
  Tn_FSB_INT_DEL_CAP,
  Tn_INT_ENB_CNF,
  Tn_INT_ROUTE_CAP_SHIFT,
  Tn_INT_ROUTE_CNF_MASK,
  Tn_INT_ROUTE_CNF_SHIFT,
  Tn_INT_TYPE_CNF,
  Tn_PER_INT_CAP,
  Tn_SIZE_CAP,
  Tn_TYPE_CNF,
  Tn_VAL_SET_CNF,
} from './hpet.registers.js';

/** How a periodic timer's comparator writes split between accumulator and period (docs/devices.md, HPET quirks). */
export type ValSetPolicy = 'single-write' | 'always' | 'two-writes';

/** What a timer sees of its block. */
export interface HpetBlock {
  readonly host: DeviceHost;
  readonly valSet: ValSetPolicy;
  /** ENABLE_CNF: the counter runs and interrupts may be delivered */
  running(): boolean;
  legacyRouting(): boolean;
  /** the main counter at t without the wrap: the timer compares its low 32 or 64 bits */
  unwrappedAt(t: TimeFs): bigint;
  /** the first t >= fromFs at which the unwrapped counter is >= target */
  timeOfUnwrapped(target: bigint, fromFs: TimeFs): CountSearch;
  status(n: number): boolean;
  setStatus(n: number, on: boolean): void;
  /** an event ran at nowFs: history before it may be dropped */
  retire(nowFs: TimeFs): void;
}

export interface HpetTimerCaps {
  readonly periodic: boolean;
  /** comparator width (Tn_SIZE_CAP) */
  readonly bits: 32 | 64;
  readonly fsb: boolean;
  /** Tn_INT_ROUTE_CAP: bitmap of usable I/O APIC inputs */
  readonly routeCap: bigint;
}

export interface HpetTimerSnapshot {
  readonly conf: bigint;
  readonly comparator: bigint;
  readonly period: bigint;
  readonly fsbRoute: bigint;
}

type Pending = { readonly kind: 'match' | 'wrap'; readonly targetU: bigint };

const ALL_ONES_64 = (1n << 64n) - 1n;

export class HpetTimer {
  readonly n: number;
  readonly caps: HpetTimerCaps;

  // Software-visible registers (IA-PC HPET 1.0a §2.3.8 … §2.3.10)
  /** Tn_CONF_CAP, configuration half */
  private conf = 0n;
  /** Tn_COMPARATOR: the next match (the accumulator of a periodic timer) */
  private cmp: bigint;
  /** Tn_FSB_ROUTE */
  private fsbRouteReg = 0n;

  // Hidden state (QEMU's hpet.c keeps the same: the period beside the comparator)
  /** the last value written to a periodic comparator, added at each match */
  private period = 0n;
  private pending: Pending | null = null;

  // Simulation machinery: the block's wiring, the armed event, the asserted interrupt line
  private readonly block: HpetBlock;
  private handle: TimerHandle | null = null;
  private asserted: IrqLine | null = null;
  private armedAtFs: TimeFs | null = null;

  constructor(n: number, caps: HpetTimerCaps, block: HpetBlock) {
    this.n = n;
    this.caps = caps;
    this.block = block;
    this.cmp = this.mask(ALL_ONES_64);
  }

  /** The Tn_CONF_CAP register as read. */
  get confCap(): bigint {
    const c = this.caps;
    return (
      this.conf |
      (c.routeCap << Tn_INT_ROUTE_CAP_SHIFT) |
      (c.fsb ? Tn_FSB_INT_DEL_CAP : 0n) |
      (c.bits === 64 ? Tn_SIZE_CAP : 0n) |
      (c.periodic ? Tn_PER_INT_CAP : 0n)
    );
  }

  /**
   * When this timer next matches (or, one-shot in 32-bit mode, wraps): null when nothing is armed
   * or the target lies beyond the segments searched so far.
   */
  get nextEventFs(): TimeFs | null {
    return this.armedAtFs;
  }

  /** Tn_COMPARATOR as read: the next match, not the period (IA-PC HPET 1.0a §2.3.9). */
  get comparator(): bigint {
    return this.cmp;
  }

  get fsbRoute(): bigint {
    return this.fsbRouteReg;
  }

  /** Width the comparison runs at: 32 in 32-bit mode or on a 32-bit timer. */
  get bits(): 32 | 64 {
    return this.caps.bits === 32 || (this.conf & Tn_32MODE_CNF) !== 0n ? 32 : 64;
  }

  get periodic(): boolean {
    return (this.conf & Tn_TYPE_CNF) !== 0n;
  }

  get level(): boolean {
    return (this.conf & Tn_INT_TYPE_CNF) !== 0n;
  }

  /** The interrupt line this timer drives under the current routing. */
  get line(): IrqLine {
    if ((this.conf & Tn_FSB_EN_CNF) !== 0n) {
      return {
        kind: 'fsb',
        address: this.fsbRouteReg >> 32n,
        data: this.fsbRouteReg & 0xffffffffn,
      };
    }
    const legacy = this.block.legacyRouting() ? LEGACY_PIN[this.n] : undefined;
    if (legacy !== undefined) return { kind: 'ioapic', pin: legacy };
    return {
      kind: 'ioapic',
      pin: Number((this.conf & Tn_INT_ROUTE_CNF_MASK) >> Tn_INT_ROUTE_CNF_SHIFT),
    };
  }

  writeConf(shift: bigint, len: bigint, value: bigint, nowFs: TimeFs): void {
    const old = this.conf;
    let conf = deposit(old, shift, len, value) & Tn_CONF_WRITABLE;
    if (!this.caps.periodic) conf &= ~Tn_TYPE_CNF;
    if (this.caps.bits === 32) conf &= ~Tn_32MODE_CNF;
    if (!this.caps.fsb) conf &= ~Tn_FSB_EN_CNF;
    const pin = (conf & Tn_INT_ROUTE_CNF_MASK) >> Tn_INT_ROUTE_CNF_SHIFT;
    if (((this.caps.routeCap >> pin) & 1n) === 0n) {
      // an unsupported route is not taken: the old one reads back (IA-PC HPET 1.0a §2.3.8, Tn_INT_ROUTE_CNF)
      conf = (conf & ~Tn_INT_ROUTE_CNF_MASK) | (old & Tn_INT_ROUTE_CNF_MASK);
    }
    this.conf = conf;
    if ((conf & Tn_32MODE_CNF) !== 0n && (old & Tn_32MODE_CNF) === 0n) {
      this.cmp = BigInt.asUintN(32, this.cmp);
      this.period = BigInt.asUintN(32, this.period);
    }
    // edge mode keeps GINTR_STA clear (QEMU, Bochs)
    if (!this.level) this.block.setStatus(this.n, false);
    this.arm(nowFs);
    this.updateLevel();
  }

  /** A comparator write as it lands (after any late-comparator delay). */
  writeComparator(shift: bigint, len: bigint, value: bigint, nowFs: TimeFs): void {
    // a 32-bit comparator has no high half: the write is dropped whole, VAL_SET included, so the
    // next low-half write still sets the accumulator (QEMU hw/timer/hpet.c hpet_ram_write, Bochs
    // iodev/hpet.cc: both return before clearing VAL_SET)
    if (this.bits === 32 && shift >= 32n) return;
    const valSet = (this.conf & Tn_VAL_SET_CNF) !== 0n;
    const toComparator = deposit(this.cmp, shift, len, value);
    const toPeriod = deposit(this.period, shift, len, value);
    let setComparator: boolean;
    let setPeriod: boolean;
    if (!this.periodic) {
      setComparator = setPeriod = true;
    } else {
      switch (this.block.valSet) {
        case 'single-write':
          setComparator = valSet;
          setPeriod = true;
          break;
        case 'always':
          setComparator = setPeriod = true;
          break;
        case 'two-writes':
          setComparator = valSet;
          setPeriod = !valSet;
          break;
        default: {
          const unreachable: never = this.block.valSet;
          throw new Error(`valSet ${unreachable}`);
        }
      }
    }
    if (setComparator) this.cmp = this.mask(toComparator);
    if (setPeriod) this.period = this.mask(toPeriod);
    this.clearValSet();
    this.arm(nowFs, true);
  }

  writeFsbRoute(shift: bigint, len: bigint, value: bigint): void {
    this.fsbRouteReg = deposit(this.fsbRouteReg, shift, len, value);
    this.updateLevel();
  }

  /**
   * Cancel and recompute the next event from the comparator as it stands at nowFs. A comparator
   * equal to the counter fires at once only when equality is new (`fireIfEqual`: the comparator was
   * written, the counter enabled or stepped onto it); otherwise the next match is a wrap away.
   */
  arm(nowFs: TimeFs, fireIfEqual = false): void {
    this.cancel();
    if (!this.block.running()) return;
    const u = this.block.unwrappedAt(nowFs);
    const size = 1n << BigInt(this.bits);
    const delta = BigInt.asUintN(this.bits, this.cmp - u);
    this.schedule(u + (delta === 0n && !fireIfEqual ? size : delta), u, size, nowFs);
  }

  /** Stop scheduling (the counter halted). */
  halt(): void {
    this.cancel();
  }

  /** Raise or lower the level line so it matches status, enables and routing. */
  updateLevel(): void {
    const b = this.block;
    const want =
      this.level && b.status(this.n) && b.running() && (this.conf & Tn_INT_ENB_CNF) !== 0n
        ? this.line
        : null;
    const had = this.asserted;
    if (had !== null && (want === null || !sameLine(had, want))) b.host.irq(had, false);
    if (want !== null && (had === null || !sameLine(had, want))) b.host.irq(want, true);
    this.asserted = want;
  }

  snapshot(): HpetTimerSnapshot {
    return {
      conf: this.conf,
      comparator: this.cmp,
      period: this.period,
      fsbRoute: this.fsbRouteReg,
    };
  }

  /** Load registers; the caller re-arms (the schedule is derived, not stored). */
  restore(s: HpetTimerSnapshot): void {
    this.cancel();
    this.conf = s.conf;
    this.cmp = s.comparator;
    this.period = s.period;
    this.fsbRouteReg = s.fsbRoute;
    this.asserted = null;
  }

  /** Re-derive which line is asserted after a restore, without touching the host. */
  adoptLevel(): void {
    const b = this.block;
    this.asserted =
      this.level && b.status(this.n) && b.running() && (this.conf & Tn_INT_ENB_CNF) !== 0n
        ? this.line
        : null;
  }

  private schedule(matchU: bigint, u: bigint, size: bigint, fromFs: TimeFs): void {
    let pending: Pending = { kind: 'match', targetU: matchU };
    if (this.bits === 32 && !this.periodic) {
      // IA-PC HPET 1.0a §2.3.9: a one-shot timer in 32-bit mode also fires when the counter wraps
      const wrapU = u + (size - BigInt.asUintN(32, u));
      if (wrapU < matchU) pending = { kind: 'wrap', targetU: wrapU };
    }
    this.pending = pending;
    this.search(fromFs);
  }

  private search(fromFs: TimeFs): void {
    const pending = this.pending!;
    const found = this.block.timeOfUnwrapped(pending.targetU, fromFs);
    this.armedAtFs = found.found ? found.atFs : null;
    this.handle = found.found
      ? this.block.host.at(found.atFs, (now) => this.fire(now))
      : this.block.host.at(found.searchedToFs, (now) => {
          this.block.retire(now);
          this.search(now);
        });
  }

  private fire(nowFs: TimeFs): void {
    this.handle = null;
    this.armedAtFs = null;
    this.block.retire(nowFs);
    const pending = this.pending!;
    this.pending = null;
    const u = this.block.unwrappedAt(nowFs);
    const size = 1n << BigInt(this.bits);
    if (u !== pending.targetU) {
      // the counter jumped over the target: an equality comparator misses it
      this.arm(nowFs);
      return;
    }
    this.interrupt();
    if (pending.kind === 'match' && this.periodic) {
      this.cmp = this.mask(this.cmp + this.period);
      this.schedule(
        u + (this.period === 0n ? size : BigInt.asUintN(this.bits, this.period)),
        u,
        size,
        nowFs,
      );
    } else {
      const delta = BigInt.asUintN(this.bits, this.cmp - u);
      this.schedule(u + (delta === 0n ? size : delta), u, size, nowFs);
    }
  }

  private interrupt(): void {
    const b = this.block;
    if (this.level) {
      // status is set even with interrupts disabled (IA-PC HPET 1.0a §2.3.6; QEMU Rust)
      b.setStatus(this.n, true);
      this.updateLevel();
    } else if ((this.conf & Tn_INT_ENB_CNF) !== 0n) {
      b.host.irq(this.line, true);
    }
  }

  private clearValSet(): void {
    this.conf &= ~Tn_VAL_SET_CNF;
  }

  private cancel(): void {
    this.handle?.cancel();
    this.handle = null;
    this.pending = null;
    this.armedAtFs = null;
  }

  private mask(value: bigint): bigint {
    return BigInt.asUintN(this.bits, value);
  }
}

function sameLine(a: IrqLine, b: IrqLine): boolean {
  switch (a.kind) {
    case 'ioapic':
      return b.kind === 'ioapic' && a.pin === b.pin;
    case 'fsb':
      return b.kind === 'fsb' && a.address === b.address && a.data === b.data;
    case 'cpu-timer':
      return b.kind === 'cpu-timer' && a.cpu === b.cpu;
    default: {
      const unreachable: never = a;
      return unreachable;
    }
  }
}
