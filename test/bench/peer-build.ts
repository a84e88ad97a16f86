// SPDX-License-Identifier: GPL-2.0-only
/**
 * The SystemC peer of the standard machines (test/bench/peer/, docs/performance.md "Against the
 * SystemC peer"): builds it with g++ into `.tmp/peer/` when missing or out of date, runs it, and
 * runs the same machines here. Shared by `npm run bench -- peer` and its spec.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../emu/cli/package-root.js';
import { buildMachine } from '../../emu/machine/machine.js';
import { parseScenarioText } from '../../emu/scenario/load.js';
import { machineA, machineB } from './standard-scenarios.js';

const SOURCES = ['peer.cpp', 'kernel.h', 'memory.h'];
const FLAGS = ['-O2', '-std=c++17'];
/** The Debian packages the peer needs. */
export const PEER_PACKAGES = 'g++ libsystemc-dev';

/** One machine, as a scenario here and as the peer's arguments there. */
export interface MachinePair {
  readonly scenario: string;
  readonly peerArgs: readonly string[];
}

/**
 * Machine A: 4 CPUs reading a 14.318 MHz HPET back to back; machine B: 512 CPUs on their ITCs with
 * jitter compensation, `thinkUs` the mean of an exponential think time (0: back to back). Both at
 * the scenario defaults the peer mirrors (1.5 GHz CPUs, HZ 250, the ITC raising the tick).
 */
export function machinePair(kind: 'a' | 'b', durationUs: number, thinkUs = 0): MachinePair {
  const interval = thinkUs === 0 ? '0' : `{ exponential: ${thinkUs}us }`;
  const cpus = kind === 'a' ? 4 : 512;
  const scenario =
    kind === 'a' ? machineA(`${durationUs}us`, interval) : machineB(interval, `${durationUs}us`);
  return { scenario, peerArgs: [kind, String(cpus), String(durationUs), String(thinkUs)] };
}

export interface OurRun {
  readonly wallS: number;
  readonly reads: number;
  readonly ops: number;
  readonly cmpxchgFailed: number;
}

/** One run here, timed from the scenario text to the result (as `timer-emu run` does it). */
export function runOurs(scenario: string): OurRun {
  const t0 = performance.now();
  const r = buildMachine(parseScenarioText(scenario, 'peer.yaml')).run();
  const wallS = (performance.now() - t0) / 1000;
  return {
    wallS,
    reads: r.readsPerCpu.reduce((a, b) => a + b, 0),
    ops: r.operations,
    cmpxchgFailed: r.cpuStats.reduce((a, s) => a + s.cmpxchgFailed, 0),
  };
}

/** What the peer prints: its timed waits, the operations among them, wall time of the run. */
export interface PeerRun {
  readonly waits: number;
  readonly operations: number;
  readonly interrupts: number;
  readonly reads: number;
  readonly cmpxchg: number;
  readonly cmpxchg_failed: number;
  readonly transfers: number;
  readonly boot_end_us: number;
  readonly wall_s: number;
  readonly systemc: string;
}

export type PeerBuild =
  | { readonly binary: string; readonly built: boolean; readonly compiler: string }
  | { readonly skipped: string };

/** Why the peer cannot be built here, or undefined when g++ and the SystemC headers are found. */
export function toolchainProblem(): string | undefined {
  const gxx = spawnSync('g++', ['--version'], { encoding: 'utf8' });
  if (gxx.error !== undefined || gxx.status !== 0)
    return `g++ not found (Debian packages: ${PEER_PACKAGES})`;
  const probe = spawnSync('g++', ['-x', 'c++', '-std=c++17', '-E', '-o', '/dev/null', '-'], {
    input: '#include <systemc>\n',
    encoding: 'utf8',
  });
  if (probe.status !== 0)
    return `the SystemC headers (<systemc>) are not found (Debian packages: ${PEER_PACKAGES})`;
  return undefined;
}

/**
 * Builds the peer into `.tmp/peer/` unless the binary there was built from the same sources,
 * flags and compiler (a hash of them is kept beside it). A toolchain that is missing skips; one
 * that is present but fails to build the peer throws.
 */
export function buildPeer(root = packageRoot()): PeerBuild {
  const problem = toolchainProblem();
  if (problem !== undefined) return { skipped: problem };
  const compiler = spawnSync('g++', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]!;
  const srcDir = join(root, 'test', 'bench', 'peer');
  const outDir = join(root, '.tmp', 'peer');
  const binary = join(outDir, 'peer');
  const keyFile = join(outDir, 'peer.key');
  const hash = createHash('sha256').update(compiler).update(FLAGS.join(' '));
  for (const f of SOURCES) hash.update(f).update(readFileSync(join(srcDir, f)));
  const key = hash.digest('hex');
  if (existsSync(binary) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key)
    return { binary, built: false, compiler };
  mkdirSync(outDir, { recursive: true });
  const tmp = `${binary}.${process.pid}`;
  const cc = spawnSync('g++', [...FLAGS, '-o', tmp, join(srcDir, 'peer.cpp'), '-lsystemc'], {
    encoding: 'utf8',
  });
  if (cc.status !== 0) throw new Error(`peer: g++ failed:\n${cc.stderr}`);
  renameSync(tmp, binary);
  writeFileSync(keyFile, key);
  return { binary, built: true, compiler };
}

/** Runs the peer on `args` and returns its JSON line. */
export function runPeer(binary: string, args: readonly string[]): PeerRun {
  const r = spawnSync(binary, args, {
    encoding: 'utf8',
    env: { ...process.env, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE: '1' },
  });
  if (r.status !== 0) throw new Error(`peer ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as PeerRun;
}
