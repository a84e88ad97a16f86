// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { FS_PER_MS } from '../../../emu/base/time.js';
import { buildMachine } from '../../../emu/machine/machine.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';

// An ITC below HZ/2: itm_delta = (100 + 125) / 250 = 0, so timer_interrupt's catch-up loop adds
// 0 to itm_next and never finds the deadline ahead of the counter: the time keeper calls do_timer
// for ever with interrupts off, and no other event is pending to interleave with it.
const SCENARIO = `
name: spinning-timekeeper
duration: 1ms
kernel: { hz: 250 }
machine: { cpus: 2 }
devices: [{ type: itc, name: itc, frequency: 100Hz }]
interpolators: [{ driver: itc, device: itc }]
workload: [{ cpus: all, call: getnstimeofday, interval: 1us }]
`;

describe('a time keeper spinning in timer_interrupt', () => {
  it('does not stop the run: it ends at its duration, slice by slice', () => {
    const scenario = parseScenarioText(SCENARIO, 's.yaml');
    expect(scenario.warnings).toHaveLength(1);
    const m = buildMachine(scenario);
    for (let quarter = 1n; quarter <= 4n; quarter++) m.runUntil((quarter * FS_PER_MS) / 4n);
    const r = m.finish();
    expect(r.endFs).toBe(FS_PER_MS);
    // 1 ms at HZ = 250 is not one tick; the loop made thousands of jiffies
    expect(r.kernel.jiffies - scenario.kernel.initialJiffies).toBeGreaterThan(1000n);
    // the time keeper never got back to its reader loop
    expect(r.readsPerCpu[0]).toBe(0);
  });
});
