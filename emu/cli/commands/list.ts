// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu list`: the bundled scenarios (name and the first sentence of the description), the
 * device types a scenario may declare, and the interpolator drivers, as the registry has them;
 * with `--json`, the same as one document (docs/cli.md).
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
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

/** One bundled scenario as `list` shows it: its name and first sentence, or why it is invalid. */
type ScenarioRow =
  | { readonly name: string; readonly file: string; readonly summary: string }
  | { readonly file: string; readonly error: string };

function scenarioRows(root: string, registry: Registry): ScenarioRow[] {
  return bundledScenarioFiles(root).map((path) => {
    const file = join(BUNDLED_SCENARIOS, basename(path));
    try {
      const s = loadScenario(path, registry);
      return { name: s.name, file, summary: firstSentence(s.description) };
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      return { file, error: err.message.split('\n')[0]! };
    }
  });
}

/** `list --json`: one versioned document with the same three lists. */
function listJson(rows: readonly ScenarioRow[], registry: Registry): string {
  const doc = {
    format: 'timer-emu-list',
    version: 1,
    scenarios: rows,
    device_types: deviceTypeRows(registry).map(([type, summary]) => ({ type, summary })),
    drivers: driverRows(registry).map(([driver, summary]) => ({ driver, summary })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function listCommand(
  io: CliIo,
  root: string = packageRoot(),
  registry: Registry = builtinRegistry(),
  json = false,
): number {
  const rows = scenarioRows(root, registry);
  if (json) {
    io.stdout.write(listJson(rows, registry));
    return 0;
  }
  const section = (entries: readonly (readonly [string, string])[]): string[] => {
    const width = Math.max(...entries.map(([n]) => n.length));
    return entries.map(([n, d]) => `  ${n.padEnd(width)}  ${d}`);
  };
  const out: string[] = [
    'Bundled scenarios (run one by name from any directory: timer-emu run <name>):',
  ];
  out.push(
    ...section(
      rows.map((r) => ('error' in r ? [r.file, `invalid: ${r.error}`] : [r.name, r.summary])),
    ),
  );
  out.push('', 'Device types:', ...section(deviceTypeRows(registry)));
  out.push('', 'Interpolator drivers:', ...section(driverRows(registry)));
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
