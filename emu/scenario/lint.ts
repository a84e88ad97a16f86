/**
 * Warnings about valid scenarios that probably do not do what their author meant. They never stop
 * a run (a bug demonstration may want exactly this), so they are not schema errors.
 */
import { formatDurationFs } from '../units.js';
import type { FlatIssue } from './errors.js';
import type { InterpolatorConfig, Scenario } from './types.js';

export function lintScenario(s: Omit<Scenario, 'warnings'>): FlatIssue[] {
  const found: FlatIssue[] = [];
  const warn = (path: (string | number)[], message: string) =>
    found.push({ path, message: `warning: ${message}` });
  const checkEntry = (path: (string | number)[], entry: InterpolatorConfig) => {
    if (entry.driver === 'custom' && entry.shift >= 64) {
      warn(
        [...path, 'shift'],
        `shift ${entry.shift} is 64 or more: NSEC_PER_SEC << shift and the >> shift of every read are undefined behaviour in C`,
      );
    }
  };
  for (const [i, entry] of s.interpolators.entries()) checkEntry(['interpolators', i], entry);
  const end = formatDurationFs(s.durationFs);
  s.events.forEach((e, i) => {
    if (e.action.kind === 'register') checkEntry(['events', i, 'register'], e.action.interpolator);
    if (e.atFs >= s.durationFs)
      warn(['events', i, 'at'], `the run ends at ${end}, so this never happens`);
  });
  s.workload.forEach((g, i) => {
    if (g.startFs >= s.durationFs)
      warn(['workload', i, 'start'], `the run ends at ${end}, so this group never reads`);
  });
  return found;
}
