// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { time_init } from '../../../../interpolator/arch/ia64/kernel/time/init.js';
import { tick_from_source } from '../../../../interpolator/arch/ia64/kernel/time/timer-interrupt.js';
import {
  STA_DEL,
  STA_INS,
  TIME_DEL,
  TIME_INS,
  TIME_OOP,
  TIME_WAIT,
} from '../../../../interpolator/include/linux/constants.js';
import type { Revision, TimeInterpolator } from '../../../../interpolator/include/linux/timex.js';
import { do_adjtimex_singleshot } from '../../../../interpolator/kernel/time/adjtimex.js';
import { register_time_interpolator } from '../../../../interpolator/kernel/timer/interpolator.js';
import { timekeeping_init } from '../../../../interpolator/kernel/timer/tick.js';
import {
  newTimekeepingKernel,
  type TimekeepingKernel,
} from '../../../../interpolator/kernel/timer/timekeeping-state.js';
import { itc15, run } from './timekeeping-harness.js';

const C0 = 1_000_000n;
/** one HZ=250 tick of a 1.5 GHz ITC */
const TICK_CYCLES = 6_000_000n;

function boot(hz: number, revision: Revision, sec: bigint, nsec: bigint): TimekeepingKernel {
  const k = newTimekeepingKernel({ hz, revision });
  run(timekeeping_init(k));
  run(time_init(k, { tv_sec: sec, tv_nsec: nsec }));
  return k;
}

function withItc(k: TimekeepingKernel): TimeInterpolator {
  const ti = itc15();
  run(register_time_interpolator(k, ti), [C0]);
  return ti;
}

describe('do_timer (2.6.18), NTP idle', () => {
  it.each([
    [100, 10_000_000n],
    [250, 4_000_000n],
    [1000, 1_000_000n],
  ])(
    'HZ=%i advances jiffies by one and xtime by NSEC_PER_JIFFY, error stays 0',
    (hz, nsPerTick) => {
      const k = boot(hz, '2.6.18', 1000n, 0n);
      const j0 = k.jiffies.jiffies;
      for (let i = 1n; i <= 3n; i++) {
        run(tick_from_source(k));
        expect(k.jiffies.jiffies).toBe(j0 + i);
        expect(k.wall.wall_jiffies).toBe(j0 + i);
        expect(k.xtime).toEqual({ tv_sec: 1000n, tv_nsec: i * nsPerTick });
      }
      expect(k.clock.error).toBe(0n);
      expect(k.clock.mult).toBe(nsPerTick << 8n);
      expect(k.xtime_lock.sequence).toBe(2n * 3n + 2n);
    },
  );

  it('hands the interpolator xtime_interval >> 8 (a 1.5 GHz ITC skips 62 ns per tick)', () => {
    const k = boot(250, '2.6.18', 1000n, 0n);
    const ti = withItc(k);
    run(tick_from_source(k), [C0 + TICK_CYCLES]);
    expect(ti).toMatchObject({
      offset: 0n,
      skips: 1n,
      ns_skipped: 62n,
      last_counter: C0 + TICK_CYCLES,
    });
  });

  it('slews an adjtime of +1000 µs by the clock.error feedback loop', () => {
    const k = boot(250, '2.6.18', 1000n, 0n);
    run(do_adjtimex_singleshot(k, 1000n));
    const deltas: bigint[] = [];
    for (let i = 0; i < 2000; i++) {
      deltas.push(k.clock.xtime_interval >> 8n);
      run(tick_from_source(k));
    }
    expect(deltas.slice(0, 9)).toEqual([
      4_000_000n,
      4_000_512n,
      4_001_024n,
      4_001_536n,
      4_001_792n,
      4_002_048n,
      4_002_176n,
      4_002_240n,
      4_002_272n,
    ]);
    expect(k.xtime).toEqual({ tv_sec: 1008n, tv_nsec: 1_000_000n });
    expect(k.clock.mult).toBe(1_024_000_000n);
    expect(k.clock.error).toBe(0n);
    expect(deltas.reduce((a, b) => a + b - 4_000_000n, 0n)).toBe(999_976n);
  });
});

describe('leap seconds on a tuning tick (jiffies % 65536 == 0 in the same do_timer)', () => {
  const DAY = 86_400n * 20_000n;

  function atTuningTick(revision: Revision, sec: bigint, state: bigint, status: bigint) {
    const k = boot(250, revision, sec, 996_000_000n);
    k.jiffies.jiffies = 65_536n * 100n - 1n;
    k.wall.wall_jiffies = k.jiffies.jiffies;
    k.ntp.time_state = state;
    k.ntp.time_status |= status;
    const ti = withItc(k);
    return { k, ti };
  }

  it('2.6.18 insert: the leap update and the tick update both tune (two decrements)', () => {
    const { k, ti } = atTuningTick('2.6.18', DAY - 1n, TIME_INS, STA_INS);
    const wtm = k.wall_to_monotonic.tv_sec;
    run(tick_from_source(k), [C0 + TICK_CYCLES, C0 + TICK_CYCLES]);
    expect(k.jiffies.jiffies % 65_536n).toBe(0n);
    expect(k.xtime).toEqual({ tv_sec: DAY - 1n, tv_nsec: 0n });
    expect(k.wall_to_monotonic.tv_sec).toBe(wtm + 1n);
    expect(k.ntp.time_state).toBe(TIME_OOP);
    expect(k.notify.clock_was_set).toBe(1n);
    // leap: carry 3 999 938 + 10^9, 43690 → 43689; tick: carry − 4 000 000, 43689 → 43688
    expect(ti).toMatchObject({ offset: 999_999_938n, nsec_per_cyc: 43_688n, skips: 0n });
  });

  it('2.6.18 delete: two skips of more than 655 360 ns, two increments', () => {
    const { k, ti } = atTuningTick('2.6.18', DAY - 2n, TIME_DEL, STA_DEL);
    const wtm = k.wall_to_monotonic.tv_sec;
    run(tick_from_source(k), [C0 + TICK_CYCLES, C0 + TICK_CYCLES]);
    expect(k.xtime).toEqual({ tv_sec: DAY, tv_nsec: 0n });
    expect(k.wall_to_monotonic.tv_sec).toBe(wtm - 1n);
    expect(k.ntp.time_state).toBe(TIME_WAIT);
    expect(k.notify.clock_was_set).toBe(1n);
    expect(ti).toMatchObject({ offset: 0n, nsec_per_cyc: 43_692n, skips: 0n, ns_skipped: 0n });
  });

  it('2.6.13 insert: the leap update comes after the tick update', () => {
    const { k, ti } = atTuningTick('2.6.13', DAY - 1n, TIME_INS, STA_INS);
    run(tick_from_source(k), [C0 + TICK_CYCLES, C0 + TICK_CYCLES]);
    expect(k.xtime).toEqual({ tv_sec: DAY - 1n, tv_nsec: 0n });
    expect(k.ntp.time_state).toBe(TIME_OOP);
    // tick: skip of 62 ns (no tuning change); leap: carry 10^9, 43690 → 43689
    expect(ti).toMatchObject({ offset: 1_000_000_000n, nsec_per_cyc: 43_689n, skips: 0n });
  });

  it('does nothing at a second that is not midnight', () => {
    const { k, ti } = atTuningTick('2.6.18', DAY + 7n, TIME_INS, STA_INS);
    run(tick_from_source(k), [C0 + TICK_CYCLES]);
    expect(k.xtime).toEqual({ tv_sec: DAY + 8n, tv_nsec: 0n });
    expect(k.ntp.time_state).toBe(TIME_INS);
    expect(ti.offset).toBe(0n);
  });
});

describe('do_timer (2.6.13 tick path)', () => {
  it('advances xtime by tick_nsec and the slew step exactly, with no feedback loop', () => {
    const k = boot(250, '2.6.13', 1000n, 0n);
    const ti = withItc(k);
    run(do_adjtimex_singleshot(k, 5n));
    run(tick_from_source(k), [C0 + TICK_CYCLES]);
    expect(k.xtime.tv_nsec).toBe(4_000_000n);
    expect(ti.ns_skipped).toBe(62n);
    const steps: bigint[] = [];
    for (let i = 2n; i <= 5n; i++) {
      const before = k.xtime.tv_nsec;
      run(tick_from_source(k), [C0 + i * TICK_CYCLES]);
      steps.push(k.xtime.tv_nsec - before);
    }
    // tickadj = 2 µs at HZ=250: 5 µs slew as 2 + 2 + 1 µs, then idle
    expect(steps).toEqual([4_002_000n, 4_002_000n, 4_001_000n, 4_000_000n]);
    expect(k.ntp.time_adjust).toBe(0n);
    expect(k.clock.mult).toBe(1_024_000_000n);
  });
});
