// SPDX-License-Identifier: GPL-2.0-only
/**
 * Warnings about valid scenarios that probably do not do what their author meant. They never stop
 * a run (a bug demonstration may want exactly this), so they are not schema errors.
 */
import { floor } from '../base/rational.js';
import { FS_PER_NS, NS_PER_S } from '../base/time.js';
import { formatDurationFs } from '../base/units.js';
import type { FlatIssue } from './errors.js';
import { registrationFindings } from './registrations.js';
import type { InterpolatorConfig, Scenario } from './types.js';

const NS_PER_DAY = 86_400n * NS_PER_S;

/**
 * ns from wall time `wallNs` (when STA_INS or STA_DEL is set) to the second_overflow that applies
 * the leap (kernel/timer.c, second_overflow): the next overflow only moves TIME_OK to TIME_INS/DEL;
 * from the one after, an insertion happens when the new second is 00:00:00 UTC, a deletion when
 * it is 23:59:59.
 */
const untilLeapNs = (wallNs: bigint, direction: 'insert' | 'delete'): bigint => {
  // the first second the new state can act on (the one after the next overflow)
  const armedNs = (wallNs / NS_PER_S + 2n) * NS_PER_S;
  const targetNs = direction === 'insert' ? 0n : NS_PER_DAY - NS_PER_S;
  const wait = (((targetNs - armedNs) % NS_PER_DAY) + NS_PER_DAY) % NS_PER_DAY;
  return armedNs + wait - wallNs;
};

type Warn = (path: (string | number)[], message: string) => void;
type Loaded = Omit<Scenario, 'warnings'>;

export function lintScenario(s: Loaded): FlatIssue[] {
  const found: FlatIssue[] = [];
  const warn: Warn = (path, message) => found.push({ path, message: `warning: ${message}` });
  for (const [i, entry] of s.interpolators.entries()) lintEntry(warn, ['interpolators', i], entry);
  lintEvents(s, warn);
  for (const f of registrationFindings(s.interpolators, s.events)) {
    if (f.kind === 'absent')
      warn(
        ['events', f.event, 'unregister'],
        `"${f.device}" has no interpolator registered at this time: unregister_time_interpolator finds nothing to unlink and does nothing (kernel/timer.c), and neither does this run`,
      );
  }
  lintItcTick(s, warn);
  const end = formatDurationFs(s.durationFs);
  s.workload.forEach((g, i) => {
    if (g.startFs >= s.durationFs)
      warn(['workload', i, 'start'], `the run ends at ${end}, so this group never reads`);
  });
  return found;
}

function lintEntry(warn: Warn, path: (string | number)[], entry: InterpolatorConfig): void {
  if (entry.driver === 'custom' && entry.shift >= 64) {
    warn(
      [...path, 'shift'],
      `shift ${entry.shift} is 64 or more: NSEC_PER_SEC << shift and the >> shift of every read are undefined behaviour in C`,
    );
  }
}

/** Events after the end, and leap seconds the run ends before (until a settimeofday moves the wall). */
function lintEvents(s: Loaded, warn: Warn): void {
  const end = formatDurationFs(s.durationFs);
  let wallSet = false;
  s.events.forEach((e, i) => {
    if (e.action.kind === 'register')
      lintEntry(warn, ['events', i, 'register'], e.action.interpolator);
    if (e.atFs >= s.durationFs)
      warn(['events', i, 'at'], `the run ends at ${end}, so this never happens`);
    else if (e.action.kind === 'leap' && !wallSet) lintLeap(s, warn, i, e.atFs, e.action.direction);
    if (e.action.kind === 'settimeofday') wallSet = true;
  });
}

function lintLeap(
  s: Loaded,
  warn: Warn,
  i: number,
  atFs: bigint,
  direction: 'insert' | 'delete',
): void {
  const wallNs = s.kernel.bootWallTimeNs + atFs / FS_PER_NS;
  const leapFs = atFs + untilLeapNs(wallNs, direction) * FS_PER_NS;
  if (leapFs <= s.durationFs) return;
  warn(
    ['events', i, 'leap'],
    `the kernel ${direction === 'insert' ? 'inserts a leap second at 00:00:00' : 'deletes a leap second at 23:59:59'} UTC, at ${formatDurationFs(leapFs)} in this run, which ends at ${formatDurationFs(s.durationFs)} (a boot_wall_time just before midnight shows it)`,
  );
}

/** An ITM tick from a counter below HZ/2: itm_delta = (itc_freq + HZ/2) / HZ is 0. */
function lintItcTick(s: Loaded, warn: Warn): void {
  const tick = s.tick.source;
  if (tick.kind !== 'itc') return;
  const i = s.devices.findIndex((d) => d.name === tick.device);
  const d = s.devices[i];
  const hz = BigInt(s.kernel.hz);
  // itm_delta = (itc_freq + HZ/2) / HZ (arch/ia64/kernel/time.c, ia64_init_itm)
  if (d === undefined || (d.type !== 'itc' && d.type !== 'tsc')) return;
  if (floor(d.frequencyHz) + hz / 2n < hz)
    warn(
      ['devices', i, 'frequency'],
      `the timer tick comes from this counter's ITM, and below HZ/2 (${hz / 2n} Hz) itm_delta = (frequency + HZ/2) / HZ is 0: timer_interrupt never leaves its catch-up loop, so the time keeper spins there with interrupts off for the whole run`,
    );
}
