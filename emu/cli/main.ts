#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `timer-emu` bin. Exit codes (docs/cli.md): 0 everything as expected, 1 an expectation
 * failed, 2 a usage error or invalid input (message only), 74 an I/O error on an output, 70 an
 * internal error (one line; the stack with `--debug`), 130 / 143 a run stopped by SIGINT / SIGTERM.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { checkCommandModule } from './commands/check-yargs.js';
import { explainYargs } from './commands/explain-yargs.js';
import { reportYargs } from './commands/report-yargs.js';
import { assemblyCommands, given } from './commands/run-yargs.js';
import { scaleCommands } from './commands/scale-yargs.js';
import { OutputIoError, UsageError } from './errors.js';
import { EXIT_INTERNAL, EXIT_IO, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import type { CliIo } from './io.js';
import { packageRoot, packageVersion } from './package-root.js';

export { EXIT_FAILED, EXIT_INTERNAL, EXIT_IO, EXIT_OK, EXIT_USAGE } from './exit-codes.js';

/** Options whose value may start with `-` (a negative duration is then refused with a reason). */
const VALUE_OPTIONS = new Set(['--duration', '--seed']);

/** `--duration -1s` → `--duration=-1s`, so that the value is not read as the flags -1 and -s. */
function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (VALUE_OPTIONS.has(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** `--color` / `--no-color` (the last one given), read before yargs so every command sees it. */
function colorFlag(argv: readonly string[]): boolean | undefined {
  let color: boolean | undefined;
  for (const arg of argv) {
    if (arg === '--') break;
    if (arg === '--color') color = true;
    if (arg === '--no-color') color = false;
  }
  return color;
}

/**
 * The options that may be given more than once: `--plugin` (one module each), sweep's `--vary`
 * (one key each; check's `--vary` lists are joined), and the positional files and scenarios.
 */
const REPEATABLE = new Set(['plugin', 'vary', 'file', 'scenario']);

/**
 * Any other option given more than once is a usage error: yargs gathers the values into a list,
 * which the option's parser would take for one odd value (`--seed 1 --seed 2` read as "1,2", two
 * `--trace` files as one path "a,b", a trace filter failing inside). One-letter keys are aliases
 * of long ones, camel-case keys of dashed ones.
 */
function givenOnce(args: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(args)) {
    if (!Array.isArray(value) || key === '_' || key.length === 1 || /[A-Z]/.test(key)) continue;
    if (REPEATABLE.has(key)) continue;
    throw new UsageError(`--${key}: given ${value.length} times; give it once`);
  }
}

/** The part of yargs' internals that renders a command's help each time the command runs. */
interface HelpCaching {
  getInternalMethods?: () => { getUsageInstance(): { cacheHelpMessage(): void } };
}

/**
 * yargs renders the whole help of a command every time that command runs (the usage instance's
 * `cacheHelpMessage`, kept in case the handler asks for help later); no handler of ours does,
 * and for `run` the rendering was about a tenth of a short run's start-up. Help asked for
 * (`--help`, no command) is rendered as before.
 */
function withoutHelpCache<T>(y: Argv<T>): Argv<T> {
  const usage = (y as unknown as HelpCaching).getInternalMethods?.().getUsageInstance();
  if (usage !== undefined) usage.cacheHelpMessage = () => {};
  return y;
}

function parser(argv: readonly string[], io: CliIo, setExitCode: (code: number) => void) {
  return withoutHelpCache(
    yargs([...argv])
      .scriptName('timer-emu')
      .usage('$0 <command> [options]')
      .option('debug', { type: 'boolean', describe: 'show the stack of an internal error' })
      .option('color', { type: 'boolean', describe: 'colour human output (--no-color: never)' })
      .command(
        'conformance [file..]',
        'replay interpolator conformance vectors (JSON Lines)',
        (y) =>
          y.positional('file', {
            type: 'string',
            array: true,
            default: undefined,
            describe: 'vector files',
          }),
        async (args) => {
          const files = given(args.file);
          if (files.length === 0)
            throw new UsageError('conformance: name at least one vector file');
          if (files.includes('-'))
            throw new UsageError('conformance: - is not a file (use /dev/stdin to read stdin)');
          const { conformanceCommand } = await import('./commands/conformance.js');
          setExitCode(
            await conformanceCommand(
              files.map((f) => ({ path: f, label: f })),
              io,
            ),
          );
        },
      )
      .command(assemblyCommands(io, setExitCode))
      .command(scaleCommands(io, setExitCode))
      .command(explainYargs(io, setExitCode))
      .command(reportYargs(io, setExitCode))
      .command(checkCommandModule(io, setExitCode))
      .middleware(givenOnce, true)
      .strict()
      .demandCommand(1, 'name a command (see timer-emu --help)')
      .exitProcess(false)
      // a usage error prints its message only (below): rendering the usage for it is wasted work
      .showHelpOnFail(false)
      .fail((message: string | null, err: Error | undefined) => {
        // yargs' own validation errors (YError) are usage errors too
        if (err !== undefined && err.name !== 'YError') throw err;
        throw new UsageError(message ?? err?.message ?? 'invalid usage');
      })
      .version(packageVersion(packageRoot()))
      .alias('V', 'version')
      .help()
      .alias('h', 'help')
      .wrap(100),
  );
}

/** Runs the CLI on `argv` (the arguments after the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const color = colorFlag(argv);
  const cliIo: CliIo = color === undefined ? io : { ...io, color };
  let exitCode = EXIT_OK;
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  let output = '';
  try {
    if (argv.length === 0) {
      // no command at all: the usage, on stderr, and a usage error
      io.stderr.write(`${await parser([], cliIo, setExitCode).getHelp()}\n`);
      throw new UsageError('name a command (see timer-emu --help)');
    }
    await parser(joinDashValues(argv), cliIo, setExitCode).parseAsync(
      joinDashValues(argv),
      {},
      (_err, _args, text) => {
        if (text) output = text;
      },
    );
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
  if (err instanceof OutputIoError) {
    io.stderr.write(`timer-emu: ${err.message}\n`);
    return EXIT_IO;
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
