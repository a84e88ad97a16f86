// SPDX-License-Identifier: GPL-2.0-only
/**
 * Runs a machine in slices of simulated time, returning to the event loop between slices so that
 * Ctrl-C (SIGINT) can stop it, and drawing a progress bar on a terminal's stderr once the run has
 * taken more than a second (redrawn at most every 100 ms of wall time; never with --json or
 * --quiet, which the caller decides by passing no stream).
 */
import type { Machine } from '../../machine/machine.js';
import type { OutStream } from '../io.js';

const SLICES = 256n;
const BAR = 30;
const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 100;

export interface SliceOptions {
  /** where to draw progress, or null */
  readonly progress: OutStream | null;
  readonly label: string;
  /** polled between slices: true stops the run */
  readonly stopped: () => boolean;
}

/** Runs to the end or until stopped; returns whether it reached the end. */
export async function runInSlices(machine: Machine, o: SliceOptions): Promise<boolean> {
  const total = machine.durationFs;
  const step = total / SLICES > 0n ? total / SLICES : 1n;
  const startMs = Date.now();
  let drawnMs = 0;
  let drawn = false;
  for (let t = 0n; t < total; ) {
    t = t + step < total ? t + step : total;
    machine.runUntil(t);
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (o.stopped()) break;
    const now = Date.now();
    if (o.progress !== null && now - startMs > SHOW_AFTER_MS && now - drawnMs >= REDRAW_MS) {
      const filled = Number((t * BigInt(BAR)) / total);
      const pct = Number((t * 100n) / total);
      o.progress.write(`\r${o.label} [${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${pct}%`);
      drawnMs = now;
      drawn = true;
    }
  }
  if (drawn) o.progress?.write('\r\u001b[K');
  return machine.result().endFs >= total;
}
