// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, test } from 'vitest';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { registrationFindings } from '../../../emu/scenario/registrations.js';
import type { InterpolatorConfig, ScenarioEvent } from '../../../emu/scenario/types.js';

const hpet = (device: string): InterpolatorConfig => ({ driver: 'hpet', device });
const itc = (itcDriftFeature: boolean): InterpolatorConfig => ({
  driver: 'itc',
  device: 'itc',
  nojitter: false,
  firmware: { baseDriftPpm: -1n, itcDriftFeature },
});
const register = (atFs: bigint, interpolator: InterpolatorConfig): ScenarioEvent => ({
  atFs,
  action: { kind: 'register', interpolator },
});
const unregister = (atFs: bigint, device: string): ScenarioEvent => ({
  atFs,
  action: { kind: 'unregister', device },
});

describe('registrationFindings', () => {
  test('a register of an interpolator on the list, in time order, not file order', () => {
    const events = [register(5n, hpet('h')), unregister(3n, 'h'), register(9n, hpet('h'))];
    expect(registrationFindings([hpet('h')], events)).toEqual([
      { event: 2, kind: 'again', device: 'h' },
    ]);
  });

  test('events at the same instant in file order', () => {
    expect(
      registrationFindings([hpet('h')], [unregister(4n, 'h'), register(4n, hpet('h'))]),
    ).toEqual([]);
    expect(
      registrationFindings([hpet('h')], [register(4n, hpet('h')), unregister(4n, 'h')]),
    ).toEqual([{ event: 0, kind: 'again', device: 'h' }]);
  });

  test('an unregister of an interpolator not on the list: never registered, or already gone', () => {
    const events = [unregister(1n, 'g'), unregister(2n, 'h'), unregister(3n, 'h')];
    expect(registrationFindings([hpet('h')], events)).toEqual([
      { event: 0, kind: 'absent', device: 'g' },
      { event: 2, kind: 'absent', device: 'h' },
    ]);
  });

  test('an ITC on a platform with ITC_DRIFT is never on the list', () => {
    expect(registrationFindings([itc(true)], [register(1n, itc(true))])).toEqual([]);
    expect(registrationFindings([itc(true)], [unregister(1n, 'itc')])).toEqual([
      { event: 0, kind: 'absent', device: 'itc' },
    ]);
    expect(registrationFindings([itc(false)], [register(1n, itc(false))])).toEqual([
      { event: 0, kind: 'again', device: 'itc' },
    ]);
  });
});

describe('the loader', () => {
  const text = (events: string) =>
    [
      'name: r',
      'duration: 10ms',
      'machine: { cpus: 1 }',
      'devices: [{ type: hpet, name: h }, { type: hpet, name: g, base: "0xfed01000" }]',
      'interpolators: [{ driver: hpet, device: h }]',
      'workload: []',
      `events: ${events}`,
    ].join('\n');

  test('warns, located, about an unregister the kernel ignores, and still loads', () => {
    const s = parseScenarioText(text('[{ at: 1ms, unregister: g }]'), 'r.yaml');
    expect(s.events).toHaveLength(1);
    expect(s.warnings).toEqual([
      'r.yaml:7:33 events[0].unregister: warning: "g" has no interpolator registered at this time: unregister_time_interpolator finds nothing to unlink and does nothing (kernel/timer.c), and neither does this run',
    ]);
  });

  test('accepts registering again after an unregister, without a warning', () => {
    const s = parseScenarioText(
      text(
        '[{ at: 1ms, register: { driver: hpet, device: g } }, { at: 2ms, unregister: h }, { at: 3ms, register: { driver: hpet, device: h } }]',
      ),
      'r.yaml',
    );
    expect(s.warnings).toEqual([]);
  });
});
