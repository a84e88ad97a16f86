// SPDX-License-Identifier: GPL-2.0-only
/**
 * A user time source as a plugin: a 32-bit MMIO up-counter with an ideal clock, defined through
 * the public API only (docs/adding-a-device.md in the timer-emu package, "In your own module").
 */
import { busPort, defineDevice, Oscillator } from 'timer-emu';
import { z } from 'zod';

const READ_LATENCY_FS = 500_000_000n; // 0.5 us

class Ticker {
  sizeBytes = 4n;
  constructor(name, base, hz, rng) {
    this.name = name;
    this.base = base;
    this.oscillator = new Oscillator({ nominalHz: { num: hz, den: 1n }, rng: rng.fork('clock') });
  }
  read(offset, width, nowFs) {
    return { value: this.peek(offset, width, nowFs), latencyFs: READ_LATENCY_FS };
  }
  write() {
    return { value: 0n, latencyFs: 0n, error: `${this.name}: read-only` };
  }
  peek(_offset, width, nowFs) {
    return BigInt.asUintN(Math.min(width, 32), this.oscillator.countAt(nowFs));
  }
}

export default defineDevice({
  type: 'my-ticker',
  summary: 'a 32-bit MMIO up-counter of my own',
  schema: z
    .object({
      type: z.literal('my-ticker'),
      name: z.string(),
      base: z.number().int().default(0xfe100000),
      hz: z.number().int().positive().default(10_000_000),
    })
    .strict()
    .transform((d) => ({ type: d.type, name: d.name, base: BigInt(d.base), hz: BigInt(d.hz) })),
  counterAccess: 'mmio',
  perCpu: false,
  busWindow: (c) => ({ from: c.base, to: c.base + 4n, key: 'base' }),
  limits: (c, machine) =>
    machine.cpus > 8 ? [{ path: ['name'], message: `${c.name} serves at most 8 CPUs` }] : [],
  create(c, needs) {
    const t = new Ticker(c.name, c.base, c.hz, needs.rng);
    return {
      kind: 'counter',
      device: t,
      port: busPort(t, t.oscillator, { width: 32, nominalHz: c.hz }),
    };
  },
  toEntry: (c) => ({ type: c.type, name: c.name, base: Number(c.base), hz: Number(c.hz) }),
});
