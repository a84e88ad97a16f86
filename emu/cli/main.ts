#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `timer-emu` bin. Exit codes (DESIGN.md, "CLI"): 0 everything as expected, 1 an expectation
 * failed, 2 a usage error or invalid input (message only), 70 an internal error (one line; the
 * stack with `--debug`).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { conformanceCommand } from './commands/conformance.js';
import { assemblyCommands } from './commands/run-yargs.js';
import { startCommand } from './commands/start.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { packageRoot, packageVersion } from './package-root.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

/** Runs the CLI on `argv` (the arguments after the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode = EXIT_OK;
  let output = '';
  try {
    const parser = yargs([...argv])
      .scriptName('timer-emu')
      .usage('$0 <command> [options]')
      .option('debug', { type: 'boolean', describe: 'show the stack of an internal error' })
      .command(
        'conformance <file..>',
        'replay interpolator conformance vectors (JSON Lines)',
        (y) =>
          y.positional('file', {
            type: 'string',
            array: true,
            demandOption: true,
            describe: 'vector files',
          }),
        (args) => {
          exitCode = conformanceCommand(
            args.file.map((f) => ({ path: f, label: f })),
            io,
          );
        },
      )
      .command(
        'start',
        'run every bundled scenario and print the table of results',
        {},
        async () => {
          exitCode = await startCommand(io);
        },
      )
      .command(
        assemblyCommands(io, (code) => {
          exitCode = code;
        }),
      )
      .strict()
      .demandCommand(1, 'name a command (see --help)')
      .exitProcess(false)
      .fail((message: string | null, err: Error | undefined) => {
        throw err ?? new UsageError(message ?? 'invalid usage');
      })
      .version(packageVersion(packageRoot()))
      .help();
    await parser.parseAsync([...argv], {}, (_err, _args, text) => {
      if (text) output = text;
    });
    if (output !== '') io.stdout.write(`${output}\n`);
    return exitCode;
  } catch (err) {
    return reportError(err, io, debug);
  }
}

/** Prints an error that ended a command and returns the exit code for it. */
export function reportError(err: unknown, io: CliIo, debug: boolean): number {
  if (err instanceof UsageError) {
    io.stderr.write(`timer-emu: ${err.message}\n`);
    return EXIT_USAGE;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`timer-emu: internal error: ${message.split('\n')[0]}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  return EXIT_INTERNAL;
}

function isEpipe(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

async function main(): Promise<void> {
  // A closed pipe (`timer-emu … | head`) ends the run quietly.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (err) => {
      if (isEpipe(err)) process.exit(process.exitCode ?? EXIT_OK);
      throw err;
    });
  process.exitCode = await runCli(hideBin(process.argv), {
    stdout: process.stdout,
    stderr: process.stderr,
  });
}

const invokedAsBin =
  process.argv[1] !== undefined &&
  realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedAsBin) await main();
