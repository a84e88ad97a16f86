// SPDX-License-Identifier: GPL-2.0-only
/**
 * A stepped clock for register tests (QEMU ptimer-test's `qemu_clock_step`): `stepTo` fires each
 * deadline at its own time, in (time, arming order), and records every interrupt edge or level.
 */

import type { DeviceHost, IrqLine, TimerHandle } from '../../../devices/device.js';
import type { TimeFs } from '../../../emu/base/time.js';

interface Pending {
  readonly atFs: TimeFs;
  readonly seq: number;
  readonly callback: (nowFs: TimeFs) => void;
  cancelled: boolean;
}

export interface IrqEvent {
  readonly atFs: TimeFs;
  readonly line: IrqLine;
  readonly level: boolean;
}

export class SteppedHost implements DeviceHost {
  nowFs: TimeFs = 0n;
  readonly irqs: IrqEvent[] = [];
  private pending: Pending[] = [];
  private seq = 0;

  at(atFs: TimeFs, callback: (nowFs: TimeFs) => void): TimerHandle {
    if (atFs < this.nowFs) throw new Error(`at(${atFs}) is before now (${this.nowFs})`);
    const p: Pending = { atFs, seq: this.seq++, callback, cancelled: false };
    this.pending.push(p);
    return {
      cancel: () => {
        p.cancelled = true;
      },
    };
  }

  irq(line: IrqLine, level: boolean): void {
    this.irqs.push({ atFs: this.nowFs, line, level });
  }

  /** Deadlines still armed, earliest first. */
  get deadlines(): TimeFs[] {
    return this.live().map((p) => p.atFs);
  }

  stepTo(t: TimeFs): void {
    for (;;) {
      const next = this.live()[0];
      if (next === undefined || next.atFs > t) break;
      next.cancelled = true;
      this.nowFs = next.atFs;
      next.callback(next.atFs);
    }
    this.nowFs = t;
  }

  step(dt: TimeFs): void {
    this.stepTo(this.nowFs + dt);
  }

  private live(): Pending[] {
    this.pending = this.pending.filter((p) => !p.cancelled);
    return [...this.pending].sort((a, b) =>
      a.atFs < b.atFs ? -1 : a.atFs > b.atFs ? 1 : a.seq - b.seq,
    );
  }
}

/** A host that refuses timers: for devices that must not schedule anything. */
export const noHost: DeviceHost = {
  at: () => {
    throw new Error('this device must not schedule');
  },
  irq: () => {
    throw new Error('this device must not raise interrupts');
  },
};
