// SPDX-License-Identifier: GPL-2.0-only
/**
 * The system bus: maps physical address ranges to MMIO devices. An access hits the device whose
 * window contains every byte of it and gets the offset from the device's base. An access no device
 * decodes (no window, or one straddling a window's end) is an error event of the run, recorded and
 * never thrown: a read returns all ones for its width (a master abort), a write is dropped.
 */
import type { AccessWidth, BusAccess, MmioDevice } from '../../devices/device.js';
import type { TimeFs } from '../base/time.js';

export interface BusError {
  readonly kind: 'unmapped' | 'device';
  readonly access: 'read' | 'write';
  readonly addr: bigint;
  readonly width: AccessWidth;
  readonly cpu: number;
  readonly timeFs: TimeFs;
  readonly message: string;
}

const ONES: Record<AccessWidth, bigint> = {
  8: 0xffn,
  16: 0xffffn,
  32: 0xffff_ffffn,
  64: 0xffff_ffff_ffff_ffffn,
};

/** An unmapped access completes at once (modelling choice: the abort costs only the issue). */
const UNMAPPED_LATENCY_FS = 0n;

/**
 * Error events kept in `errors`: the first ones. A machine whose every read goes astray makes one
 * per read; keeping them all would grow memory with the simulated duration.
 */
export const KEPT_BUS_ERRORS = 100;

export class Bus {
  private readonly devices: MmioDevice[] = [];
  private readonly errorList: BusError[] = [];
  private count = 0;
  private last: BusError | undefined = undefined;
  private onError: ((e: BusError) => void) | undefined;

  /** `onError` sees each error event as it happens (the first ones are also kept in `errors`). */
  constructor(options: { onError?: (e: BusError) => void } = {}) {
    this.onError = options.onError;
  }

  /** The first `KEPT_BUS_ERRORS` error events. */
  get errors(): readonly BusError[] {
    return this.errorList;
  }

  /** Every error event so far, kept or not. */
  get errorCount(): number {
    return this.count;
  }

  /** The latest error event. */
  get lastError(): BusError | undefined {
    return this.last;
  }

  /** Maps a device at its `base`; throws if its window overlaps another's (a machine misdesign). */
  map(device: MmioDevice): void {
    if (device.base < 0n || device.sizeBytes <= 0n)
      throw new RangeError(`bus: ${device.name} has an empty or negative window`);
    for (const d of this.devices)
      if (device.base < d.base + d.sizeBytes && d.base < device.base + device.sizeBytes)
        throw new Error(`bus: ${device.name} overlaps ${d.name}`);
    this.devices.push(device);
  }

  /** The device decoding [addr, addr + width/8), if any. */
  decode(addr: bigint, width: AccessWidth): MmioDevice | undefined {
    const end = addr + BigInt(width >> 3);
    for (const d of this.devices) if (addr >= d.base && end <= d.base + d.sizeBytes) return d;
    return undefined;
  }

  read(addr: bigint, width: AccessWidth, nowFs: TimeFs, cpu: number): BusAccess {
    const d = this.decode(addr, width);
    if (d === undefined) {
      this.error('unmapped', 'read', addr, width, cpu, nowFs, 'no device decodes the address');
      return { value: ONES[width], latencyFs: UNMAPPED_LATENCY_FS };
    }
    const a = d.read(addr - d.base, width, nowFs, cpu);
    if (a.error !== undefined) this.error('device', 'read', addr, width, cpu, nowFs, a.error);
    return a;
  }

  write(addr: bigint, width: AccessWidth, value: bigint, nowFs: TimeFs, cpu: number): BusAccess {
    const d = this.decode(addr, width);
    if (d === undefined) {
      this.error('unmapped', 'write', addr, width, cpu, nowFs, 'no device decodes the address');
      return { value: 0n, latencyFs: UNMAPPED_LATENCY_FS };
    }
    const a = d.write(addr - d.base, width, value, nowFs, cpu);
    if (a.error !== undefined) this.error('device', 'write', addr, width, cpu, nowFs, a.error);
    return a;
  }

  /** Inspection without effects, for checkers: all ones where nothing is mapped. */
  peek(addr: bigint, width: AccessWidth, nowFs: TimeFs): bigint {
    const d = this.decode(addr, width);
    return d === undefined ? ONES[width] : d.peek(addr - d.base, width, nowFs);
  }

  private error(
    kind: BusError['kind'],
    access: BusError['access'],
    addr: bigint,
    width: AccessWidth,
    cpu: number,
    timeFs: TimeFs,
    message: string,
  ): void {
    const e: BusError = { kind, access, addr, width, cpu, timeFs, message };
    this.count++;
    this.last = e;
    if (this.errorList.length < KEPT_BUS_ERRORS) this.errorList.push(e);
    this.onError?.(e);
  }
}
