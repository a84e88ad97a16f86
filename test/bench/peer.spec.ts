// SPDX-License-Identifier: GPL-2.0-only
/**
 * The SystemC peer builds and works at our grain: its timed waits per read agree with our
 * operations per read on machine A (no contention: the same operations, one for one) and on
 * machine B with its bundled think time (cmpxchg retries: within a few per cent, since the two
 * schedulers order simultaneous CPUs differently).
 */
import { describe, expect, it } from 'vitest';
import { buildPeer, machinePair, runOurs, runPeer, toolchainProblem } from './peer-build.js';

const problem = toolchainProblem();
const skipped = problem === undefined ? '' : ` (skipped: ${problem})`;

describe('SystemC peer', () => {
  it.skipIf(problem !== undefined)(
    `builds, and its waits per read match our operations per read${skipped}`,
    () => {
      const build = buildPeer();
      if ('skipped' in build) throw new Error(build.skipped);

      const a = machinePair('a', 2_000);
      const oursA = runOurs(a.scenario);
      const theirsA = runPeer(build.binary, a.peerArgs);
      expect(theirsA.reads).toBeGreaterThan(5_000);
      expect(Math.abs(theirsA.reads / oursA.reads - 1)).toBeLessThan(0.01);
      // A takes no interrupt in 2 ms (the first tick is due at 4 ms): every wait is an operation
      expect(theirsA.waits).toBe(theirsA.operations);
      expect(theirsA.waits / theirsA.reads).toBeCloseTo(oursA.ops / oursA.reads, 1);

      const b = machinePair('b', 1_000, 100);
      const oursB = runOurs(b.scenario);
      const theirsB = runPeer(build.binary, b.peerArgs);
      const oursPerRead = oursB.ops / oursB.reads;
      const theirsPerRead = theirsB.waits / theirsB.reads;
      // jitter compensation under contention: tens of operations per read, mostly retries
      expect(oursPerRead).toBeGreaterThan(60);
      expect(theirsB.cmpxchg_failed / theirsB.reads).toBeGreaterThan(5);
      expect(Math.abs(theirsPerRead / oursPerRead - 1)).toBeLessThan(0.05);
    },
  );
});
