// SPDX-License-Identifier: GPL-2.0-only
/**
 * One call of time_interpolator_update(delta_nsec) (kernel/timer.c) told step by step: the ns the
 * interpolator has given out since the last tick (`offset` + GET_TI_NSECS of the counter) against
 * `delta_nsec`, the branch taken (carry the excess in `offset`, or skip the shortfall), every store
 * in order, and at a jiffies multiple of 65 536 the tuning of `nsec_per_cyc`.
 */
import { shr64, wrap64 } from '../../interpolator/c.js';
import { type CounterStory, counterStory } from './counter-story.js';
import { isTuningRound, type TickCapture } from './recorder.js';
import { lastLoad, type Step } from './steps.js';

export interface StoreStep {
  readonly field: string;
  readonly value: bigint;
}

export interface TickStory {
  readonly index: number;
  readonly cpu: number;
  readonly atFs: bigint;
  readonly counter: CounterStory;
  /** offset as loaded, then the GET_TI_NSECS operands */
  readonly offset: bigint;
  readonly lastCounter: bigint;
  readonly mask: bigint;
  readonly nsecPerCyc: bigint;
  readonly shift: bigint;
  /** GET_TI_NSECS(counter): ns since last_counter */
  readonly ns: bigint;
  /** offset + ns: ns given out since the last tick */
  readonly givenNs: bigint;
  /** the argument, read back from the stores of the branch taken */
  readonly deltaNsec: bigint;
  readonly branch: 'carry' | 'skip';
  readonly stores: readonly StoreStep[];
  readonly jiffies: bigint;
  readonly tuning: TuningStory | null;
}

export interface TuningStory {
  readonly skips: bigint;
  readonly nsSkipped: bigint | null;
  readonly offset: bigint;
  readonly tickNsec: bigint | null;
  readonly nsecPerCycFrom: bigint;
  readonly nsecPerCycTo: bigint;
}

const must = (v: bigint | null): bigint => v ?? 0n;

/** The stores the update made to the interpolator, in order. */
const storesOf = (steps: readonly Step[]): StoreStep[] =>
  steps
    .filter((s) => s.kind === 'store' && s.record === 'ti' && s.counterCall === 0)
    .map((s) => ({ field: s.field, value: must(s.value) }));

/** The operations before the jiffies load (the update proper) and from it on (the tuning). */
function split(steps: readonly Step[]): [readonly Step[], readonly Step[]] {
  const j = steps.findIndex((s) => s.record === 'jiffies');
  return j < 0 ? [steps, []] : [steps.slice(0, j), steps.slice(j)];
}

function tuningStory(after: readonly Step[], nsecPerCyc: bigint): TuningStory {
  const stores = storesOf(after);
  const changed = stores.find((s) => s.field === 'nsec_per_cyc');
  return {
    skips: must(lastLoad(after, 'ti', 'skips')),
    nsSkipped: lastLoad(after, 'ti', 'ns_skipped'),
    offset: must(lastLoad(after, 'ti', 'offset')),
    tickNsec: lastLoad(after, 'tick_nsec', 'tick_nsec'),
    nsecPerCycFrom: nsecPerCyc,
    nsecPerCycTo: changed?.value ?? nsecPerCyc,
  };
}

export function tickStory(c: TickCapture): TickStory {
  const [update, after] = split(c.steps);
  const counter = counterStory(c.steps, 1);
  const offset = must(update.find((s) => s.field === 'offset' && s.kind === 'load')?.value ?? null);
  const lastCounter = must(lastLoad(update, 'ti', 'last_counter'));
  const mask = must(lastLoad(update, 'ti', 'mask'));
  const nsecPerCyc = must(lastLoad(update, 'ti', 'nsec_per_cyc'));
  const shift = must(lastLoad(update, 'ti', 'shift'));
  const ns = shr64(
    wrap64(wrap64(wrap64(counter.count - lastCounter) & mask) * nsecPerCyc),
    shift,
    'ia64',
  );
  const givenNs = wrap64(offset + ns);
  const stores = storesOf(update);
  const skip = stores.some((s) => s.field === 'skips');
  const deltaNsec = skip
    ? wrap64(
        must(stores.find((s) => s.field === 'ns_skipped')?.value ?? null) -
          must(lastLoad(update, 'ti', 'ns_skipped')) +
          givenNs,
      )
    : wrap64(givenNs - must(stores.find((s) => s.field === 'offset')?.value ?? null));
  const jiffies = must(lastLoad(after, 'jiffies', 'jiffies'));
  return {
    index: c.index,
    cpu: c.cpu,
    atFs: c.steps[0]?.startFs ?? 0n,
    counter,
    offset,
    lastCounter,
    mask,
    nsecPerCyc,
    shift,
    ns,
    givenNs,
    deltaNsec: BigInt.asIntN(64, deltaNsec),
    branch: skip ? 'skip' : 'carry',
    stores: [...stores, ...storesOf(after)],
    jiffies,
    tuning: isTuningRound(c.steps) ? tuningStory(after, nsecPerCyc) : null,
  };
}
