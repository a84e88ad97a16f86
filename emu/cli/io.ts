// SPDX-License-Identifier: GPL-2.0-only
/** What the CLI writes to: the process's streams in the bin, string sinks in tests. */
import { Chalk, type ChalkInstance } from 'chalk';

export interface OutStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  /** the environment (`NO_COLOR`); the process's when absent */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Colour only on a terminal, and never when `NO_COLOR` is set to a non-empty value. */
export function colorsFor(stream: OutStream, io: CliIo): ChalkInstance {
  const env = io.env ?? process.env;
  const noColor = (env.NO_COLOR ?? '') !== '';
  return new Chalk({ level: stream.isTTY === true && !noColor ? 1 : 0 });
}
