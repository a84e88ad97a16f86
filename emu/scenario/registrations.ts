// SPDX-License-Identifier: GPL-2.0-only
/**
 * Which devices have an interpolator on `time_interpolator_list` as the run goes: the boot
 * registrations in `interpolators` order, then the `register` and `unregister` events in time
 * order (file order at the same instant). Finds the two suspicious cases of docs/scenario.md
 * ("Registering and unregistering"): a `register` of an interpolator already on the list and an
 * `unregister` of one that is not.
 */
import type { InterpolatorConfig, ScenarioEvent } from './types.js';

export interface RegistrationFinding {
  /** index of the event in `events` */
  readonly event: number;
  /** `again`: registered while on the list; `absent`: unregistered while not on it */
  readonly kind: 'again' | 'absent';
  readonly device: string;
}

/** The ITC driver registers nothing when SAL reports ITC_DRIFT (arch/ia64/kernel/time.c). */
const registersAnything = (entry: InterpolatorConfig): boolean =>
  entry.driver !== 'itc' || !entry.firmware.itcDriftFeature;

export function registrationFindings(
  interpolators: readonly InterpolatorConfig[],
  events: readonly ScenarioEvent[],
): RegistrationFinding[] {
  const listed = new Set(interpolators.filter(registersAnything).map((entry) => entry.device));
  const inTimeOrder = events
    .map((e, index) => ({ e, index }))
    .sort((a, b) => (a.e.atFs < b.e.atFs ? -1 : a.e.atFs > b.e.atFs ? 1 : a.index - b.index));
  const findings: RegistrationFinding[] = [];
  for (const { e, index } of inTimeOrder) {
    const a = e.action;
    if (a.kind === 'register' && registersAnything(a.interpolator)) {
      const device = a.interpolator.device;
      if (listed.has(device)) findings.push({ event: index, kind: 'again', device });
      listed.add(device);
    } else if (a.kind === 'unregister') {
      if (!listed.has(a.device)) findings.push({ event: index, kind: 'absent', device: a.device });
      listed.delete(a.device);
    }
  }
  return findings;
}
