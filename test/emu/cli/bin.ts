// SPDX-License-Identifier: GPL-2.0-only
/**
 * The CLI for the specs: the real `timer-emu` bin (the bundle in dist/cli/ that package.json
 * names), built once before the specs run (test/global-setup.ts) and spawned with `node` as a
 * user would run it; and the same entry point in process, faster.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../../emu/cli/io.js';
import { runCli } from '../../../emu/cli/main.js';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = join(REPO, 'dist/cli/timer-emu.js');
/** tsc's output, the package's API (`npm pack` ships it beside the bundled bin) */
const API = join(REPO, 'dist/emu/api/index.js');

const BUILD_INFO = join(REPO, 'dist/.tsbuildinfo');
/** the record of `npm test`'s incremental type-check (test/before-specs.mjs), touched on a pass */
const CHECK_INFO = join(REPO, 'dist/check.tsbuildinfo');

/** The newest modification time of the compiled sources and the build configuration. */
function newestSourceMs(): number {
  let newest = 0;
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) visit(path);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['emu', 'devices', 'interpolator', 'test/bench']) visit(join(REPO, dir));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'rolldown.config.ts'])
    newest = Math.max(newest, statSync(join(REPO, f)).mtimeMs);
  return newest;
}

const node = (args: readonly string[]): void => {
  execFileSync(process.execPath, args, { cwd: REPO, stdio: 'pipe' });
};

/**
 * Compiles the sources into dist/ and bundles the bin into dist/cli/, each unless its last build
 * is newer than every source.
 */
export function buildBin(): void {
  // `npm test` type-checks with emit (tsc -p tsconfig.json writes into dist/ what changed), so a
  // passed check newer than every source, like an API module newer than every source, is the
  // build of those sources
  const newest = newestSourceMs();
  const fresh = (path: string) => existsSync(path) && statSync(path).mtimeMs > newest;
  const built = fresh(API) || fresh(CHECK_INFO) || fresh(BUILD_INFO);
  if (!(existsSync(API) && built)) {
    const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
    node([
      tsc,
      '-p',
      join(REPO, 'tsconfig.build.json'),
      '--incremental',
      '--tsBuildInfoFile',
      BUILD_INFO,
    ]);
    // tsc leaves an up-to-date build info untouched: its time marks this check
    utimesSync(BUILD_INFO, new Date(), new Date());
  }
  if (!fresh(BIN)) {
    node([join(REPO, 'node_modules/rolldown/bin/cli.mjs'), '-c', 'rolldown.config.ts']);
  }
}

export interface BinResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface BinOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  readonly input?: string;
  /** node options placed before the bin (e.g. `--import` a fault) */
  readonly nodeArgs?: readonly string[];
  /** called once the child is running, with a way to wait for text on its stderr */
  readonly during?: (child: ChildProcess, stderrHas: (text: string) => Promise<void>) => void;
}

/** Spawns the bin; resolves when it exits. The environment has no colour variables unless given. */
export function runBin(args: readonly string[], o: BinOptions = {}): Promise<BinResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !['NO_COLOR', 'FORCE_COLOR', 'TERM'].includes(k)) env[k] = v;
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), BIN, ...args], {
    cwd: o.cwd ?? REPO,
    env: { ...env, ...o.env },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
    for (const w of waiters.splice(0)) {
      if (stderr.includes(w.text)) w.resolve();
      else waiters.push(w);
    }
  });
  child.stdin.end(o.input ?? '');
  o.during?.(child, (text) =>
    stderr.includes(text)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ text, resolve })),
  );
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'timer-emu-contract-'));

/** A small scenario (2 CPUs, 1 ms) whose expectations hold, or fail with `failing`. */
export function smallScenario(
  dir: string,
  name = 'small.yaml',
  failing = false,
  duration = '1ms',
): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    `name: small
description: a small machine for the CLI tests
duration: ${duration}
machine: { cpus: 2 }
devices: [{ type: itc, name: itc, frequency: 1.5GHz }]
interpolators: [{ driver: itc, device: itc }]
workload: [{ cpus: all, call: getnstimeofday, interval: 2us }]
expect:
  monotonic: true
  reads: { min: ${failing ? 100_000_000 : 100} }
`,
  );
  return path;
}

/** How the in-process CLI's output looks to it. */
export interface StringIoOptions {
  /** stdout is a terminal (colour, unless the environment turns it off); default: not */
  readonly isTTY?: boolean;
  /** the environment the CLI sees (`NO_COLOR`, `FORCE_COLOR`, `TERM`); default: empty */
  readonly env?: Readonly<Record<string, string>>;
  /** the cores `--jobs` defaults to; default: one (see `stringIo`) */
  readonly cores?: number;
}

/**
 * A `CliIo` writing to the strings of `out`, on a machine of one core as far as `--jobs` knows
 * (unless `o.cores` says otherwise): a command runs on the calling thread unless the test gives
 * `--jobs`. The specs already keep every core busy, and each worker thread would load the whole
 * module graph again (about 0.5 s of CPU; 28 threads per suite run with the machine's cores).
 * The pools are tested where `--jobs` is given.
 */
export function stringIo(o: StringIoOptions = {}): {
  io: CliIo;
  out: { stdout: string; stderr: string };
} {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: o.isTTY ?? false },
    stderr: { write: (s: string) => (out.stderr += s) },
    env: o.env ?? {},
    cores: o.cores ?? 1,
  };
  return { io, out };
}

/** `runCli` on `stringIo(o)`: its exit code and everything it wrote. */
export async function cliInProcess(argv: readonly string[], o: StringIoOptions = {}) {
  const { io, out } = stringIo(o);
  const code = await runCli(argv, io);
  return { code, ...out };
}
