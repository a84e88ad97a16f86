// SPDX-License-Identifier: GPL-2.0-only
/** The yargs definitions of `run`, `start` and `list` (handlers in run.ts, start.ts, list.ts). */
import type { Argv, CommandModule } from 'yargs';
import { type CliIo, coresOf } from '../io.js';
import { type PluginArgs, pluginOption, pluginPaths, registryWith } from '../plugins-option.js';
import type { RunOptions } from './run-options.js';

interface CommonArgs {
  readonly seed?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly jobs?: string;
  readonly seeds?: string;
  readonly shard?: string;
}
type RunArgs = CommonArgs &
  PluginArgs & {
    readonly scenario?: string[];
    readonly duration?: string;
    readonly trace?: string;
    readonly 'trace-ops'?: boolean;
    readonly 'trace-kinds'?: string;
    readonly 'trace-window'?: string;
    readonly 'trace-cpus'?: string;
    readonly vcd?: string;
    readonly html?: string;
    readonly perfetto?: string;
  };

function commonOptions<T>(y: Argv<T>, cores: number) {
  return y
    .option('seed', {
      type: 'string',
      requiresArg: true,
      describe: "seed, decimal or 0x hex (default: the scenario's)",
    })
    .option('json', { type: 'boolean', describe: 'print one versioned JSON document on stdout' })
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      describe: 'print only warnings and the table: no banner, summaries or progress',
    })
    .option('jobs', {
      alias: 'j',
      type: 'string',
      requiresArg: true,
      describe: `worker threads for the runs (default: every core, here ${cores})`,
    })
    .option('seeds', {
      type: 'string',
      requiresArg: true,
      describe: 'run each scenario with N consecutive seeds from the base seed (default 1)',
    })
    .option('shard', {
      type: 'string',
      requiresArg: true,
      describe: 'run only the K-th of N shards of the runs, K/N (merge the JSON with merge)',
    });
}

/** The options `run` and `start` share, as given; `--jobs` defaults to every core. */
function commonGiven(args: CommonArgs, cores: number) {
  return present({
    seed: args.seed === undefined ? undefined : String(args.seed),
    json: args.json,
    quiet: args.quiet,
    jobs: args.jobs === undefined ? String(cores) : String(args.jobs),
    seeds: args.seeds === undefined ? undefined : String(args.seeds),
    shard: args.shard === undefined ? undefined : String(args.shard),
  });
}

/** The positional values given (yargs fills an absent array positional with one undefined). */
export function given(values: readonly (string | undefined)[] | undefined): string[] {
  return (values ?? []).filter((v): v is string => v !== undefined);
}

/** The options given, without the absent ones (exactOptionalPropertyTypes). */
function present<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

export function assemblyCommands(
  io: CliIo,
  setExitCode: (code: number) => void,
  // biome-ignore lint/suspicious/noExplicitAny: yargs' command array is typed per parser.
): CommandModule<any, any>[] {
  const cores = coresOf(io);
  const run: CommandModule<object, RunArgs> = {
    command: 'run [scenario..]',
    describe: 'run scenario files (or bundled scenarios by name) and check their expectations',
    builder: (y) =>
      commonOptions(
        y.positional('scenario', {
          type: 'string',
          array: true,
          default: undefined,
          describe: 'scenario files (YAML), or the name of a bundled scenario (hpet-basic)',
        }),
        cores,
      )
        .option('duration', {
          type: 'string',
          requiresArg: true,
          describe: 'simulated time to run, e.g. 250ms',
        })
        .option('trace', {
          type: 'string',
          requiresArg: true,
          describe: 'write a JSON Lines trace to this file (- for stdout)',
        })
        .option('trace-ops', {
          type: 'boolean',
          describe:
            'the trace also holds every operation, interrupt, CPU state and refused access (large)',
        })
        .option('trace-kinds', {
          type: 'string',
          requiresArg: true,
          describe: 'trace only these record kinds, e.g. read,skip,tuning',
        })
        .option('trace-window', {
          type: 'string',
          requiresArg: true,
          describe: 'trace only records in this simulated time window, e.g. 10ms..20ms',
        })
        .option('trace-cpus', {
          type: 'string',
          requiresArg: true,
          describe: 'trace only these CPUs, e.g. 0,2-3',
        })
        .option('perfetto', {
          type: 'string',
          requiresArg: true,
          describe: 'write a Chrome trace-event file (ui.perfetto.dev) to this file (- for stdout)',
        })
        .option('vcd', {
          type: 'string',
          requiresArg: true,
          describe: 'write a VCD waveform to this file (- for stdout)',
        })
        .option('plugin', {
          type: 'string',
          requiresArg: true,
          describe: 'an ES module of device descriptors (docs/adding-a-device.md); repeat for more',
        })
        .option('html', {
          type: 'string',
          requiresArg: true,
          describe: 'write the HTML report (charts) to this file (- for stdout)',
        }) as never,
    handler: async (args) => {
      const o: RunOptions = {
        scenarios: given(args.scenario),
        ...(args.plugin === undefined ? {} : { plugin: pluginPaths(args.plugin) }),
        ...commonGiven(args, cores),
        ...present({
          duration: args.duration === undefined ? undefined : String(args.duration),
          trace: args.trace,
          traceOps: args['trace-ops'],
          traceKinds: args['trace-kinds'],
          traceWindow: args['trace-window'],
          traceCpus: args['trace-cpus'],
          vcd: args.vcd,
          html: args.html,
          perfetto: args.perfetto,
        }),
      };
      const { runCommand } = await import('./run.js');
      setExitCode(await runCommand(o, io));
    },
  };
  const start: CommandModule<object, CommonArgs> = {
    command: 'start',
    describe: 'run every bundled scenario and print the table of results',
    builder: (y) => commonOptions(y, cores) as never,
    handler: async (args) => {
      const { startCommand } = await import('./start.js');
      setExitCode(await startCommand(io, undefined, commonGiven(args, cores)));
    },
  };
  const list: CommandModule<object, PluginArgs & { json: boolean | undefined }> = {
    command: 'list',
    describe: 'list bundled scenarios, device types and drivers',
    builder: (y) =>
      pluginOption(y).option('json', {
        type: 'boolean',
        describe: 'print one versioned JSON document on stdout',
      }) as never,
    handler: async (args) => {
      const { listCommand } = await import('./list.js');
      const registry = await registryWith(args.plugin);
      setExitCode(listCommand(io, undefined, registry, args.json === true));
    },
  };
  return [run, start, list];
}
