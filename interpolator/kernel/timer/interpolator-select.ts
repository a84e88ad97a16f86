// SPDX-License-Identifier: GPL-2.0-only
/**
 * Choosing the interpolator (kernel/timer.c, 2.6.18 and 2.6.13):
 * `is_better_time_interpolator`, `register_time_interpolator`, `unregister_time_interpolator`.
 */
import { shl64, u32, wrap64 } from '../../c.js';
import { write_seqlock_irqsave, write_sequnlock_irqrestore } from '../../include/linux/seqlock.js';
import { spin_lock, spin_unlock } from '../../include/linux/spinlock.js';
import type { InterpolatorKernel, TimeInterpolator } from '../../include/linux/timex.js';
import { type KernelCode, load, store } from '../../ops.js';
import { deref_time_interpolator, die, time_interpolator_reset } from './interpolator-counter.js';

export const NSEC_PER_SEC = 1_000_000_000n;

/**
 * kernel/timer.c, `is_better_time_interpolator(new)` on plain values: `current` stands for the
 * global `time_interpolator`. Not symmetric: a candidate wins on more than twice the frequency
 * (`2*frequency` wraps in u64) or on a smaller drift compared as `unsigned long`, so drift −1
 * ("unknown") is the worst of all.
 */
export function is_better_time_interpolator(
  current: TimeInterpolator | null,
  candidate: TimeInterpolator,
): boolean {
  if (current === null) return true;
  return (
    candidate.frequency > wrap64(2n * current.frequency) ||
    wrap64(candidate.drift) < wrap64(current.drift)
  );
}

/** The same test as kernel code: every field and the global pointer loaded, `||` short-circuits. */
export function* is_better_time_interpolator_code(
  k: InterpolatorKernel,
  candidate: TimeInterpolator,
): KernelCode<boolean> {
  const where = 'is_better_time_interpolator';
  if ((yield load(k.globals, 'time_interpolator')) === null) return true;
  const frequency: bigint = yield load(candidate, 'frequency');
  const current = yield* deref_time_interpolator(k, where);
  const currentFrequency: bigint = yield load(current, 'frequency');
  if (frequency > wrap64(2n * currentFrequency)) return true;
  const drift: bigint = yield load(candidate, 'drift');
  const current2 = yield* deref_time_interpolator(k, where);
  const currentDrift: bigint = yield load(current2, 'drift');
  return wrap64(drift) < wrap64(currentDrift);
}

/**
 * kernel/timer.c, register_time_interpolator(ti). `nsec_per_cyc` is stored before any lock, the
 * xtime write section runs whether or not `ti` is chosen, and `ti` is pushed on the list every
 * time: registering the list head again makes `ti.next === ti`.
 */
export function* register_time_interpolator(
  k: InterpolatorKernel,
  ti: TimeInterpolator,
): KernelCode<void> {
  const where = 'register_time_interpolator';
  if ((yield load(ti, 'frequency')) === 0n || (yield load(ti, 'mask')) === 0n)
    yield* die('BUG', `${where}: BUG_ON(frequency == 0 || mask == 0)`);
  // ((u64)NSEC_PER_SEC << shift) / frequency, truncated to the u32 field.
  const shift: bigint = yield load(ti, 'shift');
  const frequency: bigint = yield load(ti, 'frequency');
  yield store(ti, 'nsec_per_cyc', u32(shl64(NSEC_PER_SEC, shift, k.shiftSemantics) / frequency));

  yield* spin_lock(k.time_interpolator_lock);
  const flags = yield* write_seqlock_irqsave(k.xtime_lock);
  if (yield* is_better_time_interpolator_code(k, ti)) {
    yield store(k.globals, 'time_interpolator', ti);
    yield* time_interpolator_reset(k);
  }
  yield* write_sequnlock_irqrestore(k.xtime_lock, flags);
  const head: TimeInterpolator | null = yield load(k.globals, 'time_interpolator_list');
  yield store(ti, 'next', head);
  yield store(k.globals, 'time_interpolator_list', ti);
  yield* spin_unlock(k.time_interpolator_lock);
}

/**
 * kernel/timer.c, unregister_time_interpolator(ti). Unregistering the current interpolator
 * re-selects from the list, head first, then resets: with the list empty that reset oopses with the
 * write seqlock held and interrupts off. With a self-looped element the list walks never end; each
 * iteration yields loads (no cpu_relax), so an executor's operation limit catches the hang.
 */
export function* unregister_time_interpolator(
  k: InterpolatorKernel,
  ti: TimeInterpolator,
): KernelCode<void> {
  yield* spin_lock(k.time_interpolator_lock);
  // `prev` is the link that points at `curr`: the list head (null here), then an element's `next`.
  let prev: TimeInterpolator | null = null;
  let curr: TimeInterpolator | null = yield load(k.globals, 'time_interpolator_list');
  while (curr !== null) {
    if (curr === ti) {
      const next: TimeInterpolator | null = yield load(curr, 'next');
      yield prev === null
        ? store(k.globals, 'time_interpolator_list', next)
        : store(prev, 'next', next);
      break;
    }
    prev = curr;
    curr = yield load(curr, 'next');
  }

  const flags = yield* write_seqlock_irqsave(k.xtime_lock);
  if ((yield load(k.globals, 'time_interpolator')) === ti) {
    yield store(k.globals, 'time_interpolator', null);
    for (
      let e: TimeInterpolator | null = yield load(k.globals, 'time_interpolator_list');
      e !== null;
      e = yield load(e, 'next')
    ) {
      if (yield* is_better_time_interpolator_code(k, e))
        yield store(k.globals, 'time_interpolator', e);
    }
    yield* time_interpolator_reset(k);
  }
  yield* write_sequnlock_irqrestore(k.xtime_lock, flags);
  yield* spin_unlock(k.time_interpolator_lock);
}
