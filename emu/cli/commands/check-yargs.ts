// SPDX-License-Identifier: GPL-2.0-only
/** The yargs definition of `timer-emu check`. */
import type { CommandModule } from 'yargs';
import { type CliIo, coresOf } from '../io.js';
import { pluginPaths } from '../plugins-option.js';
import type { CheckOptions } from './check.js';
import { given } from './run-yargs.js';

interface CheckArgs {
  readonly file?: string[];
  readonly plugin?: string | string[];
  readonly vary?: string;
  readonly runs?: string;
  readonly seed?: string;
  readonly out?: string;
  readonly jobs?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

const text = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));

function checkOptions(args: CheckArgs, cores: number): CheckOptions {
  const o: Record<string, unknown> = {
    files: given(args.file),
    plugin: args.plugin === undefined ? undefined : pluginPaths(args.plugin),
    vary: text(args.vary),
    runs: text(args.runs),
    seed: text(args.seed),
    out: text(args.out),
    jobs: text(args.jobs) ?? String(cores),
    json: args.json,
    quiet: args.quiet,
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

export function checkCommandModule(
  io: CliIo,
  setExitCode: (code: number) => void,
): CommandModule<object, CheckArgs> {
  const str = { type: 'string', requiresArg: true } as const;
  return {
    command: 'check <file..>',
    describe: 'property-test scenarios: vary them, check their expect, shrink a failure to a file',
    builder: (y) =>
      y
        .positional('file', {
          type: 'string',
          array: true,
          describe: 'scenario files (or bundled names)',
        })
        .option('vary', {
          ...str,
          describe:
            "what to vary, comma-separated (defaults, cpus, workload, …, jumps; default: the file's check section, else defaults)",
        })
        .option('runs', { ...str, alias: 'n', describe: 'cases per file (default 100)' })
        .option('seed', { ...str, describe: "fast-check seed, 0…2^32−1 (default: the scenario's)" })
        .option('out', {
          ...str,
          alias: 'o',
          describe: 'folder for <name>.counterexample.yaml (default .)',
        })
        .option('plugin', {
          type: 'string',
          requiresArg: true,
          describe: 'an ES module of device descriptors (docs/adding-a-device.md); repeat for more',
        })
        .option('jobs', { ...str, alias: 'j', describe: 'worker threads (default: every core)' })
        .option('json', { type: 'boolean', describe: 'print the outcome as a JSON document' })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no progress line' }) as never,
    handler: async (args) => {
      const { checkCommand } = await import('./check.js');
      setExitCode(await checkCommand(checkOptions(args, coresOf(io)), io));
    },
  };
}
