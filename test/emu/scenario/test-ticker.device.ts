// SPDX-License-Identifier: GPL-2.0-only
/**
 * A device type that exists only in the tests: everything a new device type brings, in one place
 * (model, schema with defaults, bus window, a load-time limit, factory), added to a registry with
 * one `addDevice`. It is a 32-bit MMIO up-counter with an ideal clock that counts its own reads.
 */
import { z } from 'zod';
import { Oscillator } from '../../../devices/clock/oscillator.js';
import { busPort, defineDevice } from '../../../devices/descriptor.js';
import type { AccessWidth, BusAccess, MmioDevice } from '../../../devices/device.js';
import { deviceName } from '../../../devices/device-name.js';
import type { Rational } from '../../../emu/base/rational.js';
import { floor } from '../../../emu/base/rational.js';
import type { Rng } from '../../../emu/base/rng.js';
import type { TimeFs } from '../../../emu/base/time.js';
import { frequencyHz, obj, u64 } from '../../../emu/base/values.js';

export const TICKER_READ_LATENCY_FS = 500_000_000n;

export class Ticker implements MmioDevice {
  readonly sizeBytes = 4n;
  readonly oscillator: Oscillator;
  reads = 0;

  constructor(
    readonly name: string,
    readonly base: bigint,
    frequency: Rational,
    rng: Rng,
  ) {
    this.oscillator = new Oscillator({ nominalHz: frequency, rng: rng.fork('clock') });
  }

  read(offsetBytes: bigint, width: AccessWidth, nowFs: TimeFs): BusAccess {
    this.reads++;
    return { value: this.peek(offsetBytes, width, nowFs), latencyFs: TICKER_READ_LATENCY_FS };
  }

  write(): BusAccess {
    return { value: 0n, latencyFs: 0n, error: `${this.name}: read-only` };
  }

  peek(_offsetBytes: bigint, width: AccessWidth, nowFs: TimeFs): bigint {
    return BigInt.asUintN(Math.min(width, 32), this.oscillator.countAt(nowFs));
  }
}

export interface TickerConfig {
  readonly type: 'test-ticker';
  readonly name: string;
  readonly frequencyHz: Rational;
  readonly base: bigint;
}

export const tickerDevice = defineDevice<TickerConfig>({
  type: 'test-ticker',
  summary: 'a 32-bit MMIO up-counter that exists only in the tests',
  schema: obj({
    type: z.literal('test-ticker'),
    name: deviceName,
    frequency: frequencyHz.prefault('10MHz'),
    base: u64.prefault('0xfe100000'),
  }).transform(
    (d): TickerConfig => ({
      type: 'test-ticker',
      name: d.name,
      frequencyHz: d.frequency,
      base: d.base,
    }),
  ),
  counterAccess: 'mmio',
  perCpu: false,
  busWindow: (c) => ({ from: c.base, to: c.base + 4n, key: 'base' }),
  limits: (c, machine) =>
    machine.cpus > 8 ? [{ path: ['name'], message: `${c.name} serves at most 8 CPUs` }] : [],
  create(c, needs) {
    const t = new Ticker(c.name, c.base, c.frequencyHz, needs.rng);
    return {
      kind: 'counter',
      device: t,
      port: busPort(t, t.oscillator, { width: 32, nominalHz: floor(c.frequencyHz) }),
    };
  },
});
