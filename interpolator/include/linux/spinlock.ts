// SPDX-License-Identifier: GPL-2.0-only
/**
 * Spinlocks and local interrupt masking as kernel code: include/linux/spinlock.h (spin_lock,
 * spin_unlock; the lock word taken with cmpxchg, waiters spin on plain loads with cpu_relax) and
 * include/linux/irqflags.h (local_irq_save, local_irq_restore), 2.6.18.
 */

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

/** include/linux/spinlock.h, `spin_lock`: cmpxchg 0 → 1; while held, spin on plain loads. */
export function* spin_lock(l: SpinLock | SeqLock): KernelCode<void> {
  for (;;) {
    const found: bigint = yield cmpxchg(l, 'lock', 0n, 1n);
    if (found === 0n) return;
    while ((yield load(l, 'lock')) !== 0n) yield CPU_RELAX;
  }
}

/** include/linux/spinlock.h, `spin_unlock`: a plain store of 0. */
export function* spin_unlock(l: SpinLock | SeqLock): KernelCode<void> {
  yield store(l, 'lock', 0n);
}

/** include/linux/irqflags.h, `local_irq_save`: the previous state (`true` = were enabled). */
export function* local_irq_save(): KernelCode<boolean> {
  return (yield IRQ_SAVE) as boolean;
}

/** include/linux/irqflags.h, `local_irq_restore`. */
export function* local_irq_restore(flags: boolean): KernelCode<void> {
  yield irqRestore(flags);
}
