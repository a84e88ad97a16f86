// SPDX-License-Identifier: GPL-2.0-only
/** The human narration of an explanation, one fact a line, in the kernel's names. */
import { FS_PER_NS } from '../base/time.js';
import { arithLines } from './arith.js';
import { passLines } from './counter-story.js';
import type { Explanation } from './explain.js';
import { type ReadStory, retriesText } from './read-story.js';
import type { TickStory } from './tick-story.js';

/** How headings and notes are set off (chalk on a terminal, plain elsewhere). */
export interface Paint {
  heading(s: string): string;
  note(s: string): string;
}

export const PLAIN: Paint = { heading: (s) => s, note: (s) => s };

/** Simulated time as ns with the fs as six decimals. */
export function nsText(fs: bigint): string {
  return `${fs / FS_PER_NS}.${(fs % FS_PER_NS).toString().padStart(6, '0')} ns`;
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;

export function readLines(s: ReadStory, p: Paint): string[] {
  const lines = [
    p.heading(
      `read ${s.index} on cpu ${s.cpu} (${s.clock}), from ${nsText(s.startFs)} to ${nsText(s.endFs)}`,
    ),
    `  read_seqbegin(&xtime_lock): sequence = ${s.sequence}${s.retries > 0 ? ` (after ${retriesText(s.retries)})` : ''}`,
    `  xtime = ${s.xtimeSec} s + ${s.xtimeNsec} ns`,
    `  offset = ${s.offset} ns`,
    `  get_counter:`,
    ...passLines(s.counter).map((l) => `    ${l}`),
    `  counter = ${s.counter.count}, last_counter = ${s.lastCounter}`,
    `  (counter − last_counter) = ${s.diff} (u64); & mask ${hex(s.mask)} = ${s.masked}`,
    `  × nsec_per_cyc ${s.nsecPerCyc} = ${s.product} (low 64 bits); >> shift ${s.shift} = ${s.ns} ns`,
    `  + offset = ${s.interpolatedNs} ns since xtime`,
    ...(s.toMonotonic === null
      ? []
      : [
          `  + wall_to_monotonic = ${s.toMonotonic.sec} s + ${s.toMonotonic.nsec} ns (CLOCK_MONOTONIC)`,
        ]),
    `  read_seqretry(&xtime_lock): sequence still ${s.sequence}, no tick wrote meanwhile: these values stand`,
    `  returned ${s.valueNs} ns; true time ${s.trueNs} ns; error ${s.errorNs} ns`,
  ];
  return [...lines, ...s.notes.map((n) => p.note(`  why: ${n}`))];
}

function tuningLines(t: TickStory, p: Paint): string[] {
  const u = t.tuning;
  if (u === null) return [`  jiffies = ${t.jiffies}: not a multiple of 65536, no tuning`];
  const verdict =
    u.nsecPerCycTo < u.nsecPerCycFrom
      ? 'no skips and offset above tick_nsec: nsec_per_cyc − 1 (the clock was fast)'
      : u.nsecPerCycTo > u.nsecPerCycFrom
        ? 'ns_skipped above 655360 and offset 0: nsec_per_cyc + 1 (the clock was slow)'
        : 'neither rule holds: nsec_per_cyc unchanged';
  return [
    p.heading(`  jiffies = ${t.jiffies}: a tuning round (jiffies % 65536 = 0)`),
    `  skips = ${u.skips}, offset = ${u.offset} ns, tick_nsec = ${u.tickNsec ?? 'not loaded'}, ns_skipped = ${u.nsSkipped ?? 'not loaded'}`,
    `  ${verdict}: ${u.nsecPerCycFrom} → ${u.nsecPerCycTo}`,
    '  then skips = 0 and ns_skipped = 0 for the next round',
  ];
}

export function tickLines(t: TickStory, p: Paint): string[] {
  const branch =
    t.branch === 'carry'
      ? `given ${t.givenNs} ns > delta_nsec ${t.deltaNsec} ns: carry the excess, offset = ${t.givenNs} − ${t.deltaNsec < 0n ? `(${t.deltaNsec})` : t.deltaNsec}`
      : `given ${t.givenNs} ns ≤ delta_nsec ${t.deltaNsec} ns: skip ${t.deltaNsec - t.givenNs} ns (readers never see them), offset = 0`;
  return [
    p.heading(`time_interpolator_update ${t.index} on cpu ${t.cpu} at ${nsText(t.atFs)}`),
    `  get_counter (writer):`,
    ...passLines(t.counter).map((l) => `    ${l}`),
    `  counter = ${t.counter.count}, last_counter = ${t.lastCounter}: ${t.ns} ns since the last tick by GET_TI_NSECS`,
    `  offset ${t.offset} + ${t.ns} = ${t.givenNs} ns given out since xtime`,
    `  ${branch}`,
    `  stores, in order: ${t.stores.map((s) => `${s.field} = ${s.value}`).join('; ')}`,
    ...tuningLines(t, p),
  ];
}

export function explanationLines(e: Explanation, p: Paint): string[] {
  const out: string[] = [];
  if (e.arith !== null) out.push(...arithLines(e.arith.input, e.arith.result));
  if (e.read !== null) out.push(...readLines(e.read, p));
  for (const t of e.ticks) out.push(...tickLines(t, p));
  return out;
}
