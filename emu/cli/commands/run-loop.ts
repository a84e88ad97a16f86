// SPDX-License-Identifier: GPL-2.0-only
/**
 * Runs a machine in slices of simulated time, returning to the event loop every `YIELD_MS` of
 * wall time so that a signal (Ctrl-C, SIGTERM) can stop it, and showing progress on stderr.
 *
 * Slice boundaries are simulated instants fixed by the run and the scenario alone (never by the
 * wall clock), because a boundary makes the scheduler run an event the executor would otherwise
 * have advanced over: the count of scheduler events depends on them, the figures do not. A slice is
 * 1/256 of the shortest of the run, the scenario's own duration and 16 s, and the run has at most
 * 2^26 slices: so a run longer than its scenario (`--duration`) stops about as fast as the
 * scenario's own run, in 1/256 of its wall time.
 */
import { FS_PER_S } from '../../base/time.js';
import type { Machine } from '../../machine/machine.js';
import { approxDuration } from '../../report/format.js';
import type { OutStream } from '../io.js';

const SLICES = 256n;
const SLICE_BASIS_MAX_FS = 16n * FS_PER_S;
const MAX_SLICES = 1n << 26n;
/** wall time between returns to the event loop (where signal handlers run) */
const YIELD_MS = 50;

/** How progress is shown: a redrawn bar on a terminal, an occasional line elsewhere (CI logs). */
export interface ProgressStyle {
  readonly stream: OutStream;
  readonly tty: boolean;
}

const BAR = 30;
const BAR_AFTER_MS = 1000;
const BAR_REDRAW_MS = 100;
const LINE_AFTER_MS = 5000;
const LINE_EVERY_MS = 30_000;

export interface SliceOptions {
  /** where to show progress, or null */
  readonly progress: ProgressStyle | null;
  readonly label: string;
  /** the scenario's own duration, which bounds the slice */
  readonly scenarioFs: bigint;
  /** polled after every slice: true stops the run */
  readonly stopped: () => boolean;
  /** the wall clock in ms (injectable for tests) */
  readonly nowMs?: () => number;
}

/** The simulated length of one slice. */
export function sliceFs(runFs: bigint, scenarioFs: bigint): bigint {
  let basis = runFs < scenarioFs ? runFs : scenarioFs;
  if (basis > SLICE_BASIS_MAX_FS) basis = SLICE_BASIS_MAX_FS;
  const least = runFs / MAX_SLICES;
  const step = basis / SLICES > least ? basis / SLICES : least;
  return step > 0n ? step : 1n;
}

/** Shows progress at most as often as its style allows. */
class Progress {
  private shownMs: number | null = null;
  private drawn = false;

  constructor(
    private readonly style: ProgressStyle,
    private readonly label: string,
    private readonly startMs: number,
  ) {}

  update(nowMs: number, doneFs: bigint, totalFs: bigint): void {
    const { tty, stream } = this.style;
    const elapsed = nowMs - this.startMs;
    const since = this.shownMs === null ? Number.POSITIVE_INFINITY : nowMs - this.shownMs;
    if (elapsed < (tty ? BAR_AFTER_MS : LINE_AFTER_MS)) return;
    if (since < (tty ? BAR_REDRAW_MS : LINE_EVERY_MS)) return;
    this.shownMs = nowMs;
    const pct = Number((doneFs * 100n) / totalFs);
    if (tty) {
      const filled = Number((doneFs * BigInt(BAR)) / totalFs);
      stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${pct}%`);
      this.drawn = true;
    } else {
      stream.write(
        `timer-emu: ${this.label}: ${pct}% (${approxDuration(doneFs)} of ${approxDuration(totalFs)} simulated, ${Math.round(elapsed / 1000)} s)\n`,
      );
    }
  }

  clear(): void {
    if (this.drawn) this.style.stream.write('\r\u001b[K');
  }
}

/** Runs to the end or until stopped; returns whether it reached the end. */
export async function runInSlices(machine: Machine, o: SliceOptions): Promise<boolean> {
  const nowMs = o.nowMs ?? (() => performance.now());
  const total = machine.durationFs;
  const step = sliceFs(total, o.scenarioFs);
  const startMs = nowMs();
  const progress = o.progress === null ? null : new Progress(o.progress, o.label, startMs);
  let yieldedMs = startMs;
  for (let t = 0n; t < total; ) {
    t += step;
    if (t > total) t = total;
    machine.runUntil(t);
    const now = nowMs();
    if (now - yieldedMs >= YIELD_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      yieldedMs = now;
    }
    if (o.stopped()) break;
    progress?.update(now, t, total);
  }
  progress?.clear();
  return machine.result().endFs >= total;
}
