// SPDX-License-Identifier: GPL-2.0-only
/** The yargs definitions of the commands for runs beyond one invocation: `merge`. */
import type { CommandModule } from 'yargs';
import type { CliIo } from '../io.js';
import { mergeCommand } from './merge.js';
import { given } from './run-yargs.js';

interface MergeArgs {
  readonly file?: string[];
  readonly out?: string;
}

export function scaleCommands(
  io: CliIo,
  setExitCode: (code: number) => void,
  // biome-ignore lint/suspicious/noExplicitAny: yargs' command array is typed per parser.
): CommandModule<any, any>[] {
  const merge: CommandModule<object, MergeArgs> = {
    command: 'merge [file..]',
    describe: 'merge the --json documents of run --shard K/N into the unsharded document',
    builder: (y) =>
      y
        .positional('file', {
          type: 'string',
          array: true,
          default: undefined,
          describe: 'the JSON document of every shard',
        })
        .option('out', {
          alias: 'o',
          type: 'string',
          requiresArg: true,
          describe: 'write the merged document to this file (default stdout)',
        }) as never,
    handler: (args) => {
      const files = given(args.file);
      setExitCode(
        mergeCommand(args.out === undefined ? { files } : { files, out: String(args.out) }, io),
      );
    },
  };
  return [merge];
}
