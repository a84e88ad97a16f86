// SPDX-License-Identifier: GPL-2.0-only
/**
 * The versioned JSON summary of `timer-emu run --json` (`format: 'timer-emu-run'`, version 2;
 * docs/outputs.md, docs/schemas/run.schema.json): one document for all scenarios of the
 * invocation. Every integer is exact: a JSON number up to 2^53 - 1 in magnitude (a double holds
 * it exactly), a decimal string beyond; floats only where a figure is a statistic (RMS, mean).
 */
import { exactReplacer } from '../base/json-integer.js';
import type { RunResult } from '../machine/machine.js';
import type { ExpectationResult } from './expectations.js';
import { outcomeOf } from './outcome.js';

export const RUN_FORMAT = 'timer-emu-run';
export const RUN_FORMAT_VERSION = 2;

/** One scenario's run and its verdict. */
export interface ScenarioReport {
  readonly file: string;
  /** sha-256 of the scenario file, hex */
  readonly hash: string;
  readonly result: RunResult;
  readonly expectations: readonly ExpectationResult[];
  /** every expectation met, on a complete run */
  readonly passed: boolean;
  /** false when the run was stopped (Ctrl-C) before its duration: figures so far */
  readonly complete?: boolean;
}

export function scenarioJson(r: ScenarioReport): Record<string, unknown> {
  const { result } = r;
  const v = result.verdict;
  return {
    scenario: result.scenario,
    file: r.file,
    hash: r.hash,
    seed: result.seed,
    durationFs: result.durationFs,
    endFs: result.endFs,
    passed: r.passed,
    outcome: outcomeOf(r),
    complete: r.complete ?? true,
    expectations: r.expectations,
    reads: v.reads,
    monotonicity: v.monotonicity,
    accuracy: v.accuracy,
    stalls: v.stalls,
    kernel: v.kernel,
    interpolatorAtEnd: result.interpolatorAtEnd,
    finalKernel: result.kernel,
    cpus: result.cpuStats.map((s, cpu) => ({
      cpu,
      reads: result.readsPerCpu[cpu],
      state: s.state,
      operations: s.ops,
      cmpxchg: s.cmpxchg,
      cmpxchgFailed: s.cmpxchgFailed,
      cacheLineTransfers: s.transfers,
      interrupts: s.interrupts,
    })),
    operations: result.operations,
    schedulerEvents: result.events,
    busErrors: result.busErrors,
  };
}

export { exactInteger } from '../base/json-integer.js';

const stringReplacer = (_key: string, v: unknown): unknown =>
  typeof v === 'bigint' ? v.toString() : v;

/**
 * Which runs of a sharded invocation a document holds (`run --shard K/N`): shard `index` of
 * `count`, out of `runs` runs in all, at these positions of the unsharded invocation.
 */
export interface ShardJson {
  readonly index: number;
  readonly count: number;
  readonly runs: number;
  readonly positions: readonly number[];
}

/**
 * A document as text: pretty-printed, newline-terminated, bigints as decimal strings (the sweep
 * document's rule; `merge` re-writes parsed documents, which hold no bigints).
 */
export function runJsonText(doc: object): string {
  return `${JSON.stringify(doc, stringReplacer, 2)}\n`;
}

/** The run summary as text: bigints as exact integers (a number up to 2^53 - 1, else a string). */
function exactJsonText(doc: object): string {
  return `${JSON.stringify(doc, exactReplacer, 2)}\n`;
}

/**
 * The whole document, as text. A run stopped by a signal (`complete` false) has not passed, and
 * says `"complete": false` beside `passed`. A shard's document says which runs it holds.
 */
export function runJson(
  reports: readonly ScenarioReport[],
  complete = true,
  shard: ShardJson | null = null,
): string {
  return exactJsonText({
    format: RUN_FORMAT,
    version: RUN_FORMAT_VERSION,
    passed: complete && reports.every((r) => r.passed),
    ...(complete ? {} : { complete: false }),
    ...(shard === null ? {} : { shard }),
    scenarios: reports.map(scenarioJson),
  });
}
