// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import {
  ia64_init_itm,
  time_init,
} from '../../../../../../interpolator/arch/ia64/kernel/time/init.js';
import { itcInterpolator } from '../../../../../../interpolator/arch/ia64/kernel/time/itc-interpolator.js';
import type { Ia64Cpu } from '../../../../../../interpolator/arch/ia64/kernel/time/timer-interrupt.js';
import { unregister_time_interpolator } from '../../../../../../interpolator/kernel/timer/interpolator.js';
import { newTimekeepingKernel } from '../../../../../../interpolator/kernel/timer/timekeeping-state.js';
import { run, SteppedCpu } from '../../../../kernel/timer/timekeeping-harness.js';

const reg = { itcDrift: -1n, smp: true, nojitter: false, itcDriftFeature: false };
const cpu = (id: bigint): Ia64Cpu => ({
  id,
  online: true,
  local_cpu_data: { itm_delta: 0n, itm_next: 0n },
});

describe('ia64_init_itm on every CPU', () => {
  it('registers the one ITC object once per CPU: a self-loop, the last CPU’s frequency', () => {
    const k = newTimekeepingKernel({ hz: 250, revision: '2.6.18' });
    const itc = itcInterpolator();
    const cpu0 = cpu(0n);
    const cpu1 = cpu(1n);
    // CPU 0: selected, reset reads the ITC; then its first tick is armed
    run(ia64_init_itm(k, cpu0, itc, { ...reg, itcFreq: 1_500_000_000n }), [500n, 600n]);
    expect(k.globals.time_interpolator).toBe(itc);
    expect(itc.next).toBeNull();
    expect(itc.nsec_per_cyc).toBe(43_690n);
    expect(cpu0.local_cpu_data).toEqual({ itm_delta: 6_000_000n, itm_next: 600n + 6_000_000n });
    const seq = k.xtime_lock.sequence;
    itc.nsec_per_cyc = 43_689n; // a tuning decrement, lost by the next registration

    // CPU 1 with a different ITC frequency: not "better" than itself, so no reset (no read)
    run(ia64_init_itm(k, cpu1, itc, { ...reg, itcFreq: 1_600_000_000n }), [700n]);
    expect(k.xtime_lock.sequence).toBe(seq + 2n);
    expect(k.globals.time_interpolator_list).toBe(itc);
    expect(itc.next).toBe(itc);
    expect(itc).toMatchObject({
      frequency: 1_600_000_000n,
      nsec_per_cyc: 40_960n,
      last_counter: 500n,
    });
    expect(cpu1.local_cpu_data.itm_next).toBe(700n + 6_400_000n + 3_200_000n);
  });

  it('after the self-loop, unregistering the ITC walks the list forever', () => {
    const k = newTimekeepingKernel({ hz: 250, revision: '2.6.18' });
    const itc = itcInterpolator();
    run(ia64_init_itm(k, cpu(0n), itc, { ...reg, itcFreq: 1_500_000_000n }), [1n, 2n]);
    run(ia64_init_itm(k, cpu(1n), itc, { ...reg, itcFreq: 1_500_000_000n }), [3n]);
    const unregister = new SteppedCpu(unregister_time_interpolator(k, itc), () => 0n);
    for (let i = 0; i < 10_000; i++) unregister.step();
    expect(unregister.done).toBe(false);
    expect(k.xtime_lock.sequence % 2n).toBe(1n);
  });

  it('time_init sets xtime from the EFI clock and wall_to_monotonic to its negation', () => {
    const k = newTimekeepingKernel({ hz: 250, revision: '2.6.18' });
    const itc = itcInterpolator();
    const c0 = cpu(0n);
    run(
      time_init(k, { tv_sec: 100n, tv_nsec: 1n }, () =>
        ia64_init_itm(k, c0, itc, { ...reg, itcFreq: 1_500_000_000n }),
      ),
      [1n, 2n],
    );
    expect(k.xtime).toEqual({ tv_sec: 100n, tv_nsec: 1n });
    expect(k.wall_to_monotonic).toEqual({ tv_sec: -101n, tv_nsec: 999_999_999n });
    expect(k.globals.time_interpolator).toBe(itc);
  });
});
