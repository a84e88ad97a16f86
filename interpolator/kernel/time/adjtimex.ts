// SPDX-License-Identifier: GPL-2.0-only
/**
 * kernel/time.c, do_adjtimex (2.6.18): the adjtime(2) path, the only one the emulator drives.
 */
import { STA_UNSYNC, TIME_ERROR } from '../../include/linux/constants.js';
import { write_seqlock_irq, write_sequnlock_irq } from '../../include/linux/seqlock.js';
import { type KernelCode, load, store } from '../../ops.js';
import type { TimekeepingKernel } from '../timer/timekeeping-state.js';

/**
 * kernel/time.c, `STA_CLOCKERR` (include/linux/timex.h): clock hardware fault (read-only status
 * bit).
 */
const STA_CLOCKERR = 0x1000n;

/** What `do_adjtimex` hands back for an `ADJ_OFFSET_SINGLESHOT` call. */
export interface AdjtimeResult {
  /** the return value: `time_state`, or TIME_ERROR while STA_UNSYNC/STA_CLOCKERR is set */
  readonly result: bigint;
  /** `txc->offset`: the previously pending adjustment, µs */
  readonly offset: bigint;
}

/**
 * kernel/time.c, do_adjtimex (2.6.18), its `ADJ_OFFSET_SINGLESHOT` (adjtime(2)) path, under
 * `write_seqlock_irq`: `offsetUsec` becomes `time_next_adjust`; 0 also cancels a running slew. The
 * caller fills `txc->time` with `do_gettimeofday` after this returns, as the kernel does.
 */
export function* do_adjtimex_singleshot(
  k: TimekeepingKernel,
  offsetUsec: bigint,
): KernelCode<AdjtimeResult> {
  yield* write_seqlock_irq(k.xtime_lock);
  let result: bigint = yield load(k.ntp, 'time_state');
  const next: bigint = yield load(k.ntp, 'time_next_adjust');
  const save_adjust: bigint = next !== 0n ? next : yield load(k.ntp, 'time_adjust');
  yield store(k.ntp, 'time_next_adjust', offsetUsec);
  if (offsetUsec === 0n) yield store(k.ntp, 'time_adjust', 0n);
  const status: bigint = yield load(k.ntp, 'time_status');
  if ((status & (STA_UNSYNC | STA_CLOCKERR)) !== 0n) result = TIME_ERROR;
  yield* write_sequnlock_irq(k.xtime_lock);
  return { result, offset: save_adjust };
}
