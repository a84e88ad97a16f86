// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { mmioCounterDevice } from '../../../devices/mmio-counter/descriptor.js';
import type { MmioCounter } from '../../../devices/mmio-counter/mmio-counter.js';
import { needs } from '../helpers/device-needs.js';

const entry = (keys: Record<string, unknown>) =>
  mmioCounterDevice.schema.safeParse({ type: 'mmio-counter', name: 'm', ...keys });

describe('the mmio-counter descriptor', () => {
  it('needs bits, frequency and base without a preset, each reported at its key', () => {
    expect(entry({}).error?.issues.map((i) => i.path)).toEqual([['bits'], ['frequency'], ['base']]);
  });

  it('lets given keys override the preset', () => {
    expect(entry({ preset: 'cyclone', bits: 32 }).data).toMatchObject({
      preset: 'cyclone',
      bits: 32,
      base: 0xfeb00000n,
    });
  });

  it('claims 8 bytes at its base and builds a counter read there with 64-bit reads', () => {
    const c = entry({ preset: 'sn2-rtc' }).data!;
    expect(mmioCounterDevice.busWindow(c)).toEqual({
      from: 0xfe000000n,
      to: 0xfe000008n,
      key: 'base',
    });
    const built = mmioCounterDevice.create(c, needs());
    const m = built.device as MmioCounter;
    expect(m.bits).toBe(55);
    expect(built.port).toMatchObject({
      counterAddress: 0xfe000000n,
      counterWidth: 64,
      nominalHz: 33_333_333n,
    });
    expect(built.port.oscillators()).toEqual([m.oscillator]);
  });
});
