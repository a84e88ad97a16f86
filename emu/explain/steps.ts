// SPDX-License-Identifier: GPL-2.0-only
/** One operation of kernel code as `timer-emu explain` keeps it: which record and field, the value. */
import type { TimeFs } from '../base/time.js';

export interface Step {
  /** the operation kind: `load`, `store`, `cmpxchg`, `cycles`, `mmio_read`, `call_source`, … */
  readonly kind: string;
  /** the record (`xtime`, `xtime_lock`, `ti` for the interpolator, `jiffies`, …), '' for hardware */
  readonly record: string;
  /** the field, '' for hardware */
  readonly field: string;
  /** the value loaded, read or found (cmpxchg); the value stored (store); null for none */
  readonly value: bigint | null;
  /** cmpxchg: the value expected and the value proposed */
  readonly expected: bigint | null;
  readonly proposed: bigint | null;
  /** false only for a cmpxchg that found another value than expected */
  readonly ok: boolean;
  readonly startFs: TimeFs;
  /** which get_counter call of the story the operation belongs to (from 1), 0 outside one */
  readonly counterCall: number;
}

/** The steps of `kind` on `record.field`. */
export const stepsOf = (steps: readonly Step[], record: string, field: string): Step[] =>
  steps.filter((s) => s.record === record && s.field === field);

/** The value of the last load of `record.field` among `steps`, or null. */
export function lastLoad(steps: readonly Step[], record: string, field: string): bigint | null {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if (s.kind === 'load' && s.record === record && s.field === field) return s.value;
  }
  return null;
}

/** Whether a step reads the counter hardware (the ITC/TSC, an MMIO counter, a source function). */
export const isCounterRead = (s: Step): boolean =>
  s.kind === 'cycles' || s.kind === 'mmio_read' || s.kind === 'call_source';
