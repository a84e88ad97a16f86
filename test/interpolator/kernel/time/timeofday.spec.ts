// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { time_init } from '../../../../interpolator/arch/ia64/kernel/time/init.js';
import { tick_from_source } from '../../../../interpolator/arch/ia64/kernel/time/timer-interrupt.js';
import { STA_UNSYNC } from '../../../../interpolator/include/linux/constants.js';
import { ktime_get_ts } from '../../../../interpolator/kernel/hrtimer/ktime-get-ts.js';
import {
  do_gettimeofday,
  do_settimeofday,
  getnstimeofday,
  normalized_timespec,
  warp_clock,
} from '../../../../interpolator/kernel/time/timeofday.js';
import { register_time_interpolator } from '../../../../interpolator/kernel/timer/interpolator.js';
import { timekeeping_init } from '../../../../interpolator/kernel/timer/tick.js';
import {
  newTimekeepingKernel,
  type TimekeepingKernel,
} from '../../../../interpolator/kernel/timer/timekeeping-state.js';
import { fc, test } from '../../../property-test.js';
import { itc15, run, SteppedCpu } from '../timer/timekeeping-harness.js';

const C0 = 1_000_000n;

function booted(): TimekeepingKernel {
  const k = newTimekeepingKernel({ hz: 250, revision: '2.6.18' });
  run(timekeeping_init(k));
  run(time_init(k, { tv_sec: 5000n, tv_nsec: 250_000_000n }));
  run(register_time_interpolator(k, itc15()), [C0]);
  return k;
}

describe('set_normalized_timespec', () => {
  test.prop(
    [
      fc.bigInt({ min: -(1n << 40n), max: 1n << 40n }),
      fc.bigInt({ min: -(1n << 50n), max: 1n << 50n }),
    ],
    {
      numRuns: 200,
    },
  )('keeps sec·10^9 + nsec and puts nsec in [0, 10^9)', (sec, nsec) => {
    const n = normalized_timespec(sec, nsec);
    expect(n.tv_nsec >= 0n && n.tv_nsec < 1_000_000_000n).toBe(true);
    expect(n.tv_sec * 1_000_000_000n + n.tv_nsec).toBe(sec * 1_000_000_000n + nsec);
  });

  it('boot sets wall_to_monotonic to -xtime, normalised', () => {
    const k = booted();
    expect(k.wall_to_monotonic).toEqual({ tv_sec: -5001n, tv_nsec: 750_000_000n });
  });
});

describe('readers', () => {
  it('getnstimeofday and do_gettimeofday add the interpolated ns to xtime', () => {
    const k = booted();
    // 1500 cycles at nsec_per_cyc 43690 (shift 16) = 999 ns
    expect(run(getnstimeofday(k), [C0 + 1500n])).toEqual({ tv_sec: 5000n, tv_nsec: 250_000_999n });
    expect(run(do_gettimeofday(k), [C0 + 1500n])).toEqual({ tv_sec: 5000n, tv_usec: 250_000n });
  });

  it('normalise a carried offset of several seconds, one second at a time', () => {
    const k = booted();
    k.globals.time_interpolator!.offset = 2_900_000_000n;
    expect(run(getnstimeofday(k), [C0])).toEqual({ tv_sec: 5003n, tv_nsec: 150_000_000n });
    expect(run(do_gettimeofday(k), [C0])).toEqual({ tv_sec: 5003n, tv_usec: 150_000n });
  });

  it('CLOCK_MONOTONIC starts at 0 and adds wall_to_monotonic', () => {
    const k = booted();
    expect(run(ktime_get_ts(k), [C0 + 1500n])).toEqual({ tv_sec: 0n, tv_nsec: 999n });
  });

  it('a reader overlapped by a tick on another CPU retries and returns the new time', () => {
    const k = booted();
    let itc = C0 + 3_000n;
    const reader = new SteppedCpu(getnstimeofday(k), () => itc);
    // step the reader to just after read_seqbegin
    reader.step();
    expect(reader.next).toMatchObject({ op: 'load', obj: k.xtime, field: 'tv_sec' });
    // CPU 0 runs a whole do_timer under write_seqlock
    itc = C0 + 6_000_000n;
    run(tick_from_source(k), [itc]);
    const ts = reader.finish();
    const sequenceLoads = reader.performed.filter(
      (op) => op.op === 'load' && op.obj === k.xtime_lock && op.field === 'sequence',
    );
    // read_seqbegin, read_seqretry (retry), read_seqbegin, read_seqretry
    expect(sequenceLoads).toHaveLength(4);
    expect(ts).toEqual({ tv_sec: 5000n, tv_nsec: 254_000_000n });
  });

  it('a reader that starts inside the write section runs its body and retries', () => {
    const k = booted();
    const writer = new SteppedCpu(tick_from_source(k), () => C0 + 6_000_000n);
    writer.runUntil((op) => op.op === 'load' && op.obj === k.jiffies);
    expect(k.xtime_lock.sequence % 2n).toBe(1n);
    const reader = new SteppedCpu(getnstimeofday(k), () => C0 + 6_000_000n);
    reader.runUntil(
      (op) => op.op === 'load' && op.obj === k.xtime_lock && reader.performed.length > 1,
    );
    reader.step(); // read_seqretry: odd start value
    writer.finish();
    const ts = reader.finish();
    expect(ts).toEqual({ tv_sec: 5000n, tv_nsec: 254_000_000n });
  });
});

describe('do_settimeofday', () => {
  it('rejects tv_nsec outside [0, 10^9) with -EINVAL and changes nothing', () => {
    const k = booted();
    const seq = k.xtime_lock.sequence;
    expect(run(do_settimeofday(k, { tv_sec: 1n, tv_nsec: 1_000_000_000n }))).toBe(-22n);
    expect(run(do_settimeofday(k, { tv_sec: 1n, tv_nsec: -1n }))).toBe(-22n);
    expect(k.xtime_lock.sequence).toBe(seq);
    expect(k.xtime.tv_sec).toBe(5000n);
    expect(k.notify.clock_was_set).toBe(0n);
  });

  it('sets xtime, stops adjtime, resets the interpolator, notifies once', () => {
    const k = booted();
    k.ntp.time_adjust = 77n;
    k.ntp.time_status = 0n;
    expect(run(do_settimeofday(k, { tv_sec: 9000n, tv_nsec: 1n }), [C0 + 50n])).toBe(0n);
    expect(k.xtime).toEqual({ tv_sec: 9000n, tv_nsec: 1n });
    expect(k.ntp.time_adjust).toBe(0n);
    expect(k.ntp.time_status & STA_UNSYNC).toBe(STA_UNSYNC);
    expect(k.globals.time_interpolator).toMatchObject({ offset: 0n, last_counter: C0 + 50n });
    expect(k.notify.clock_was_set).toBe(1n);
  });

  it('steps CLOCK_MONOTONIC back by the interpolated part', () => {
    const k = booted();
    const at = C0 + 1_500_000n; // (1 500 000 × 43 690) >> 16 = 999 984 ns interpolated
    const before = run(ktime_get_ts(k), [at]);
    const now = run(getnstimeofday(k), [at]);
    run(do_settimeofday(k, now), [at]);
    const after = run(ktime_get_ts(k), [at]);
    const ns = (t: { tv_sec: bigint; tv_nsec: bigint }) => t.tv_sec * 1_000_000_000n + t.tv_nsec;
    expect(ns(before) - ns(after)).toBe(999_984n);
    expect(run(getnstimeofday(k), [at])).toEqual(now);
  });

  it('warp_clock moves xtime and wall_to_monotonic oppositely by minuteswest', () => {
    const k = booted();
    const wtm = k.wall_to_monotonic.tv_sec;
    run(warp_clock(k, -60n), [C0]);
    expect(k.xtime.tv_sec).toBe(5000n - 3600n);
    expect(k.wall_to_monotonic.tv_sec).toBe(wtm + 3600n);
    expect(k.notify.clock_was_set).toBe(1n);
  });
});
