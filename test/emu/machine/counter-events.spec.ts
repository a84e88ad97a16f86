// SPDX-License-Identifier: GPL-2.0-only
/**
 * The per-CPU counter operations a scenario can schedule (write_counter, write_tsc_adjust, halt,
 * resume): they act on the device at their instant, and readers of the ITC interpolator without
 * jitter compensation see what they do to one CPU's counter.
 */
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../../../emu/machine/machine.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';

const run = (events: string, rateClass = 'invariant') =>
  buildMachine(
    parseScenarioText(
      `
name: counter-ops
duration: 3ms
machine: { cpus: 2 }
devices: [{ type: tsc, name: tsc, frequency: 1GHz, rate_class: ${rateClass} }]
interpolators: [{ driver: itc, device: tsc, nojitter: true }]
workload: [{ cpus: all, call: getnstimeofday, interval: 2us }]
events: ${events}
`,
      'counter-ops.yaml',
    ),
  ).run();

describe('counter events', () => {
  it('untouched, the synchronised counters never step back', () => {
    expect(run('[]').verdict.monotonicity.violations).toBe(0);
  });

  it('write_counter sets one CPU back: its readers step back across CPUs', () => {
    const r = run('[{ at: 1ms, write_counter: { device: tsc, cpu: 1, value: 900000 } }]');
    expect(r.verdict.monotonicity.violations).toBeGreaterThan(0);
  });

  it('write_tsc_adjust moves the counter of one CPU by the change', () => {
    const moved = run('[{ at: 1ms, write_tsc_adjust: { device: tsc, cpu: 1, value: -50000 } }]');
    expect(moved.verdict.monotonicity.violations).toBeGreaterThan(0);
  });

  it('halt freezes a stops-when-halted counter until resume; an invariant one keeps counting', () => {
    const events =
      '[{ at: 1ms, halt: { device: tsc, cpu: 1 } }, { at: 1100us, resume: { device: tsc, cpu: 1 } }]';
    expect(run(events, 'stops-when-halted').verdict.monotonicity.violations).toBeGreaterThan(0);
    expect(run(events).verdict.monotonicity.violations).toBe(0);
  });

  it('write_tsc_adjust on an ITC is refused: IA32_TSC_ADJUST is an x86 MSR', () => {
    const yaml = `
name: bad
machine: { cpus: 2 }
devices: [{ type: itc, name: itc }]
interpolators: [{ driver: itc, device: itc }]
events: [{ at: 1ms, write_tsc_adjust: { device: itc, cpu: 0, value: 1 } }]
`;
    expect(() => parseScenarioText(yaml, 'bad.yaml')).toThrow(/IA32_TSC_ADJUST is an x86 MSR/);
  });
});
