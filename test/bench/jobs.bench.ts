// SPDX-License-Identifier: GPL-2.0-only
/**
 * `npm run bench -- jobs`: `timer-emu start` (every bundled scenario, what `npm start` runs) with
 * `--jobs 1` and with one job per core, alternated in one bench run; the speed-up is the median
 * wall time of one job over that of every core (issue 16 asks ≥ 1.7 on a 2-core machine).
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../cli/timer-emu.js');
const ROUNDS = 3;

function startSeconds(jobs: number): number {
  const t0 = performance.now();
  execFileSync(process.execPath, [BIN, 'start', '--quiet', '--json', '--jobs', String(jobs)], {
    stdio: 'ignore',
  });
  return (performance.now() - t0) / 1000;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export function bench(): Record<string, unknown> {
  const cores = availableParallelism();
  const one: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    one.push(startSeconds(1));
    all.push(startSeconds(cores));
  }
  const speedup = median(one) / median(all);
  return {
    cores,
    oneJobSeconds: one.map((s) => Number(s.toFixed(2))),
    everyCoreSeconds: all.map((s) => Number(s.toFixed(2))),
    speedup: Number(speedup.toFixed(2)),
    target: 1.7,
  };
}
