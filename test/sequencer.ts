// SPDX-License-Identifier: GPL-2.0-only
/**
 * vitest's order, with the specs that take longest started first. vitest orders by the durations
 * of the last run, which a clean clone (CI) does not have; it then starts the largest files
 * first, and the few short files that run many scenarios came last, one core busy with them while
 * the other idled. Measured 4 December 2026, the figures below in the evening (docs/performance.md,
 * "The test suite's time").
 */
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

/** Longest first (seconds on this 2-core host, in parallel with the rest). */
const LONGEST = [
  'test/browser/pages.spec.ts', // 9
  'test/scenarios/bundled-b.spec.ts', // 8
  'test/docs/examples.spec.ts', // 5, and about 4 before it (npm pack, npm install)
  'test/docs/learn.spec.ts', // 6
  'test/emu/cli/scale.spec.ts', // 5
  'test/emu/cli/limits.spec.ts', // 3
  'test/emu/cli/contract.spec.ts', // 4
  'test/emu/cli/plugins.spec.ts', // 4
  'test/bench/peer.spec.ts', // 1; 4 on a fresh clone (g++ builds the peer)
  'test/emu/cli/commands/check.spec.ts', // 3
  'test/emu/testing/arbitraries.spec.ts', // 3
  'test/scenarios/bundled-a.spec.ts', // 2
];

const rank = (s: TestSpecification): number => {
  const i = LONGEST.findIndex((f) => s.moduleId.endsWith(f));
  return i < 0 ? LONGEST.length : i;
};

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((s, i) => ({ s, i }))
      .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
      .map((x) => x.s);
  }
}
