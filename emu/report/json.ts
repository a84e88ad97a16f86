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
 * The whole document, as text (pretty-printed, newline-terminated). A run stopped by a signal
 * (`complete` false) has not passed, and says `"complete": false` beside `passed`.
 */
export function runJson(reports: readonly ScenarioReport[], complete = true): string {
  const doc = {
    format: RUN_FORMAT,
    version: RUN_FORMAT_VERSION,
    passed: complete && reports.every((r) => r.passed),
    ...(complete ? {} : { complete: false }),
    scenarios: reports.map(scenarioJson),
  };
  return `${JSON.stringify(doc, replacer, 2)}\n`;
}
