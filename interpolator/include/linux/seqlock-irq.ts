// SPDX-License-Identifier: GPL-2.0-only
/**
 * `write_seqlock_irq` / `write_sequnlock_irq`: the xtime write section with local interrupts
 * disabled and then unconditionally re-enabled (unlike the `_irqsave` pair in ../locks.ts, which
 * restores the saved state). Used by do_settimeofday, warp_clock and do_adjtimex.
 */

import { IRQ_SAVE, irqRestore, type KernelCode } from '../../ops.js';
import { write_seqlock, write_sequnlock } from './locks.js';
import type { SeqLock } from './timex.js';

export function* write_seqlock_irq(sl: SeqLock): KernelCode<void> {
  yield IRQ_SAVE;
  yield* write_seqlock(sl);
}

export function* write_sequnlock_irq(sl: SeqLock): KernelCode<void> {
  yield* write_sequnlock(sl);
  yield irqRestore(true);
}
