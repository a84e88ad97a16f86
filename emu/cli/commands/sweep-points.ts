// SPDX-License-Identifier: GPL-2.0-only
/**
 * The points of a sweep: `--vary key=v1,v2,…` names a key of the scenario file by its path
 * (`machine.cpus`, `devices.0.drift_ppm`, `workload.0.interval`) and its values; the points are
 * the cross product of every `--vary`, the first varying slowest. Each point is the scenario file
 * with those keys set, as YAML text, loaded like any scenario file.
 */
import { createHash } from 'node:crypto';
import { parse, parseDocument } from 'yaml';
import { ScenarioError } from '../../scenario/errors.js';
import { parseScenarioText } from '../../scenario/load.js';
import { UsageError } from '../errors.js';
import type { LoadedScenario } from './run-inputs.js';

export interface Vary {
  readonly key: string;
  readonly path: readonly (string | number)[];
  /** the values as written */
  readonly values: readonly string[];
}

/** At most this many points per sweep (a bound on the work, docs/cli.md). */
export const MAX_POINTS = 100_000;

export function parseVary(text: string): Vary {
  const eq = text.indexOf('=');
  const key = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_]*(\.([A-Za-z_][A-Za-z0-9_]*|[0-9]+))*$/.test(key))
    throw new UsageError(
      `--vary: ${text} is not key=v1,v2,… with a key path such as machine.cpus or devices.0.drift_ppm`,
    );
  const values = text
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim());
  if (values.some((v) => v === ''))
    throw new UsageError(`--vary ${key}: an empty value in ${text}`);
  const path = key.split('.').map((p) => (/^[0-9]+$/.test(p) ? Number(p) : p));
  return { key, path, values };
}

/** Every combination of the values, the first `--vary` varying slowest. */
export function crossProduct(varies: readonly Vary[]): string[][] {
  let count = 1;
  for (const v of varies) count *= v.values.length;
  if (count > MAX_POINTS)
    throw new UsageError(`--vary: ${count} points; a sweep has at most ${MAX_POINTS}`);
  let points: string[][] = [[]];
  for (const v of varies) points = points.flatMap((p) => v.values.map((value) => [...p, value]));
  return points;
}

/** The point's label: `machine.cpus=4 devices.0.drift_ppm=50`. */
export const pointLabel = (varies: readonly Vary[], values: readonly string[]): string =>
  varies.map((v, k) => `${v.key}=${values[k]}`).join(' ');

/**
 * The scenario file with the point's values set. A value is read as YAML (`4` a number, `1.5GHz`
 * a string, `true` a boolean); a value the scenario format rejects is a usage error naming the
 * point and the loader's finding.
 */
export function pointScenario(
  file: string,
  text: string,
  varies: readonly Vary[],
  values: readonly string[],
): LoadedScenario {
  const doc = parseDocument(text);
  for (const [k, v] of varies.entries()) doc.setIn(v.path, parse(values[k]!));
  const pointText = doc.toString();
  const label = `${file} [${pointLabel(varies, values)}]`;
  try {
    const scenario = parseScenarioText(pointText, label);
    const hash = createHash('sha256').update(pointText).digest('hex');
    return { file: label, scenario, hash, text: pointText };
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(err.message, err.issues);
    throw err;
  }
}
