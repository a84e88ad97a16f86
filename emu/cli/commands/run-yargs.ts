// SPDX-License-Identifier: GPL-2.0-only
/** The yargs definitions of `run` and `list` (handlers in run.ts and list.ts). */
import type { CommandModule } from 'yargs';
import type { CliIo } from '../io.js';
import { listCommand } from './list.js';
import { type RunOptions, runCommand } from './run.js';

type RunArgs = Omit<RunOptions, 'scenarios'> & { readonly scenario: string[] };

export function assemblyCommands(
  io: CliIo,
  setExitCode: (code: number) => void,
  // biome-ignore lint/suspicious/noExplicitAny: yargs' command array is typed per parser.
): CommandModule<any, any>[] {
  const run: CommandModule<object, RunArgs> = {
    command: 'run <scenario..>',
    describe: 'run scenario files and check their expectations',
    builder: (y) =>
      y
        .positional('scenario', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'scenario files (YAML)',
        })
        .option('seed', {
          type: 'string',
          describe: "seed, decimal or 0x hex (default: the scenario's)",
        })
        .option('duration', { type: 'string', describe: 'simulated time to run, e.g. 250ms' })
        .option('json', { type: 'boolean', describe: 'print one versioned JSON summary' })
        .option('trace', { type: 'string', describe: 'write a JSON Lines trace to this file' })
        .option('vcd', { type: 'string', describe: 'write a VCD waveform to this file' })
        .option('quiet', { type: 'boolean', describe: 'print only the table of results' }) as never,
    handler: async (args) => {
      setExitCode(
        await runCommand(
          {
            scenarios: args.scenario,
            ...(args.seed !== undefined ? { seed: String(args.seed) } : {}),
            ...(args.duration !== undefined ? { duration: String(args.duration) } : {}),
            ...(args.json !== undefined ? { json: args.json } : {}),
            ...(args.trace !== undefined ? { trace: args.trace } : {}),
            ...(args.vcd !== undefined ? { vcd: args.vcd } : {}),
            ...(args.quiet !== undefined ? { quiet: args.quiet } : {}),
          },
          io,
        ),
      );
    },
  };
  const list: CommandModule<object, object> = {
    command: 'list',
    describe: 'list bundled scenarios, device types and drivers',
    handler: () => setExitCode(listCommand(io)),
  };
  return [run, list];
}
