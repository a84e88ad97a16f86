// SPDX-License-Identifier: GPL-2.0-only
/**
 * A free-running memory-mapped counter: `bits` wide, at `frequency`, read with 64-bit accesses at
 * +0 or 32-bit accesses at +0/+4 (the halves). Presets: the IBM Cyclone (Linux
 * arch/ia64/kernel/cyclone.c, arch/i386/kernel/timers/timer_cyclone.c) and the SGI SN2 SHub RTC
 * (arch/ia64/sn/kernel/sn2/timer.c). Writes are ignored: neither counter is programmable from Linux.
 */
import type { Distribution } from '../../emu/base/distribution.js';
import { type Rational, rational } from '../../emu/base/rational.js';
import type { Rng } from '../../emu/base/rng.js';
import { FS_PER_NS, FS_PER_S, type TimeFs } from '../../emu/base/time.js';
import type { ClockConfig } from '../clock/config.js';
import { DrawStream } from '../clock/draw-stream.js';
import { Oscillator, type OscillatorSnapshot } from '../clock/oscillator.js';
import type { AccessWidth, BusAccess, MmioDevice } from '../device.js';
import { fixedLatency } from '../fixed-latency.js';

export type MmioCounterPreset = 'cyclone' | 'sn2-rtc';

export interface MmioCounterOptions {
  readonly name: string;
  readonly preset?: MmioCounterPreset;
  /** Cyclone only: run at the real part's 99.78 MHz (default true) or at the nominal 100 MHz */
  readonly cycloneRealRate?: boolean;
  readonly bits?: number;
  readonly frequencyHz?: Rational;
  /** address of the counter register (for the Cyclone: CBAR + 0x51D0, the MPMC register) */
  readonly base: bigint;
  readonly readLatency?: Distribution;
  readonly clock?: ClockConfig;
  readonly historyFs?: TimeFs;
  readonly rng: Rng;
}

export interface MmioCounterSnapshot {
  readonly version: 1;
  readonly latencyDraws: number;
  readonly clock: OscillatorSnapshot;
}

interface PresetValues {
  readonly bits: number;
  readonly frequencyHz: Rational;
  readonly readLatency: Distribution;
}

/** The bus window of a counter: one 64-bit register. */
export const MMIO_COUNTER_WINDOW_BYTES = 8n;

/**
 * The Cyclone MPMC counter: 40 bits. Nominally 100 MHz (arch/ia64/kernel/cyclone.c
 * CYCLONE_TIMER_FREQ, which the ia64 interpolator registers); the part runs at 99.78 MHz
 * (drivers/clocksource/cyclone.c, 2.6.18: CYCLONE_TIMER_FREQ 99780000, "100Mhz, but not really").
 */
export const CYCLONE_NOMINAL_HZ = rational(100_000_000n);
export const CYCLONE_REAL_HZ = rational(99_780_000n);
/** SN2 RTC: 55 bits (RTC_BITS); Linux's fallback when SAL fails is 10^12/30000 Hz ≈ 33.33 MHz. */
export const SN2_RTC_FALLBACK_HZ = rational(1_000_000_000_000n, 30_000n);

function presetValues(
  preset: MmioCounterPreset | undefined,
  realRate: boolean,
): Partial<PresetValues> {
  switch (preset) {
    case undefined:
      return {};
    case 'cyclone':
      return {
        bits: 40,
        frequencyHz: realRate ? CYCLONE_REAL_HZ : CYCLONE_NOMINAL_HZ,
        readLatency: fixedLatency(1_000n * FS_PER_NS),
      };
    case 'sn2-rtc':
      return {
        bits: 55,
        frequencyHz: SN2_RTC_FALLBACK_HZ,
        readLatency: fixedLatency(500n * FS_PER_NS),
      };
    default: {
      const unreachable: never = preset;
      return unreachable;
    }
  }
}

export class MmioCounter implements MmioDevice {
  readonly name: string;
  readonly base: bigint;
  readonly sizeBytes = MMIO_COUNTER_WINDOW_BYTES;
  readonly bits: number;
  readonly frequencyHz: Rational;
  readonly oscillator: Oscillator;
  private readonly latency: DrawStream<bigint>;
  private readonly historyFs: TimeFs;

  constructor(o: MmioCounterOptions) {
    const p = presetValues(o.preset, o.cycloneRealRate ?? true);
    const bits = o.bits ?? p.bits;
    const frequencyHz = o.frequencyHz ?? p.frequencyHz;
    if (bits === undefined || !Number.isInteger(bits) || bits < 1 || bits > 64) {
      throw new RangeError(`${o.name}: bits must be 1 … 64`);
    }
    if (frequencyHz === undefined) throw new RangeError(`${o.name}: frequency is required`);
    const readLatency = o.readLatency ?? p.readLatency ?? fixedLatency(1_000n * FS_PER_NS);
    this.name = o.name;
    this.base = o.base;
    this.bits = bits;
    this.frequencyHz = frequencyHz;
    this.historyFs = o.historyFs ?? FS_PER_S;
    this.oscillator = new Oscillator({
      nominalHz: frequencyHz,
      rng: o.rng.fork('clock'),
      ...(o.clock ? { clock: o.clock } : {}),
    });
    this.latency = new DrawStream(o.rng.fork('latency'), (r) => readLatency.sample(r));
  }

  /** The counter at t, a pure function of time. */
  counterAt(t: TimeFs): bigint {
    return BigInt.asUintN(this.bits, this.oscillator.countAt(t));
  }

  /** The first t >= fromFs at which the counter reads `value`. */
  timeOfValue(value: bigint, fromFs: TimeFs): TimeFs {
    const delta = BigInt.asUintN(this.bits, value - this.counterAt(fromFs));
    const target = this.oscillator.countAt(fromFs) + delta;
    return this.oscillator.timeOfCountUnbounded(target, fromFs);
  }

  /** A step of the counter at nowFs (a scenario `jump` event). */
  jump(byCycles: bigint, nowFs: TimeFs): void {
    this.oscillator.jump(byCycles, nowFs);
  }

  /** A new constant drift from nowFs on (a scenario `set_drift` event). */
  setDrift(driftPpm: Rational, nowFs: TimeFs): void {
    this.oscillator.setDrift(driftPpm, nowFs);
  }

  read(offsetBytes: bigint, width: AccessWidth, nowFs: TimeFs, _cpu: number): BusAccess {
    const latencyFs = this.latency.next();
    const error = accessError(offsetBytes, width);
    if (error !== null) return { value: 0n, latencyFs, error: `${this.name}: ${error}` };
    this.oscillator.retire(nowFs - this.historyFs);
    const value = BigInt.asUintN(
      this.bits,
      this.oscillator.countAt(nowFs) + this.oscillator.jitter(),
    );
    return { value: BigInt.asUintN(width, value >> (offsetBytes * 8n)), latencyFs };
  }

  peek(offsetBytes: bigint, width: AccessWidth, nowFs: TimeFs): bigint {
    if (accessError(offsetBytes, width) !== null) return 0n;
    return BigInt.asUintN(width, this.counterAt(nowFs) >> (offsetBytes * 8n));
  }

  write(offsetBytes: bigint, width: AccessWidth): BusAccess {
    const error = accessError(offsetBytes, width);
    return error === null ? { value: 0n, latencyFs: 0n } : { value: 0n, latencyFs: 0n, error };
  }

  snapshot(): MmioCounterSnapshot {
    return { version: 1, latencyDraws: this.latency.index, clock: this.oscillator.snapshot() };
  }

  restore(s: MmioCounterSnapshot): void {
    if (s.version !== 1) throw new RangeError(`${this.name}: snapshot v${s.version}`);
    this.latency.index = s.latencyDraws;
    this.oscillator.restore(s.clock);
  }
}

function accessError(offsetBytes: bigint, width: AccessWidth): string | null {
  if (width === 64 && offsetBytes === 0n) return null;
  if (width === 32 && (offsetBytes === 0n || offsetBytes === 4n)) return null;
  return `${width}-bit access at offset ${offsetBytes}`;
}
