// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import {
  type Ia64Cpu,
  ia64_cpu_local_tick,
  itmDelta,
  tickStagger,
  timer_interrupt,
} from '../../../../../../interpolator/arch/ia64/kernel/time/timer-interrupt.js';
import { register_time_interpolator } from '../../../../../../interpolator/kernel/timer/interpolator.js';
import { timekeeping_init } from '../../../../../../interpolator/kernel/timer/tick.js';
import { newTimekeepingKernel } from '../../../../../../interpolator/kernel/timer/timekeeping-state.js';
import {
  runSequential,
  type SequentialMachine,
} from '../../../../../../interpolator/sequential.js';
import { fc, test } from '../../../../../property-test.js';
import { itc15, run } from '../../../../kernel/timer/timekeeping-harness.js';

/** 1.5 GHz ITC at HZ=250 */
const DELTA = 6_000_000n;
const D = 10n * DELTA;

/** A CPU whose ITC reads `itc()` and whose ITM writes are recorded. */
function machine(itc: () => bigint) {
  const itm: bigint[] = [];
  let reads = 0;
  const m: SequentialMachine = {
    cycles: () => {
      reads++;
      return itc();
    },
    mmioRead: () => {
      throw new Error('no MMIO');
    },
    callSource: () => {
      throw new Error('no source function');
    },
    setItm: (v) => itm.push(v),
  };
  return { m, itm, reads: () => reads };
}

function setup(cpuId = 0n) {
  const k = newTimekeepingKernel({ hz: 250, revision: '2.6.18' });
  run(timekeeping_init(k));
  const cpu: Ia64Cpu = {
    id: cpuId,
    online: true,
    local_cpu_data: { itm_delta: DELTA, itm_next: D },
  };
  return { k, cpu, globals: { time_keeper_id: 0n } };
}

function interrupt(s: ReturnType<typeof setup>, itc: () => bigint) {
  const mc = machine(itc);
  const outcome = runSequential(timer_interrupt(s.k, s.globals, s.cpu), mc.m);
  expect(outcome.done).toBe(true);
  return mc;
}

describe('timer_interrupt catch-up', () => {
  test.prop([fc.integer({ min: 1, max: 40 }), fc.bigInt({ min: 0n, max: DELTA - 1n })], {
    numRuns: 60,
  })('an interrupt seen at D + (k−1)·itm_delta + r makes k do_timer calls', (k, r) => {
    const s = setup();
    const j0 = s.k.jiffies.jiffies;
    const seq0 = s.k.xtime_lock.sequence;
    const T = D + BigInt(k - 1) * DELTA + r;
    const mc = interrupt(s, () => T);
    expect(s.k.jiffies.jiffies - j0).toBe(BigInt(k));
    expect(s.k.xtime_lock.sequence - seq0).toBe(2n * BigInt(k));
    expect(s.k.xtime.tv_nsec).toBe(BigInt(k) * 4_000_000n);
    expect(s.cpu.local_cpu_data.itm_next).toBe(D + BigInt(k) * DELTA);
    const next = D + BigInt(k) * DELTA;
    expect(mc.itm).toEqual([next > T + DELTA / 2n ? next : next + DELTA]);
  });

  it('bunched ticks reach the interpolator back to back: the late part is carried, then skipped', () => {
    const s = setup();
    const ti = itc15();
    run(register_time_interpolator(s.k, ti), [D]);
    const T = D + 3n * DELTA + 100n;
    interrupt(s, () => T);
    expect(s.k.jiffies.jiffies - s.k.hz.INITIAL_JIFFIES).toBe(4n);
    // (18 000 100 × 43 690) >> 16 = 11 999 883 ns against 4 × 4 000 000 ns of ticks:
    // carry 7 999 883, carry 3 999 883, skip 117, skip 4 000 000
    expect(ti).toMatchObject({ skips: 2n, ns_skipped: 4_000_117n, offset: 0n, last_counter: T });
  });

  it('an early interrupt logs (one more ITC read) and still makes one do_timer call', () => {
    const s = setup();
    const mc = interrupt(s, () => D - 5n);
    expect(s.k.jiffies.jiffies - s.k.hz.INITIAL_JIFFIES).toBe(1n);
    // check, printk, loop exit, re-arm test, re-arm confirm
    expect(mc.reads()).toBe(5);
  });

  it('deadlines skipped while re-arming are not lost: the next interrupt performs them', () => {
    const s = setup();
    const mc1 = interrupt(s, () => D + DELTA - 1n);
    expect(s.k.jiffies.jiffies - s.k.hz.INITIAL_JIFFIES).toBe(1n);
    expect(mc1.itm).toEqual([D + 2n * DELTA]);
    expect(s.cpu.local_cpu_data.itm_next).toBe(D + DELTA);
    interrupt(s, () => D + 2n * DELTA);
    expect(s.k.jiffies.jiffies - s.k.hz.INITIAL_JIFFIES).toBe(3n);
  });

  it('a CPU that is not the time keeper only advances its own deadline', () => {
    const s = setup(1n);
    interrupt(s, () => D + 2n * DELTA);
    expect(s.k.jiffies.jiffies).toBe(s.k.hz.INITIAL_JIFFIES);
    expect(s.k.xtime_lock.sequence).toBe(2n);
    expect(s.cpu.local_cpu_data.itm_next).toBe(D + 3n * DELTA);
  });

  it('an offline CPU returns at once', () => {
    const s = setup();
    const offline = { ...s, cpu: { ...s.cpu, online: false } };
    const mc = interrupt(offline, () => D);
    expect(mc.reads()).toBe(0);
  });
});

describe('tick arming', () => {
  it('itm_delta rounds the ITC frequency per tick', () => {
    expect(itmDelta(1_500_000_000n, 250n)).toBe(6_000_000n);
    expect(itmDelta(1_000_000_125n, 250n)).toBe(4_000_001n);
  });

  it('staggers CPU n by ((2(n − hi) + 1)·delta / hi) / 2', () => {
    expect([0n, 1n, 2n, 3n, 4n, 5n].map((n) => tickStagger(n, 8_000n))).toEqual([
      0n,
      4_000n,
      2_000n,
      6_000n,
      1_000n,
      3_000n,
    ]);
  });

  it('ia64_cpu_local_tick arms the first deadline one tick plus the stagger ahead', () => {
    const cpu: Ia64Cpu = {
      id: 3n,
      online: true,
      local_cpu_data: { itm_delta: DELTA, itm_next: 0n },
    };
    const mc = machine(() => 1000n);
    expect(runSequential(ia64_cpu_local_tick(cpu), mc.m).done).toBe(true);
    expect(cpu.local_cpu_data.itm_next).toBe(1000n + DELTA + (3n * DELTA) / 4n);
    expect(mc.itm).toEqual([cpu.local_cpu_data.itm_next]);
  });
});
