// SPDX-License-Identifier: GPL-2.0-only
/**
 * One clock read told step by step: the seqlock, xtime, the interpolator's offset, get_counter, and
 * GET_TI_NSECS (kernel/timer.c) `((counter − last_counter) & mask) × nsec_per_cyc >> shift`, each
 * step in u64 as the C code does it, then the value returned against true time.
 */
import { s64, shr64, U64_MAX, wrap64 } from '../../interpolator/c.js';
import { type CounterStory, counterStory } from './counter-story.js';
import type { ReadCapture } from './recorder.js';
import { lastLoad, type Step } from './steps.js';

export interface ReadStory {
  readonly cpu: number;
  readonly index: number;
  readonly clock: 'realtime' | 'monotonic';
  readonly startFs: bigint;
  readonly endFs: bigint;
  /** the xtime sequence of the pass that produced the value, and the passes retried */
  readonly sequence: bigint;
  readonly retries: number;
  readonly xtimeSec: bigint;
  readonly xtimeNsec: bigint;
  readonly offset: bigint;
  readonly counter: CounterStory;
  readonly lastCounter: bigint;
  readonly mask: bigint;
  readonly nsecPerCyc: bigint;
  readonly shift: bigint;
  /** counter − last_counter in u64 */
  readonly diff: bigint;
  readonly masked: bigint;
  /** masked × nsec_per_cyc, low 64 bits */
  readonly product: bigint;
  /** product >> shift */
  readonly ns: bigint;
  /** offset + ns: what time_interpolator_get_offset returns */
  readonly interpolatedNs: bigint;
  /** CLOCK_MONOTONIC: the wall_to_monotonic added, null for REALTIME */
  readonly toMonotonic: { readonly sec: bigint; readonly nsec: bigint } | null;
  readonly valueNs: bigint;
  readonly trueNs: bigint;
  readonly errorNs: bigint;
  /** why, in words */
  readonly notes: readonly string[];
}

/** The steps of the seqlock pass that produced the value: from the sequence load before the last
 * get_counter call to the end. */
function lastPass(steps: readonly Step[]): readonly Step[] {
  const lastCall = Math.max(0, ...steps.map((s) => s.counterCall));
  const firstOfCall = steps.findIndex((s) => s.counterCall === lastCall);
  let begin = 0;
  for (let i = firstOfCall; i >= 0; i--)
    if (steps[i]!.record === 'xtime_lock' && steps[i]!.field === 'sequence') {
      begin = i;
      break;
    }
  return steps.slice(begin);
}

const must = (v: bigint | null): bigint => v ?? 0n;

export function readStory(c: ReadCapture): ReadStory {
  const pass = lastPass(c.steps);
  const seqLoads = c.steps.filter((s) => s.record === 'xtime_lock' && s.field === 'sequence');
  const minimum = c.read.clock === 'monotonic' ? 4 : 2;
  const lastCall = Math.max(0, ...c.steps.map((s) => s.counterCall));
  const counter = counterStory(c.steps, lastCall);
  const lastCounter = must(lastLoad(pass, 'ti', 'last_counter'));
  const mask = must(lastLoad(pass, 'ti', 'mask'));
  const nsecPerCyc = must(lastLoad(pass, 'ti', 'nsec_per_cyc'));
  const shift = must(lastLoad(pass, 'ti', 'shift'));
  const offset = must(lastLoad(pass, 'ti', 'offset'));
  const diff = wrap64(counter.count - lastCounter);
  const masked = diff & mask;
  const product = wrap64(masked * nsecPerCyc);
  const ns = shr64(product, shift, 'ia64');
  const story = {
    cpu: c.read.cpu,
    index: c.index,
    clock: c.read.clock,
    startFs: c.read.startFs,
    endFs: c.read.endFs,
    sequence: must(pass[0]?.value ?? null),
    retries: Math.max(0, (seqLoads.length - minimum) >> 1),
    xtimeSec: must(lastLoad(pass, 'xtime', 'tv_sec')),
    xtimeNsec: must(lastLoad(pass, 'xtime', 'tv_nsec')),
    offset,
    counter,
    lastCounter,
    mask,
    nsecPerCyc,
    shift,
    diff,
    masked,
    product,
    ns,
    interpolatedNs: wrap64(offset + ns),
    toMonotonic:
      c.read.clock === 'monotonic'
        ? {
            sec: must(lastLoad(c.steps, 'wall_to_monotonic', 'tv_sec')),
            nsec: must(lastLoad(c.steps, 'wall_to_monotonic', 'tv_nsec')),
          }
        : null,
    valueNs: c.read.valueNs,
    trueNs: c.read.trueNs,
    errorNs: c.read.valueNs - c.read.trueNs,
  };
  return { ...story, notes: readNotes(story) };
}

type Facts = Omit<ReadStory, 'notes'>;

/** How many times a reader went round the seqlock loop again. */
export const retriesText = (n: number): string => (n === 1 ? '1 retry' : `${n} retries`);

/**
 * What the mask made of a difference that wrapped: a masked difference below half the mask is the
 * counter's true distance across its own wrap (a mask of the counter's width); above, the read
 * leaps ahead.
 */
export function maskNote(s: Pick<Facts, 'mask' | 'masked' | 'ns'>): string {
  if (s.mask === U64_MAX)
    return `the mask (all 64 bits) keeps the wrapped difference: the read leaps ${s.ns} ns ahead`;
  if (s.masked <= s.mask >> 1n)
    return `the mask keeps ${s.masked} of it, the cycles since last_counter across the counter's wrap: ${s.ns} ns, no leap`;
  return `the mask keeps ${s.masked} of it: the read leaps ${s.ns} ns ahead`;
}

function readNotes(s: Facts): string[] {
  const notes: string[] = [];
  const behind = s64(s.lastCounter - s.counter.count);
  if (behind > 0n) {
    const how =
      behind < 1n << 31n
        ? `this CPU's counter is ${behind} cycles behind last_counter`
        : `the counter is ${behind} cycles below last_counter: it wrapped past its width`;
    notes.push(`${how}, so the u64 difference wraps to ${s.diff}`);
    notes.push(maskNote(s));
  }
  const stalls = s.counter.passes.filter((p) => p.outcome === 'stall').length;
  if (stalls > 0)
    notes.push(
      "last_cycle was ahead of this CPU's counter: the read returns last_cycle, the clock stands still",
    );
  const lost = s.counter.passes.filter((p) => p.outcome === 'lost').length;
  if (lost > 0) notes.push(`${lost} cmpxchg on last_cycle lost to other CPUs: each cost a pass`);
  if (s.offset > 0n)
    notes.push(
      `offset = ${s.offset} ns: at the last tick readers had already been given that much beyond xtime (a carry), and every read until the next tick adds it`,
    );
  const sum = s.xtimeSec * 1_000_000_000n + s.xtimeNsec + s.interpolatedNs;
  if (s.clock === 'realtime' && s.valueNs !== sum && s.valueNs === sum - (sum % 1000n))
    notes.push(`gettimeofday returns µs: the ${sum % 1000n} ns below the µs are dropped`);
  if (s.retries > 0)
    notes.push(
      `a tick wrote xtime meanwhile (the sequence changed): the reader went round again, ${retriesText(s.retries)}`,
    );
  return notes;
}
