// SPDX-License-Identifier: GPL-2.0-only
/**
 * The scenario files of `run`: each argument resolved (a bundled scenario by name), read once,
 * hashed and parsed from the same bytes (so `/dev/stdin` works), every invalid file reported
 * before anything runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { ScenarioError, type ScenarioIssue } from '../../scenario/errors.js';
import { parseScenarioText } from '../../scenario/load.js';
import type { Registry } from '../../scenario/registry.js';
import type { Scenario } from '../../scenario/types.js';
import { UsageError } from '../errors.js';

/** The folder of bundled scenarios under the package root. */
export const BUNDLED_FOLDER = 'scenarios';

export interface LoadedScenario {
  readonly file: string;
  readonly scenario: Scenario;
  /** sha-256 of the bytes parsed, hex */
  readonly hash: string;
  /** the text parsed (a worker thread parses it again rather than reading the file twice) */
  readonly text: string;
}

/**
 * A path as given when it exists; else a bare name without a path or `.yaml` (`hpet-basic`) names
 * the bundled scenario when there is one; else the path as given (its reading then fails, located).
 */
export function resolveScenarioArg(arg: string, root: string): string {
  if (arg === '-')
    throw new UsageError('run: - is not a scenario file (use /dev/stdin to read one from stdin)');
  if (existsSync(arg)) return arg;
  // `livelock-2.6.13` is a name: only .yaml and .yml end a file name here
  const bare =
    !arg.includes('/') && !arg.includes(sep) && !['.yaml', '.yml'].includes(extname(arg));
  if (bare) {
    const bundled = join(root, BUNDLED_FOLDER, `${arg}.yaml`);
    if (existsSync(bundled)) return bundled;
  }
  return arg;
}

function loadOne(file: string, registry: Registry | undefined): LoadedScenario {
  let bytes: Buffer;
  try {
    // stdin by its descriptor: opening /dev/stdin fails when it is a socket (ENXIO)
    bytes = readFileSync(file === '/dev/stdin' ? 0 : file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ScenarioError([{ file, path: '', message: `cannot read the file (${reason})` }]);
  }
  const text = bytes.toString('utf8');
  const scenario = parseScenarioText(text, file, registry);
  const hash = createHash('sha256').update(bytes).digest('hex');
  return { file, scenario, hash, text };
}

/** Loads every file; throws one UsageError carrying every located finding. */
export function loadScenarios(files: readonly string[], registry?: Registry): LoadedScenario[] {
  const loaded: LoadedScenario[] = [];
  const issues: ScenarioIssue[] = [];
  const messages: string[] = [];
  for (const file of files) {
    try {
      loaded.push(loadOne(file, registry));
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      messages.push(err.message);
      issues.push(...err.issues);
    }
  }
  if (messages.length > 0) throw new UsageError(messages.join('\n'), issues);
  return loaded;
}
