// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu list`: the bundled scenarios (name and the first sentence of the description), the
 * device types a scenario may declare, and the interpolator drivers, as the registry has them.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../../scenario/errors.js';
import { loadScenario } from '../../scenario/load.js';
import { builtinRegistry, type Registry } from '../../scenario/registry.js';
import type { CliIo } from '../io.js';
import { packageRoot } from '../package-root.js';

export const BUNDLED_SCENARIOS = 'scenarios';

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

/** `list`'s rows of a registry's device types: type and summary. */
export const deviceTypeRows = (r: Registry): [string, string][] =>
  r.devices().map((d) => [d.type, d.summary]);

export const driverRows = (r: Registry): [string, string][] =>
  r.drivers().map((d) => [d.driver, d.summary]);

export function listCommand(
  io: CliIo,
  root: string = packageRoot(),
  registry: Registry = builtinRegistry(),
): number {
  const out: string[] = ['Bundled scenarios (timer-emu run scenarios/<name>.yaml):'];
  const rows: [string, string][] = [];
  for (const file of bundledScenarioFiles(root)) {
    try {
      const s = loadScenario(file, registry);
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
  out.push(...section(rows), '', 'Device types:', ...section(deviceTypeRows(registry)));
  out.push('', 'Interpolator drivers:', ...section(driverRows(registry)));
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
