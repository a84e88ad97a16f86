// SPDX-License-Identifier: GPL-2.0-only
/**
 * What the emulator sees of a device: the narrow interfaces the bus, the CPUs and the interrupt
 * routing use. Devices import only `emu/` time and randomness types; the emulator adapts its
 * scheduler and interrupt controller to `DeviceHost`.
 */
import type { TimeFs } from '../emu/base/time.js';

export type AccessWidth = 8 | 16 | 32 | 64;

/** The outcome of a bus access. */
export interface BusAccess {
  /** the value read (0n for writes), zero-extended */
  readonly value: bigint;
  /** how long the access takes, from its start to the value being available */
  readonly latencyFs: TimeFs;
  /** set when the device rejects the access (bad width or offset): an error event of the run */
  readonly error?: string;
}

/** A memory-mapped (or port-mapped) device as the bus sees it. */
export interface MmioDevice {
  readonly name: string;
  /** physical base address and size of its register window, in bytes */
  readonly base: bigint;
  readonly sizeBytes: bigint;
  /** a bus read at `nowFs` by `cpu`: may have effects (latches, clears, randomness) */
  read(offsetBytes: bigint, width: AccessWidth, nowFs: TimeFs, cpu: number): BusAccess;
  /** a bus write */
  write(
    offsetBytes: bigint,
    width: AccessWidth,
    value: bigint,
    nowFs: TimeFs,
    cpu: number,
  ): BusAccess;
  /** inspection without effects: same value a read would return, no latency, no state change */
  peek(offsetBytes: bigint, width: AccessWidth, nowFs: TimeFs): bigint;
}

/** Per-CPU cycle counters (TSC / ITC): what a CPU's `get_cycles()` reads. */
export interface CycleCounterDevice {
  readonly name: string;
  /**
   * a read of `cpu`'s own counter; latency is the read cost. The result may be one object the
   * device reuses: valid only until its next `readCycles`.
   */
  readCycles(cpu: number, nowFs: TimeFs): BusAccess;
  peekCycles(cpu: number, nowFs: TimeFs): bigint;
  /** write the CPU's ITM match register (ia64); a no-op on x86 TSCs */
  setMatch?(cpu: number, value: bigint, nowFs: TimeFs): void;
}

/** Handle of a scheduled callback. */
export interface TimerHandle {
  cancel(): void;
}

/** What a device needs from the emulator: a one-shot timer on simulated time and interrupt lines. */
export interface DeviceHost {
  /** run `callback` at absolute time `atFs` (>= now); the device re-arms itself if it needs to */
  at(atFs: TimeFs, callback: (nowFs: TimeFs) => void): TimerHandle;
  /** raise (edge) or set the level of interrupt line `line` (an HPET route number, or a CPU's timer vector) */
  irq(line: IrqLine, level: boolean): void;
}

export type IrqLine =
  | { readonly kind: 'ioapic'; readonly pin: number }
  | { readonly kind: 'fsb'; readonly address: bigint; readonly data: bigint }
  | { readonly kind: 'cpu-timer'; readonly cpu: number };
