// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import type { AccessWidth, MmioDevice } from '../../../devices/device.js';
import { Bus, type BusError, KEPT_BUS_ERRORS } from '../../../emu/engine/bus.js';

function fakeDevice(name: string, base: bigint, sizeBytes: bigint) {
  const calls: string[] = [];
  const device: MmioDevice = {
    name,
    base,
    sizeBytes,
    read: (off: bigint, width: AccessWidth, nowFs: bigint, cpu: number) => {
      calls.push(`read ${off} ${width} ${nowFs} ${cpu}`);
      return off === 0xffn
        ? { value: 0n, latencyFs: 5n, error: 'bad offset' }
        : { value: off + 1n, latencyFs: 7n };
    },
    write: (off: bigint, width: AccessWidth, value: bigint) => {
      calls.push(`write ${off} ${width} ${value}`);
      return { value: 0n, latencyFs: 3n };
    },
    peek: (off: bigint) => off + 100n,
  };
  return { device, calls };
}

describe('Bus', () => {
  it('routes accesses by address to the device, with offset, width, time and cpu', () => {
    const bus = new Bus();
    const a = fakeDevice('a', 0x1000n, 0x100n);
    const b = fakeDevice('b', 0x2000n, 0x400n);
    bus.map(a.device);
    bus.map(b.device);
    expect(bus.read(0x2010n, 32, 99n, 1)).toEqual({ value: 0x11n, latencyFs: 7n });
    expect(bus.write(0x10f8n, 64, 5n, 100n, 0)).toEqual({ value: 0n, latencyFs: 3n });
    expect(b.calls).toEqual(['read 16 32 99 1']);
    expect(a.calls).toEqual(['write 248 64 5']);
    expect(bus.peek(0x1004n, 32, 0n)).toBe(104n);
    expect(bus.errors).toEqual([]);
  });

  it('records an unmapped access as an error event; reads return all ones for the width', () => {
    const seen: BusError[] = [];
    const bus = new Bus({ onError: (e) => seen.push(e) });
    bus.map(fakeDevice('a', 0x1000n, 0x100n).device);
    expect(bus.read(0x5000n, 8, 1n, 0).value).toBe(0xffn);
    expect(bus.read(0x5000n, 16, 1n, 0).value).toBe(0xffffn);
    expect(bus.read(0x5000n, 32, 1n, 0).value).toBe(0xffff_ffffn);
    expect(bus.read(0x10fcn, 64, 2n, 3).value).toBe(0xffff_ffff_ffff_ffffn); // straddles the end
    bus.write(0x0n, 32, 1n, 4n, 1);
    expect(bus.errors.length).toBe(5);
    expect(bus.errorCount).toBe(5);
    expect(seen).toEqual(bus.errors);
    expect(bus.errors[3]).toMatchObject({
      kind: 'unmapped',
      access: 'read',
      addr: 0x10fcn,
      cpu: 3,
    });
    expect(bus.peek(0x5000n, 32, 0n)).toBe(0xffff_ffffn);
  });

  it('records a device-rejected access as an error event and returns its value', () => {
    const bus = new Bus();
    bus.map(fakeDevice('a', 0x1000n, 0x100n).device);
    expect(bus.read(0x10ffn, 8, 1n, 0)).toMatchObject({ value: 0n, error: 'bad offset' });
    expect(bus.errors).toMatchObject([{ kind: 'device', message: 'bad offset' }]);
  });

  it('keeps the first error events and counts them all, so memory stays flat', () => {
    const seen: BusError[] = [];
    const bus = new Bus({ onError: (e) => seen.push(e) });
    const n = KEPT_BUS_ERRORS + 50;
    for (let i = 0; i < n; i++) bus.read(0x5000n, 32, BigInt(i), 0);
    expect(bus.errorCount).toBe(n);
    expect(bus.errors).toHaveLength(KEPT_BUS_ERRORS);
    expect(bus.errors).toEqual(seen.slice(0, KEPT_BUS_ERRORS));
    expect(bus.lastError).toBe(seen[n - 1]);
    expect(bus.lastError!.timeFs).toBe(BigInt(n - 1));
  });

  it('refuses overlapping windows', () => {
    const bus = new Bus();
    bus.map(fakeDevice('a', 0x1000n, 0x100n).device);
    expect(() => bus.map(fakeDevice('b', 0x10f0n, 0x100n).device)).toThrow(/overlaps a/);
    bus.map(fakeDevice('c', 0x1100n, 0x100n).device);
  });
});
