// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu list`: the bundled scenarios (name and the first sentence of the description), the
 * device types a scenario may declare, and the interpolator drivers.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../../scenario/errors.js';
import { loadScenario } from '../../scenario/load.js';
import type { CliIo } from '../io.js';
import { packageRoot } from '../package-root.js';

export const BUNDLED_SCENARIOS = 'scenarios';

export const DEVICE_TYPES: readonly (readonly [string, string])[] = [
  ['hpet', 'IA-PC HPET: main counter (32 or 64 bits), comparators, quirks'],
  ['itc', 'ia64 interval time counter, one per CPU, with the ITM match register'],
  ['tsc', 'x86 time-stamp counter, one per CPU'],
  ['mmio-counter', 'free-running MMIO counter; presets cyclone (IBM Summit), sn2-rtc (SGI SHub)'],
  ['acpi-pm', 'ACPI PM timer, 3.579545 MHz, 24 or 32 bits, optional PIIX4 read glitch'],
];

export const DRIVERS: readonly (readonly [string, string])[] = [
  ['itc', 'ia64 ITC, registered on every CPU (shift 16, jitter on SMP unless nojitter)'],
  ['hpet', 'drivers/char/hpet.c: MMIO64, shift 10, all-ones mask, drift 500 ppm'],
  ['cyclone', 'IBM Summit cyclone: MMIO64, 100 MHz, 40-bit mask, drift -100 ppm'],
  ['sn2-rtc', 'SGI SN2 RTC: MMIO64, 55-bit mask, shift 10, drift unknown'],
  ['sparc64-tick', 'sparc64 %tick: the CPU counter, shift 16, drift 0'],
  ['custom', 'every field of struct time_interpolator given by the scenario'],
];

/** The bundled scenario files, sorted by name. */
export function bundledScenarioFiles(root: string = packageRoot()): string[] {
  return readdirSync(join(root, BUNDLED_SCENARIOS))
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(root, BUNDLED_SCENARIOS, name));
}

function firstSentence(text: string): string {
  const line = text.split('\n')[0]!.trim();
  const end = line.search(/\.(\s|$)/);
  return end < 0 ? line : line.slice(0, end + 1);
}

export function listCommand(io: CliIo, root: string = packageRoot()): number {
  const out: string[] = ['Bundled scenarios (timer-emu run scenarios/<name>.yaml):'];
  const rows: [string, string][] = [];
  for (const file of bundledScenarioFiles(root)) {
    try {
      const s = loadScenario(file);
      rows.push([s.name, firstSentence(s.description)]);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      rows.push([file, `invalid: ${err.message.split('\n')[0]}`]);
    }
  }
  const section = (entries: readonly (readonly [string, string])[]): string[] => {
    const width = Math.max(...entries.map(([n]) => n.length));
    return entries.map(([n, d]) => `  ${n.padEnd(width)}  ${d}`);
  };
  out.push(...section(rows), '', 'Device types:', ...section(DEVICE_TYPES));
  out.push('', 'Interpolator drivers:', ...section(DRIVERS));
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
