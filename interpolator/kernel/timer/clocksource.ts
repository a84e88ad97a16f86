// SPDX-License-Identifier: GPL-2.0-only
/**
 * The jiffies clocksource's NTP steering (kernel/timer.c, 2.6.18): `mult` and `xtime_interval` are
 * nudged so that the accumulated `clock.error` (the difference between the NTP tick length and what
 * xtime really advanced, 2^-32 ns) returns to 0.
 */
import { s32, s64, sar64, u32, wrap64 } from '../../c.js';
import { TICK_LENGTH_SHIFT } from '../../include/linux/constants.js';
import { type KernelCode, load, store } from '../../ops.js';
import { current_tick_length } from './ntp.js';
import type { TimekeepingKernel } from './timekeeping-state.js';

/** A signed 64-bit value passed by pointer (`s64 *`). */
interface S64Ref {
  v: bigint;
}

/**
 * kernel/timer.c, `clocksource_bigadjust(error, &interval, &offset)`: a power-of-two `mult` step
 * for an error of more than one interval, damped by a look-ahead that grows with the accumulated
 * error.
 */
function* clocksource_bigadjust(
  k: TimekeepingKernel,
  error: bigint,
  interval: S64Ref,
  offset: S64Ref,
): KernelCode<bigint> {
  const c = k.clock;
  const clockError: bigint = yield load(c, 'error');
  let error2 = s32(sar64(clockError, TICK_LENGTH_SHIFT + 22n - 2n * k.hz.SHIFT_HZ));
  error2 = s32(error2 < 0n ? -error2 : error2);
  let look_ahead = 0n;
  for (; error2 > 0n; look_ahead++) error2 >>= 2n;

  const shift: bigint = yield load(c, 'shift');
  let tick_error = s64((yield* current_tick_length(k)) >> (TICK_LENGTH_SHIFT - shift + 1n));
  const xtime_interval: bigint = yield load(c, 'xtime_interval');
  tick_error = s64(tick_error - (xtime_interval >> 1n));
  error = s64(sar64(s64(error - tick_error), look_ahead) + tick_error);

  const i = interval.v;
  let mult = 1n;
  if (error < 0n) {
    error = s64(-error);
    interval.v = s64(-interval.v);
    offset.v = s64(-offset.v);
    mult = -1n;
  }
  let adj = 0n;
  for (; error > i; adj++) error >>= 1n;

  interval.v = s64(interval.v << adj);
  offset.v = s64(offset.v << adj);
  return s32(mult << adj);
}

/**
 * kernel/timer.c, `clocksource_adjust(clock, offset)`: once per tick, after the tick's
 * accumulation. `offset` is the unaccumulated clocksource cycles (always 0 for jiffies).
 */
export function* clocksource_adjust(k: TimekeepingKernel, offsetCycles: bigint): KernelCode<void> {
  const c = k.clock;
  const shift: bigint = yield load(c, 'shift');
  const cycle_interval: bigint = yield load(c, 'cycle_interval');
  const interval: S64Ref = { v: s64(cycle_interval) };
  const offset: S64Ref = { v: s64(offsetCycles) };
  const clockError: bigint = yield load(c, 'error');
  let error = sar64(clockError, TICK_LENGTH_SHIFT - shift - 1n);
  let adj: bigint;
  if (error > interval.v) {
    error >>= 2n;
    if (error <= interval.v) adj = 1n;
    else adj = yield* clocksource_bigadjust(k, error, interval, offset);
  } else if (error < -interval.v) {
    error >>= 2n;
    if (error >= -interval.v) {
      adj = -1n;
      interval.v = s64(-interval.v);
      offset.v = s64(-offset.v);
    } else adj = yield* clocksource_bigadjust(k, error, interval, offset);
  } else return;

  const mult: bigint = yield load(c, 'mult');
  yield store(c, 'mult', u32(mult + adj));
  const xtime_interval: bigint = yield load(c, 'xtime_interval');
  yield store(c, 'xtime_interval', wrap64(xtime_interval + interval.v));
  const xtime_nsec: bigint = yield load(c, 'xtime_nsec');
  yield store(c, 'xtime_nsec', wrap64(xtime_nsec - offset.v));
  const errorNow: bigint = yield load(c, 'error');
  yield store(
    c,
    'error',
    s64(errorNow - s64((interval.v - offset.v) << (TICK_LENGTH_SHIFT - shift))),
  );
}
