// SPDX-License-Identifier: GPL-2.0-only
/**
 * Machine C (1 CPU, HZ = 100, sparse reads) for one whole simulated day, 8.64 M ticks: wall time,
 * operations per second, the live heap every 4 simulated hours, peak RSS. It takes minutes, so it
 * runs only when named: `npm run -s bench -- day`.
 */
import { longRun } from './standard-machines.bench.js';

export async function bench(): Promise<Record<string, unknown>> {
  if (!process.argv.slice(2).includes('day'))
    return { skipped: 'one simulated day takes minutes: run `npm run -s bench -- day`' };
  return { c_hz100_sparse_reads_one_day: longRun(86_400, 14_400) };
}
