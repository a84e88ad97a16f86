// SPDX-License-Identifier: GPL-2.0-only
/**
 * What one get_counter call did (kernel/timer.c, time_interpolator_get_counter): with `jitter`, each
 * pass of its loop loads `last_cycle`, reads the counter, and then returns `last_cycle` when it is
 * ahead of the counter (a stall), or cmpxchgs the counter into `last_cycle` (won: returns it; lost:
 * another CPU stored first, go round again); without `jitter`, one raw read.
 */
import { s64, time_after } from '../../interpolator/c.js';
import { isCounterRead, type Step } from './steps.js';

export type Outcome = 'raw' | 'stall' | 'won' | 'lost' | 'stored';

export interface CounterPass {
  /** `last_cycle` as loaded, null without jitter compensation */
  readonly lastCycle: bigint | null;
  /** the counter value read */
  readonly counter: bigint;
  readonly outcome: Outcome;
  /** lost: the `last_cycle` the cmpxchg found (another CPU's store) */
  readonly found: bigint | null;
}

export interface CounterStory {
  readonly passes: readonly CounterPass[];
  /** what get_counter returned */
  readonly count: bigint;
}

interface Pass {
  lastCycle: bigint | null;
  counter: bigint | null;
  outcome: Outcome | null;
  found: bigint | null;
}

function finish(p: Pass): CounterPass {
  const counter = p.counter ?? 0n;
  let outcome = p.outcome;
  if (outcome === null)
    outcome =
      p.lastCycle !== null && p.lastCycle !== 0n && time_after(p.lastCycle, counter)
        ? 'stall'
        : 'raw';
  return { lastCycle: p.lastCycle, counter, outcome, found: p.found };
}

function apply(p: Pass, s: Step): void {
  if (isCounterRead(s)) p.counter = s.value;
  else if (s.kind === 'cmpxchg') {
    p.outcome = s.ok ? 'won' : 'lost';
    if (!s.ok) p.found = s.value;
  } else if (s.kind === 'store' && s.field === 'last_cycle') p.outcome = 'stored';
}

/** The passes of the get_counter call `call` among `steps`. */
export function counterStory(steps: readonly Step[], call: number): CounterStory {
  const passes: CounterPass[] = [];
  let p: Pass | null = null;
  for (const s of steps) {
    if (s.counterCall !== call) continue;
    if (s.kind === 'load' && s.field === 'last_cycle') {
      if (p !== null) passes.push(finish(p));
      p = { lastCycle: s.value, counter: null, outcome: null, found: null };
      continue;
    }
    if (p === null && isCounterRead(s))
      p = { lastCycle: null, counter: null, outcome: null, found: null };
    if (p !== null) apply(p, s);
  }
  if (p !== null) passes.push(finish(p));
  return { passes, count: countOf(passes[passes.length - 1]) };
}

/** What get_counter returned after its last pass: last_cycle on a stall, else the counter. */
function countOf(last: CounterPass | undefined): bigint {
  if (last === undefined) return 0n;
  return last.outcome === 'stall' ? last.lastCycle! : last.counter;
}

/** One line of narration per pass. */
export function passLines(story: CounterStory): string[] {
  return story.passes.map((p, i) => {
    const n = `pass ${i + 1}:`;
    if (p.lastCycle === null)
      return `${n} counter = ${p.counter} (no jitter compensation: used raw)`;
    const head = `${n} last_cycle = ${p.lastCycle}, counter = ${p.counter}`;
    switch (p.outcome) {
      case 'stall':
        return `${head}: last_cycle is ${s64(p.lastCycle - p.counter)} cycles ahead (time_after), so get_counter returns last_cycle: a stall`;
      case 'won':
        return `${head}: cmpxchg(last_cycle, ${p.lastCycle}, ${p.counter}) won`;
      case 'lost':
        return `${head}: cmpxchg(last_cycle, ${p.lastCycle}, ${p.counter}) lost: another CPU had stored ${p.found}; round again`;
      case 'stored':
        return `${head}: stored into last_cycle (the writer since 2.6.14: a plain store, it holds the write lock)`;
      default:
        return `${head}: used raw`;
    }
  });
}
