// SPDX-License-Identifier: GPL-2.0-only
/** include/linux/seqlock.h and spinlock.h as kernel code. */
import { describe, expect, it } from 'vitest';
import {
  read_seqretry,
  write_seqlock,
  write_seqlock_irq,
  write_seqlock_irqsave,
  write_sequnlock,
  write_sequnlock_irq,
  write_sequnlock_irqrestore,
} from '../../../../interpolator/include/linux/seqlock.js';
import { spin_lock } from '../../../../interpolator/include/linux/spinlock.js';
import type { SeqLock } from '../../../../interpolator/include/linux/timex.js';
import type { KernelCode, Op } from '../../../../interpolator/ops.js';
import { recorded } from '../../kernel/timer/interpolator-harness.js';
import { run } from '../../kernel/timer/timekeeping-harness.js';

const ops = (code: KernelCode<unknown>): Op[] => {
  const log: Op[] = [];
  run(recorded(code, log));
  return log;
};

describe('the seqlock', () => {
  it('a write section makes the sequence odd, then even again, and wraps at 2^32', () => {
    const sl: SeqLock = { sequence: 0xffff_ffffn, lock: 0n };
    run(write_seqlock(sl));
    expect(sl).toEqual({ sequence: 0n, lock: 1n });
    run(write_sequnlock(sl));
    expect(sl).toEqual({ sequence: 1n, lock: 0n });
  });

  it('read_seqretry: retry when the start value was odd or the sequence moved', () => {
    const sl: SeqLock = { sequence: 4n, lock: 0n };
    expect(run(read_seqretry(sl, 4n))).toBe(false);
    expect(run(read_seqretry(sl, 2n))).toBe(true);
    sl.sequence = 5n;
    expect(run(read_seqretry(sl, 5n))).toBe(true);
  });

  it('the _irqsave pair restores the saved state; the _irq pair always re-enables', () => {
    const sl: SeqLock = { sequence: 0n, lock: 0n };
    const restore = ops(
      (function* () {
        const flags = yield* write_seqlock_irqsave(sl);
        yield* write_sequnlock_irqrestore(sl, !flags);
      })(),
    );
    expect(restore.at(-1)).toEqual({ op: 'irq_restore', enabled: false });
    const irq = ops(
      (function* () {
        yield* write_seqlock_irq(sl);
        yield* write_sequnlock_irq(sl);
      })(),
    );
    expect(irq[0]).toEqual({ op: 'irq_save' });
    expect(irq.at(-1)).toEqual({ op: 'irq_restore', enabled: true });
  });
});

describe('spin_lock', () => {
  it('takes a free lock with one cmpxchg', () => {
    const l = { lock: 0n };
    expect(ops(spin_lock(l))).toEqual([
      { op: 'cmpxchg', obj: l, field: 'lock', expected: 0n, value: 1n },
    ]);
    expect(l.lock).toBe(1n);
  });
});
