// SPDX-License-Identifier: GPL-2.0-only
/**
 * The ACPI power-management timer (ACPI 2.0 §4.7.2.1; Linux
 * drivers/clocksource/acpi_pm.c): 3.579545 MHz
 * (14.31818 MHz / 4), 24 bits, or 32 with FADT TMR_VAL_EXT; not programmable. Read with `inl` at its
 * port. The PIIX4 erratum is the `piix4` glitch policy.
 */
import type { Distribution } from '../../emu/base/distribution.js';
import { cmp, floor, mul, type Rational, rational, sub } from '../../emu/base/rational.js';
import type { Rng } from '../../emu/base/rng.js';
import { FS_PER_NS, FS_PER_S, type TimeFs } from '../../emu/base/time.js';
import type { ClockConfig } from '../clock/config.js';
import { DrawStream } from '../clock/draw-stream.js';
import { Oscillator, type OscillatorSnapshot } from '../clock/oscillator.js';
import type { AccessWidth, BusAccess, MmioDevice } from '../device.js';
import { fixedLatency } from '../fixed-latency.js';

export const ACPI_PM_HZ = rational(3_579_545n);
export const ACPI_PM_DEFAULT_PORT = 0xb008n;
/** The PM timer register: one 32-bit port. */
export const ACPI_PM_WINDOW_BYTES = 4n;

/**
 * `piix4`: Intel PIIX4 (82371AB/EB/MB before revision 3) erratum, quoted by Linux acpi_pm.c: the
 * value is indeterminate in a 3 ns window every 69.8 ns (one 14.31818 MHz master clock). The window
 * is placed at the start of each master cycle of this device's own (possibly drifting) crystal.
 * What an indeterminate read returns is not documented (*inference*): `random` returns a uniform
 * value of the counter's width, so nearly every read in a window is wrong: 3 / 69.84 = 4.3 % of
 * uniformly placed reads, the "4.2% chance that the data will be incorrect" acpi_pm.c quotes (the
 * default); `mix` takes each bit from the previous or the current count at random, wrong only at a
 * tick edge (about 0.7 % of reads).
 */
export type AcpiPmGlitch = 'none' | 'piix4';
export type Piix4Value = 'mix' | 'random';
/** the policy whose wrong-read rate matches the erratum (drivers/clocksource/acpi_pm.c) */
export const PIIX4_DEFAULT_VALUE: Piix4Value = 'random';

export interface AcpiPmOptions {
  readonly name: string;
  readonly bits?: 24 | 32;
  readonly port?: bigint;
  readonly frequencyHz?: Rational;
  /** port-I/O read cost (default 1 µs) */
  readonly readLatency?: Distribution;
  readonly glitch?: AcpiPmGlitch;
  readonly piix4Value?: Piix4Value;
  readonly clock?: ClockConfig;
  readonly historyFs?: TimeFs;
  readonly rng: Rng;
}

export interface AcpiPmSnapshot {
  readonly version: 1;
  readonly latencyDraws: number;
  readonly glitchDraws: number;
  readonly clock: OscillatorSnapshot;
}

/** master clock cycles per PM tick */
const MASTER_PER_TICK = 4n;
const WINDOW_FS = 3n * FS_PER_NS;

export class AcpiPm implements MmioDevice {
  readonly name: string;
  readonly base: bigint;
  readonly sizeBytes = ACPI_PM_WINDOW_BYTES;
  readonly bits: 24 | 32;
  readonly glitch: AcpiPmGlitch;
  readonly oscillator: Oscillator;
  /** the indeterminate window as a fraction of one master cycle, at the nominal rate */
  private readonly windowFraction: Rational;
  private readonly piix4Value: Piix4Value;
  private readonly latency: DrawStream<bigint>;
  private readonly glitchDraws: DrawStream<bigint>;
  private readonly historyFs: TimeFs;

  constructor(o: AcpiPmOptions) {
    const bits = o.bits ?? 24;
    if (bits !== 24 && bits !== 32) throw new RangeError(`${o.name}: bits must be 24 or 32`);
    const frequencyHz = o.frequencyHz ?? ACPI_PM_HZ;
    const readLatency = o.readLatency ?? fixedLatency(1_000n * FS_PER_NS);
    this.name = o.name;
    this.base = o.port ?? ACPI_PM_DEFAULT_PORT;
    this.bits = bits;
    this.glitch = o.glitch ?? 'none';
    this.piix4Value = o.piix4Value ?? PIIX4_DEFAULT_VALUE;
    this.historyFs = o.historyFs ?? FS_PER_S;
    this.windowFraction = rational(
      WINDOW_FS * MASTER_PER_TICK * frequencyHz.num,
      FS_PER_S * frequencyHz.den,
    );
    this.oscillator = new Oscillator({
      nominalHz: frequencyHz,
      rng: o.rng.fork('clock'),
      ...(o.clock ? { clock: o.clock } : {}),
    });
    this.latency = new DrawStream(o.rng.fork('latency'), (r) => readLatency.sample(r));
    this.glitchDraws = new DrawStream(o.rng.fork('glitch'), (r) => r.belowBig(1n << BigInt(bits)));
  }

  counterAt(t: TimeFs): bigint {
    return BigInt.asUintN(this.bits, this.oscillator.countAt(t));
  }

  /** Whether a read sampled at t falls in a PIIX4 indeterminate window (whatever the policy). */
  inIndeterminateWindow(t: TimeFs): boolean {
    return this.window(t) !== null;
  }

  /** The window a sample at t falls in: at a PM tick edge (the count just changed), mid-tick, or none. */
  private window(t: TimeFs): 'edge' | 'mid' | null {
    const master = mul(this.oscillator.phaseAt(t), rational(MASTER_PER_TICK));
    const cycle = floor(master);
    if (cmp(sub(master, rational(cycle)), this.windowFraction) >= 0) return null;
    return cycle % MASTER_PER_TICK === 0n ? 'edge' : 'mid';
  }

  /** The first t >= fromFs at which the MSB toggles (TMR_STS is set; ACPI 2.0 §4.7.2.1). */
  nextMsbToggle(fromFs: TimeFs): TimeFs {
    const half = 1n << BigInt(this.bits - 1);
    const count = this.oscillator.countAt(fromFs);
    const target = (count / half + 1n) * half;
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
    if (offsetBytes !== 0n || width !== 32) {
      return {
        value: 0n,
        latencyFs,
        error: `${this.name}: ${width}-bit access at offset ${offsetBytes}`,
      };
    }
    this.oscillator.retire(nowFs - this.historyFs);
    const count = this.oscillator.countAt(nowFs) + this.oscillator.jitter();
    let value = BigInt.asUintN(this.bits, count);
    const window = this.glitch === 'piix4' ? this.window(nowFs) : null;
    if (window !== null) {
      const draw = this.glitchDraws.next();
      // the bits settling in this window: from the previous count to the new one at a tick edge
      const previous = BigInt.asUintN(this.bits, window === 'edge' ? count - 1n : count);
      value = this.piix4Value === 'random' ? draw : (previous & ~draw) | (value & draw);
    }
    return { value, latencyFs };
  }

  /** The value without glitch or jitter: inspection cannot know what an indeterminate read gives. */
  peek(offsetBytes: bigint, width: AccessWidth, nowFs: TimeFs): bigint {
    return offsetBytes === 0n && width === 32 ? this.counterAt(nowFs) : 0n;
  }

  /** Writes are ignored (QEMU); a bad width is still an error event. */
  write(offsetBytes: bigint, width: AccessWidth): BusAccess {
    return offsetBytes === 0n && width === 32
      ? { value: 0n, latencyFs: 0n }
      : {
          value: 0n,
          latencyFs: 0n,
          error: `${this.name}: ${width}-bit write at offset ${offsetBytes}`,
        };
  }

  snapshot(): AcpiPmSnapshot {
    return {
      version: 1,
      latencyDraws: this.latency.index,
      glitchDraws: this.glitchDraws.index,
      clock: this.oscillator.snapshot(),
    };
  }

  restore(s: AcpiPmSnapshot): void {
    if (s.version !== 1) throw new RangeError(`${this.name}: snapshot v${s.version}`);
    this.latency.index = s.latencyDraws;
    this.glitchDraws.index = s.glitchDraws;
    this.oscillator.restore(s.clock);
  }
}
