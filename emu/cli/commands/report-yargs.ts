// SPDX-License-Identifier: GPL-2.0-only
/** The yargs definition of `report` (handler in report.ts). */
import type { CommandModule } from 'yargs';
import type { CliIo } from '../io.js';

interface ReportArgs {
  readonly scenario?: string;
  readonly out?: string;
  readonly seed?: string;
  readonly duration?: string;
  readonly quiet?: boolean;
}

const str = { type: 'string', requiresArg: true } as const;

export function reportYargs(
  io: CliIo,
  setExitCode: (code: number) => void,
): CommandModule<object, ReportArgs> {
  return {
    command: 'report <scenario>',
    describe: 'run one scenario and write its HTML report (charts, expectations)',
    builder: (y) =>
      y
        .positional('scenario', {
          type: 'string',
          describe: 'a scenario file (YAML), or the name of a bundled scenario',
        })
        .option('out', { ...str, alias: 'o', describe: 'the HTML file to write (- for stdout)' })
        .option('seed', { ...str, describe: "seed, decimal or 0x hex (default: the scenario's)" })
        .option('duration', { ...str, describe: 'simulated time to run, e.g. 250ms' })
        .option('quiet', {
          alias: 'q',
          type: 'boolean',
          describe: 'no banner, summary or progress: only the table',
        })
        .demandOption('out', 'report: name the page with -o FILE') as never,
    handler: async (args) => {
      const o = {
        scenario: String(args.scenario ?? ''),
        out: String(args.out ?? ''),
        ...(args.seed === undefined ? {} : { seed: String(args.seed) }),
        ...(args.duration === undefined ? {} : { duration: String(args.duration) }),
        ...(args.quiet === undefined ? {} : { quiet: args.quiet }),
      };
      const { reportCommand } = await import('./report.js');
      setExitCode(await reportCommand(o, io));
    },
  };
}
