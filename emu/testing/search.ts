// SPDX-License-Identifier: GPL-2.0-only
/**
 * The search of `timer-emu check`: draw `runs` variations from a seed, run them in batches (on
 * this thread, or on any runner the caller passes, such as a worker pool) until one fails a
 * property, then shrink that case on this thread to the smallest variation that still fails the
 * same property. The cases and their order depend only on the seed, so the result is the same
 * whoever runs the batches.
 */
import fc from 'fast-check';
import type { Expectations } from '../scenario/types.js';
import { applyVariation } from './apply.js';
import { type CaseResult, runCase } from './run-case.js';
import { type BaseScenario, scenarioText } from './scenario-file.js';
import type { Variation } from './variation.js';

/** A case as a runner sees it: its variation and the scenario file's text (seed included). */
export interface CaseInput {
  readonly index: number;
  readonly variation: Variation;
  readonly text: string;
}

/** Runs cases; for each, the keys of the properties that failed (empty: all hold). */
export type BatchRunner = (cases: readonly CaseInput[]) => Promise<readonly (readonly string[])[]>;

export interface SearchOptions {
  /** fast-check's seed: the same seed draws the same cases */
  readonly seed: number;
  readonly runs: number;
  /** the properties (the case's own `expect` block when absent) */
  readonly properties?: Expectations;
  /** how cases are run (default: one by one on this thread) */
  readonly runBatch?: BatchRunner;
  /** cases per batch (default 8) */
  readonly batchSize?: number;
  /** after each batch: the cases run so far */
  readonly onProgress?: (done: number) => void;
}

export interface Counterexample {
  /** the index of the first failing case among the drawn ones */
  readonly index: number;
  /** the property the shrunk case still fails (the first one the drawn case failed) */
  readonly property: string;
  /** the drawn case and the shrunk one */
  readonly drawn: Variation;
  readonly shrunk: CaseResult;
  readonly shrinkSteps: number;
  /** fast-check's path of the shrunk case (replays it with the same seed) */
  readonly path: string;
}

export interface SearchResult {
  /** the cases run before the first failure, that one included */
  readonly casesRun: number;
  readonly counterexample: Counterexample | null;
}

/** The cases of a search: `runs` variations drawn from `seed`, in order. */
export const drawCases = (arb: fc.Arbitrary<Variation>, seed: number, runs: number): Variation[] =>
  fc.sample(arb, { seed, numRuns: runs });

function inProcessRunner(base: BaseScenario, properties: Expectations | undefined): BatchRunner {
  return async (cases) =>
    cases.map((c) => {
      const r = runCase(base, c.variation, properties);
      return r.failed.map((e) => e.key);
    });
}

/** Runs the drawn cases in order; the first failing one's index and properties, or null. */
async function firstFailure(
  base: BaseScenario,
  cases: readonly Variation[],
  o: SearchOptions,
): Promise<{ index: number; keys: readonly string[] } | null> {
  const run = o.runBatch ?? inProcessRunner(base, o.properties);
  const size = o.batchSize ?? 8;
  for (let start = 0; start < cases.length; start += size) {
    const batch = cases.slice(start, start + size).map(
      (variation, k): CaseInput => ({
        index: start + k,
        variation,
        text: scenarioText(applyVariation(base, variation)),
      }),
    );
    const failed = await run(batch);
    o.onProgress?.(start + batch.length);
    const k = failed.findIndex((keys) => keys.length > 0);
    if (k >= 0) return { index: start + k, keys: failed[k]! };
  }
  return null;
}

/** Shrinks case `index` of the search, keeping `property` failing. */
function shrink(
  base: BaseScenario,
  arb: fc.Arbitrary<Variation>,
  index: number,
  property: string,
  o: SearchOptions,
): Omit<Counterexample, 'index' | 'property' | 'drawn'> {
  const holds = (v: Variation) =>
    !runCase(base, v, o.properties).failed.some((e) => e.key === property);
  const r = fc.check(fc.property(arb, holds), {
    seed: o.seed,
    path: String(index),
    numRuns: o.runs,
  });
  const found = r.counterexample?.[0];
  if (found === undefined)
    throw new Error(`case ${index} of ${base.file} failed ${property} once, then held`);
  return {
    shrunk: runCase(base, found, o.properties),
    shrinkSteps: r.numShrinks,
    path: r.counterexamplePath ?? String(index),
  };
}

/** Searches for a case that fails a property and shrinks it. */
export async function searchCounterexample(
  base: BaseScenario,
  arb: fc.Arbitrary<Variation>,
  o: SearchOptions,
): Promise<SearchResult> {
  const cases = drawCases(arb, o.seed, o.runs);
  const first = await firstFailure(base, cases, o);
  if (first === null) return { casesRun: cases.length, counterexample: null };
  const property = first.keys[0]!;
  const shrunk = shrink(base, arb, first.index, property, o);
  return {
    casesRun: first.index + 1,
    counterexample: { index: first.index, property, drawn: cases[first.index]!, ...shrunk },
  };
}
