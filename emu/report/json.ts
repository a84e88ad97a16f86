// SPDX-License-Identifier: GPL-2.0-only
/**
 * The versioned JSON summary of `timer-emu run --json` (`format: 'timer-emu-run'`, version 1):
 * one document for all scenarios of the invocation. Every bigint (64-bit values, femtoseconds)
 * is written as a decimal string; counts that fit a double are numbers; floats only where a
 * figure is a statistic (RMS, mean).
 */
import type { RunResult } from '../machine/machine.js';
import type { ExpectationResult } from './expectations.js';

export const RUN_FORMAT = 'timer-emu-run';
export const RUN_FORMAT_VERSION = 1;

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

const replacer = (_key: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);

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

/** The document as text: pretty-printed, newline-terminated, bigints as decimal strings. */
export function runJsonText(doc: object): string {
  return `${JSON.stringify(doc, replacer, 2)}\n`;
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
  return runJsonText({
    format: RUN_FORMAT,
    version: RUN_FORMAT_VERSION,
    passed: complete && reports.every((r) => r.passed),
    ...(complete ? {} : { complete: false }),
    ...(shard === null ? {} : { shard }),
    scenarios: reports.map(scenarioJson),
  });
}
