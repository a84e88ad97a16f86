// SPDX-License-Identifier: GPL-2.0-only
/**
 * `timer-emu report FILE -o report.html`: runs one scenario and writes its HTML report (the run's
 * table goes to stdout as `run` prints it). The page is written whatever the verdict (it shows it),
 * so the exit code is 0 once the page is complete; usage and I/O errors are as for `run`.
 */
import { UsageError } from '../errors.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { runCommand } from './run.js';

export interface ReportOptions {
  readonly scenario: string;
  readonly out: string;
  readonly seed?: string;
  readonly duration?: string;
  readonly quiet?: boolean;
}

export async function reportCommand(o: ReportOptions, io: CliIo): Promise<number> {
  if (o.out === '') throw new UsageError('report: name the page with -o FILE (- for stdout)');
  const code = await runCommand(
    {
      scenarios: [o.scenario],
      html: o.out,
      ...(o.seed === undefined ? {} : { seed: o.seed }),
      ...(o.duration === undefined ? {} : { duration: o.duration }),
      ...(o.quiet === undefined ? {} : { quiet: o.quiet }),
    },
    io,
  );
  return code === EXIT_FAILED ? EXIT_OK : code;
}
