// SPDX-License-Identifier: GPL-2.0-only
/**
 * A device type as the emulator knows it: one descriptor per type, in the device's own folder
 * (docs/adding-a-device.md). It declares the `type` name and what `timer-emu list` says of it, the
 * schema of its scenario entry (defaults included; the editors' JSON Schema is generated from it),
 * the bus window it claims, the limits checked once when a scenario loads (given the machine), and
 * the factory that builds the model from the validated entry and the few things it needs.
 * Descriptors depend on zod, `emu/base/` and `devices/` only.
 */
import type { z } from 'zod';
import type { Rational } from '../emu/base/rational.js';
import type { Rng } from '../emu/base/rng.js';
import type { Oscillator } from './clock/oscillator.js';
import type { CycleCounter } from './cycle-counter/cycle-counter.js';
import type { DeviceHost, MmioDevice } from './device.js';
import type { Hpet } from './hpet/hpet.js';

/** What every validated device entry has. */
export interface DeviceConfigBase {
  readonly type: string;
  readonly name: string;
}

/** Where a device's counter is read: by the CPU itself (get_cycles) or with a bus access. */
export type CounterAccess = 'cpu' | 'mmio';

/** The bus addresses a device answers at, [from, to). */
export interface BusWindow {
  readonly from: bigint;
  readonly to: bigint;
  /** the key of the entry an overlap is reported at */
  readonly key: string;
  /** the message when the window is taken by devices[`byIndex`]; default: the two ranges */
  readonly takenMessage?: (byIndex: number) => string;
}

/** What the load-time limits of a device may depend on besides its own entry. */
export interface MachineShape {
  readonly cpus: number;
}

/** A violated limit: `path` is relative to the device's entry. */
export interface LimitIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The narrow things a factory gets. */
export interface DeviceNeeds {
  /** the device's own seeded stream */
  readonly rng: Rng;
  /** timers and interrupt lines of the machine */
  readonly host: DeviceHost;
  readonly cpus: number;
  readonly cpuFrequencyHz: Rational;
}

/** What the machine uses of every built device, whatever its type. */
export interface DevicePort {
  /** mapped on the bus when the machine is built */
  readonly mmio?: MmioDevice;
  /** the oscillators behind the device (one per CPU for a per-CPU counter), for jumps and drift */
  oscillators(): Oscillator[];
  /** the register a driver reads (0 for a per-CPU counter) and the width a function source reads */
  readonly counterAddress: bigint;
  readonly counterWidth: 32 | 64;
  /** counts per second of the nominal clock, as an integer (what firmware would report) */
  readonly nominalHz: bigint;
}

/**
 * The model a factory built. `hpet` and `cycle-counter` carry the extra roles the machine gives
 * those (tick source, ITM match, get_cycles); any other counter is a `counter`.
 */
export type DeviceInstance = (
  | { readonly kind: 'hpet'; readonly device: Hpet }
  | { readonly kind: 'cycle-counter'; readonly device: CycleCounter }
  | { readonly kind: 'counter'; readonly device: MmioDevice }
) & { readonly port: DevicePort };

export interface DeviceDescriptor<Config extends DeviceConfigBase = DeviceConfigBase> {
  /** the `type` key of a scenario entry */
  readonly type: Config['type'];
  /** one line, as `timer-emu list` prints it */
  readonly summary: string;
  /** the whole entry, `type` and `name` included; fills every default */
  readonly schema: z.ZodType<Config>;
  readonly counterAccess: CounterAccess;
  /** whether `cpu` may select one CPU's counter in jump and set_drift events */
  readonly perCpu: boolean;
  busWindow(config: Config): BusWindow | undefined;
  /** checks that need the rest of the scenario, run once at load (QEMU's realize()) */
  limits(config: Config, machine: MachineShape): readonly LimitIssue[];
  create(config: Config, needs: DeviceNeeds): DeviceInstance;
  /**
   * The scenario entry (file keys and values) that loads back to `config`; what the scenario
   * serializer writes for this type. Optional for a user device: without it, a scenario holding
   * one cannot be written back (emu/scenario/serialize.ts says so).
   */
  toEntry?(config: Config): Record<string, unknown>;
}

/**
 * A descriptor of some device type, as the registry holds it (the methods take their Config
 * bivariantly, so every DeviceDescriptor<Config> is one).
 */
export type AnyDeviceDescriptor = DeviceDescriptor<DeviceConfigBase>;

/** Typed construction: checks a descriptor against its own Config. */
export const defineDevice = <Config extends DeviceConfigBase>(
  d: DeviceDescriptor<Config>,
): DeviceDescriptor<Config> => d;

/** The port of a device on the bus with one oscillator; the counter at `base` unless given. */
export function busPort(
  mmio: MmioDevice,
  oscillator: Oscillator,
  counter: { readonly width: 32 | 64; readonly nominalHz: bigint; readonly address?: bigint },
): DevicePort {
  return {
    mmio,
    oscillators: () => [oscillator],
    counterAddress: counter.address ?? mmio.base,
    counterWidth: counter.width,
    nominalHz: counter.nominalHz,
  };
}
