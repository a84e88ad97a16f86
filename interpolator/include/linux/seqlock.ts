// SPDX-License-Identifier: GPL-2.0-only
/**
 * The seqlock as kernel code (include/linux/seqlock.h, 2.6.18 and 2.6.13). Each sequence increment
 * is one load and one store by the lock holder (the spinlock serialises writers); readers only
 * load. The `_irqsave` pair restores the saved interrupt state; the `_irq` pair (do_settimeofday,
 * warp_clock, do_adjtimex) disables interrupts and then unconditionally re-enables them.
 */

import { u32 } from '../../c.js';
import { IRQ_SAVE, irqRestore, type KernelCode, load, store } from '../../ops.js';
import { local_irq_restore, local_irq_save, spin_lock, spin_unlock } from './spinlock.js';
import type { SeqLock } from './timex.js';

function* bumpSequence(sl: SeqLock): KernelCode<void> {
  const seq: bigint = yield load(sl, 'sequence');
  yield store(sl, 'sequence', u32(seq + 1n));
}

/** include/linux/seqlock.h, `write_seqlock`: take the spinlock, sequence += 1 (odd). */
export function* write_seqlock(sl: SeqLock): KernelCode<void> {
  yield* spin_lock(sl);
  yield* bumpSequence(sl);
}

/** include/linux/seqlock.h, `write_sequnlock`: sequence += 1 (even), release the spinlock. */
export function* write_sequnlock(sl: SeqLock): KernelCode<void> {
  yield* bumpSequence(sl);
  yield* spin_unlock(sl);
}

/**
 * include/linux/seqlock.h, `write_seqlock_irqsave`: interrupts off (state saved), then
 * `write_seqlock`.
 */
export function* write_seqlock_irqsave(sl: SeqLock): KernelCode<boolean> {
  const flags = yield* local_irq_save();
  yield* write_seqlock(sl);
  return flags;
}

/**
 * include/linux/seqlock.h, `write_sequnlock_irqrestore`: `write_sequnlock`, then restore `flags`.
 */
export function* write_sequnlock_irqrestore(sl: SeqLock, flags: boolean): KernelCode<void> {
  yield* write_sequnlock(sl);
  yield* local_irq_restore(flags);
}

/**
 * include/linux/seqlock.h, `read_seqbegin` (2.6.18 and 2.6.13): the current sequence; it does not
 * wait while odd.
 */
export function* read_seqbegin(sl: SeqLock): KernelCode<bigint> {
  return (yield load(sl, 'sequence')) as bigint;
}

/**
 * include/linux/seqlock.h, `read_seqretry`: retry iff the start value was odd or the sequence
 * moved.
 */
export function* read_seqretry(sl: SeqLock, iv: bigint): KernelCode<boolean> {
  const seq: bigint = yield load(sl, 'sequence');
  return (iv & 1n) !== 0n || seq !== iv;
}

/** include/linux/seqlock.h, `write_seqlock_irq`: interrupts off, then `write_seqlock`. */
export function* write_seqlock_irq(sl: SeqLock): KernelCode<void> {
  yield IRQ_SAVE;
  yield* write_seqlock(sl);
}

/** include/linux/seqlock.h, `write_sequnlock_irq`: `write_sequnlock`, then interrupts on. */
export function* write_sequnlock_irq(sl: SeqLock): KernelCode<void> {
  yield* write_sequnlock(sl);
  yield irqRestore(true);
}
