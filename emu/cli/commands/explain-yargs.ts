// SPDX-License-Identifier: GPL-2.0-only
/** The yargs definition of `explain`. */
import type { CommandModule } from 'yargs';
import type { CliIo } from '../io.js';
import type { ExplainArgs } from './explain-options.js';

export function explainYargs(
  io: CliIo,
  setExitCode: (code: number) => void,
): CommandModule<object, ExplainArgs> {
  return {
    command: 'explain <file>',
    describe: "narrate a read, a tick or the arithmetic of a run in the kernel's words and numbers",
    builder: (y) =>
      y
        .positional('file', {
          type: 'string',
          demandOption: true,
          describe: 'scenario file or bundled name',
        })
        .option('cpu', { type: 'string', describe: 'the CPU whose read to tell (default 0)' })
        .option('read', { type: 'string', describe: 'the K-th read of the CPU, from 1' })
        .option('at', {
          type: 'string',
          describe: 'the first read of the CPU starting at or after TIME',
        })
        .option('tick', {
          type: 'string',
          describe: 'calls of time_interpolator_update: K, K..L or tuning',
        })
        .option('arith', {
          type: 'boolean',
          describe: "the interpolator's nsec_per_cyc arithmetic",
        })
        .option('behind', {
          type: 'string',
          describe: 'cycles behind last_counter for --arith (default 1)',
        })
        .option('seed', { type: 'string', describe: "the seed (default: the scenario's)" })
        .option('json', { type: 'boolean', describe: 'one JSON document on stdout' }) as never,
    handler: async (args) => {
      const { explainCommand } = await import('./explain.js');
      setExitCode(explainCommand(args, io));
    },
  };
}
