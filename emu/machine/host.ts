// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `DeviceHost` a device sees (devices/device.ts): one-shot timers on the scheduler's DEVICE
 * band, and interrupt lines routed to a sink chosen by the machine (the tick, or nothing).
 */
import type { DeviceHost, IrqLine, TimerHandle } from '../../devices/device.js';
import type { TimeFs } from '../base/time.js';
import { Band, type Scheduler } from '../engine/scheduler.js';

/** Beyond the scheduler's exact range (2^85 fs, about 1.2 million years): never reached. */
const NEVER_FS = 1n << 85n;
const NEVER: TimerHandle = { cancel: () => {} };

export type IrqSink = (line: IrqLine, level: boolean) => void;

export function deviceHost(scheduler: Scheduler, irq: IrqSink): DeviceHost {
  return {
    at(atFs: TimeFs, callback: (nowFs: TimeFs) => void): TimerHandle {
      // an HPET comparator a whole 64-bit wrap away asks for such times
      if (atFs >= NEVER_FS) return NEVER;
      const h = scheduler.schedule(atFs, Band.DEVICE, () => callback(scheduler.nowFs));
      return { cancel: () => void scheduler.cancel(h) };
    },
    irq,
  };
}
