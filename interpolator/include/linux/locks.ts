// SPDX-License-Identifier: GPL-2.0-only
/**
 * Spinlocks, interrupt masking and the seqlock, as kernel code (kernel-interpolator.md §6.1).
 * Each sequence increment is one load and one store by the lock holder (the spinlock serialises
 * writers); readers only load.
 */

import { u32 } from '../../c.js';
import {
  CPU_RELAX,
  cmpxchg,
  IRQ_SAVE,
  irqRestore,
  type KernelCode,
  load,
  store,
} from '../../ops.js';
import type { SeqLock, SpinLock } from './timex.js';

export function* spin_lock(l: SpinLock | SeqLock): KernelCode<void> {
  for (;;) {
    const found: bigint = yield cmpxchg(l, 'lock', 0n, 1n);
    if (found === 0n) return;
    while ((yield load(l, 'lock')) !== 0n) yield CPU_RELAX;
  }
}

export function* spin_unlock(l: SpinLock | SeqLock): KernelCode<void> {
  yield store(l, 'lock', 0n);
}

/** `local_irq_save`: returns the previous state (`true` = interrupts were enabled). */
export function* local_irq_save(): KernelCode<boolean> {
  return (yield IRQ_SAVE) as boolean;
}

export function* local_irq_restore(flags: boolean): KernelCode<void> {
  yield irqRestore(flags);
}

function* bumpSequence(sl: SeqLock): KernelCode<void> {
  const seq: bigint = yield load(sl, 'sequence');
  yield store(sl, 'sequence', u32(seq + 1n));
}

/** `write_seqlock`: take the spinlock, sequence += 1 (odd). */
export function* write_seqlock(sl: SeqLock): KernelCode<void> {
  yield* spin_lock(sl);
  yield* bumpSequence(sl);
}

/** `write_sequnlock`: sequence += 1 (even), release the spinlock. */
export function* write_sequnlock(sl: SeqLock): KernelCode<void> {
  yield* bumpSequence(sl);
  yield* spin_unlock(sl);
}

/** `write_seqlock_irqsave` (and `write_seqlock_irq`): interrupts off, then `write_seqlock`. */
export function* write_seqlock_irqsave(sl: SeqLock): KernelCode<boolean> {
  const flags = yield* local_irq_save();
  yield* write_seqlock(sl);
  return flags;
}

export function* write_sequnlock_irqrestore(sl: SeqLock, flags: boolean): KernelCode<void> {
  yield* write_sequnlock(sl);
  yield* local_irq_restore(flags);
}

/** `read_seqbegin` (2.6.18 and 2.6.13): the current sequence; it does not wait while odd. */
export function* read_seqbegin(sl: SeqLock): KernelCode<bigint> {
  return (yield load(sl, 'sequence')) as bigint;
}

/** `read_seqretry`: retry iff the start value was odd or the sequence moved. */
export function* read_seqretry(sl: SeqLock, iv: bigint): KernelCode<boolean> {
  const seq: bigint = yield load(sl, 'sequence');
  return (iv & 1n) !== 0n || seq !== iv;
}
