// SPDX-License-Identifier: GPL-2.0-only
/** The yargs definitions of the commands for many runs: `sweep` and `merge`. */
import type { CommandModule } from 'yargs';
import { type CliIo, coresOf } from '../io.js';
import { given } from './run-yargs.js';
import type { SweepOptions } from './sweep.js';
import { FIGURES } from './sweep-figures.js';

interface MergeArgs {
  readonly file?: string[];
  readonly out?: string;
  readonly html?: string;
}

interface SweepArgs {
  readonly file?: string;
  readonly vary?: string[];
  readonly seed?: string;
  readonly seeds?: string;
  readonly duration?: string;
  readonly figures?: string;
  readonly jobs?: string;
  readonly shard?: string;
  readonly json?: boolean;
  readonly csv?: string;
  readonly html?: string;
  readonly quiet?: boolean;
}

const text = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));

function sweepOptions(args: SweepArgs, cores: number): SweepOptions {
  const o: Record<string, unknown> = {
    file: args.file ?? '',
    vary: (args.vary ?? []).map(String),
    seed: text(args.seed),
    seeds: text(args.seeds),
    duration: text(args.duration),
    figures: text(args.figures),
    jobs: text(args.jobs) ?? String(cores),
    shard: text(args.shard),
    json: args.json,
    csv: text(args.csv),
    html: text(args.html),
    quiet: args.quiet,
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
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
        })
        .option('html', {
          type: 'string',
          requiresArg: true,
          describe: "sweep shards: write the sweep's page (charts and table) to this file",
        }) as never,
    handler: async (args) => {
      const files = given(args.file);
      const { mergeCommand } = await import('./merge.js');
      setExitCode(
        mergeCommand(
          {
            files,
            ...(args.out === undefined ? {} : { out: String(args.out) }),
            ...(args.html === undefined ? {} : { html: String(args.html) }),
          },
          io,
        ),
      );
    },
  };
  const str = { type: 'string', requiresArg: true } as const;
  const sweep: CommandModule<object, SweepArgs> = {
    command: 'sweep <file>',
    describe: 'run a scenario over the cross product of --vary values and tabulate figures',
    builder: (y) =>
      y
        .positional('file', { type: 'string', describe: 'the scenario file (or a bundled name)' })
        .option('vary', {
          ...str,
          array: true,
          describe: 'key=v1,v2,… (a key path such as machine.cpus; repeat for a cross product)',
        })
        .option('seed', { ...str, describe: "base seed (default: the scenario's)" })
        .option('seeds', { ...str, describe: 'seeds per point (default 1)' })
        .option('duration', { ...str, describe: 'simulated time per run, e.g. 20ms' })
        .option('figures', {
          ...str,
          describe: `comma-separated figures (${Object.keys(FIGURES).join(', ')})`,
        })
        .option('jobs', { ...str, alias: 'j', describe: 'worker threads (default: every core)' })
        .option('shard', { ...str, describe: 'only the K-th of N shards of the runs, K/N' })
        .option('json', { type: 'boolean', describe: 'print the table as a JSON document' })
        .option('csv', { ...str, describe: 'write the table as CSV to this file (- for stdout)' })
        .option('html', {
          ...str,
          describe: 'write a page with a chart per figure and the table to this file',
        })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no banner on stderr' }) as never,
    handler: async (args) => {
      const { sweepCommand } = await import('./sweep.js');
      setExitCode(await sweepCommand(sweepOptions(args, coresOf(io)), io));
    },
  };
  return [sweep, merge];
}
