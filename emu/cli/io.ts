// SPDX-License-Identifier: GPL-2.0-only
/** What the CLI writes to: the process's streams in the bin, string sinks in tests. */
import { availableParallelism } from 'node:os';
import { Chalk, type ChalkInstance } from 'chalk';

export interface OutStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  /** the environment (`NO_COLOR`, `FORCE_COLOR`, `TERM`); the process's when absent */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `--color` (true) or `--no-color` (false); absent: decided from the environment */
  readonly color?: boolean;
  /** the cores `--jobs` defaults to, a worker thread each; the machine's when absent */
  readonly cores?: number;
}

/** The cores `--jobs` defaults to: `io.cores`, else the machine's (`os.availableParallelism()`). */
export const coresOf = (io: CliIo): number => io.cores ?? availableParallelism();

type Level = 0 | 1 | 2 | 3;

/** `FORCE_COLOR` as Node and chalk read it: '0'/'false' off, ''/'1'/'true' basic, '2', '3'. */
function forcedLevel(value: string | undefined): Level | undefined {
  if (value === undefined) return undefined;
  if (value === '0' || value === 'false') return 0;
  if (value === '2' || value === '3') return Number(value) as Level;
  return 1;
}

/**
 * The colour level of human output on `stream`, by the ecosystem's order of precedence: the
 * `--color`/`--no-color` flag, then `FORCE_COLOR`, then `NO_COLOR` (set and non-empty: none),
 * then a terminal that is not `TERM=dumb`.
 */
export function colorLevel(stream: OutStream, io: CliIo): Level {
  const env = io.env ?? process.env;
  if (io.color !== undefined) return io.color ? forcedLevel(env.FORCE_COLOR) || 1 : 0;
  const forced = forcedLevel(env.FORCE_COLOR);
  if (forced !== undefined) return forced;
  if ((env.NO_COLOR ?? '') !== '') return 0;
  if (stream.isTTY !== true || env.TERM === 'dumb') return 0;
  return 1;
}

export function colorsFor(stream: OutStream, io: CliIo): ChalkInstance {
  return new Chalk({ level: colorLevel(stream, io) });
}
