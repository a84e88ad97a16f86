// SPDX-License-Identifier: GPL-2.0-only
import { Chalk } from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { FS_PER_NS, FS_PER_US } from '../../../emu/base/time.js';
import { buildMachine, type RunResult } from '../../../emu/machine/machine.js';
import { checkExpectations } from '../../../emu/report/expectations.js';
import { approxDuration } from '../../../emu/report/format.js';
import { resultsTable, scenarioSummary } from '../../../emu/report/human.js';
import { RUN_FORMAT, runJson, type ScenarioReport } from '../../../emu/report/json.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';

const YAML = `
name: tiny
duration: 2ms
machine: { cpus: 2 }
devices:
  - { type: itc, name: itc, frequency: 1.5GHz, offsets_cycles: [0, 3000] }
interpolators: [{ driver: itc, device: itc, nojitter: true }]
workload: [{ cpus: all, call: getnstimeofday, interval: 1us }]
`;

let result: RunResult;
beforeAll(() => {
  result = buildMachine(parseScenarioText(YAML, 'tiny.yaml')).run();
});

const plain = new Chalk({ level: 0 });

describe('checkExpectations', () => {
  it('gives one line per key present, in the format order, each with its figure', () => {
    const lines = checkExpectations(
      { monotonic: true, reads: { min: 1n }, faults: 'none', interpolator: 'itc' },
      result,
    );
    expect(lines.map((l) => l.key)).toEqual(['monotonic', 'faults', 'interpolator', 'reads']);
    expect(lines.find((l) => l.key === 'reads')!.measured).toBe(String(result.verdict.reads));
    expect(lines.find((l) => l.key === 'interpolator')!.pass).toBe(true);
  });

  it('compares ranges inclusively at both bounds', () => {
    const reads = BigInt(result.verdict.reads);
    const at = (min?: bigint, max?: bigint) =>
      checkExpectations(
        { reads: { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) } },
        result,
      )[0]!.pass;
    expect(at(reads, reads)).toBe(true);
    expect(at(reads + 1n)).toBe(false);
    expect(at(undefined, reads - 1n)).toBe(false);
  });

  it('durations compare in fs against the ns figures', () => {
    const stepFs = result.verdict.monotonicity.maxBackwardStepNs * FS_PER_NS;
    expect(stepFs).toBeGreaterThan(0n);
    const [ok] = checkExpectations({ maxBackwardStepFs: { min: stepFs, max: stepFs } }, result);
    const [no] = checkExpectations({ maxBackwardStepFs: { max: stepFs - 1n } }, result);
    expect(ok!.pass).toBe(true);
    expect(no!.pass).toBe(false);
  });

  it('an expected failure passes when it shows; faults lists must all occur', () => {
    expect(checkExpectations({ monotonic: false }, result)[0]!.pass).toBe(true);
    expect(checkExpectations({ faults: ['BUG'] }, result)[0]!.pass).toBe(false);
    expect(checkExpectations({ interpolator: 'hpet0' }, result)[0]!.pass).toBe(false);
  });
});

describe('reports', () => {
  const report = (passed: boolean): ScenarioReport => ({
    file: 'tiny.yaml',
    hash: 'ab',
    result,
    expectations: checkExpectations({ monotonic: !passed }, result),
    passed,
  });

  it('JSON: versioned, integers exact (numbers up to 2^53 - 1)', () => {
    const doc = JSON.parse(runJson([report(true)]));
    expect(doc.format).toBe(RUN_FORMAT);
    expect(doc.version).toBe(2);
    expect(doc.passed).toBe(true);
    const s = doc.scenarios[0];
    expect(s.seed).toBe(1);
    expect(s.durationFs).toBe(2000000000000);
    expect(typeof s.monotonicity.maxBackwardStepNs).toBe('number');
    expect(s.cpus).toHaveLength(2);
  });

  it('human summary: figures, PASS/FAIL lines and the final table, no colour when off', () => {
    const text = scenarioSummary(report(false), plain);
    expect(text).toContain('tiny  FAIL');
    expect(text).toMatch(/FAIL monotonic +expected true +measured false/);
    expect(text).not.toContain('\u001b[');
    const table = resultsTable([report(true), report(false)], plain);
    expect(table).toContain('1 of 2 scenarios passed (1 XFAIL)');
    // two reports of one scenario name are told apart by their file; `monotonic: false` met is
    // an expected failure
    expect(table.split('\n')[1]).toMatch(/^tiny \(tiny\.yaml\) +XFAIL/);
    expect(table.split('\n')[2]).toMatch(/^tiny \(tiny\.yaml\) +FAIL/);
    expect(resultsTable([report(false)], plain).split('\n')[1]).toMatch(/^tiny +FAIL/);
  });

  it('outcome words: XFAIL for a defect asked for and seen, NO READS for a vacuous expectation', () => {
    const xfail = scenarioSummary(report(true), plain);
    expect(xfail).toContain('tiny  XFAIL (expected failure, seen: monotonic)');
    expect(xfail).toMatch(/XFAIL monotonic +expected false +measured false/);
    const healthy: ScenarioReport = {
      ...report(true),
      expectations: checkExpectations(
        { maxErrorFs: { max: 10n ** 30n }, reads: { min: 1n } },
        result,
      ),
    };
    expect(scenarioSummary(healthy, plain)).toMatch(/^tiny {2}PASS /);
    expect(resultsTable([healthy], plain)).toMatch(/1 of 1 scenarios passed\n$/);
    const noReads = { ...result, verdict: { ...result.verdict, reads: 0 } };
    const vacuous: ScenarioReport = {
      ...report(true),
      result: noReads,
      expectations: checkExpectations(
        { maxErrorFs: { max: 10n ** 30n }, reads: { max: 0n } },
        noReads,
      ),
    };
    expect(vacuous.expectations.map((e) => e.status)).toEqual(['no-reads', 'pass']);
    const text = scenarioSummary(vacuous, plain);
    expect(text).toContain('tiny  NO READS (no clock reads: max_error held vacuously)');
    expect(text).toContain('monotonicity, accuracy: no reads');
    expect(resultsTable([vacuous], plain)).toContain('1 of 1 scenarios passed (1 NO READS)');
  });

  it('a lower bound on max_error asks for a wrong clock; an upper bound does not', () => {
    const [low] = checkExpectations({ maxErrorFs: { min: 1n } }, result);
    const [high] = checkExpectations({ maxErrorFs: { max: 10n ** 30n } }, result);
    expect(low!.status).toBe('xfail');
    expect(high!.status).toBe('pass');
    expect(low!.expectedValue).toEqual({ min: 1n });
    expect(high!.measuredValue).toBe(result.verdict.accuracy.maxAbsErrorNs * FS_PER_NS);
  });

  it('per-CPU table: the worst CPU labelled, RMS in the unit style of the other durations', () => {
    const text = scenarioSummary(report(false), plain);
    expect(text).toMatch(/^ {2}\d \(worst\) /m);
    expect(text).toContain('any cmpxchg failed/all');
    expect(text).not.toMatch(/RMS \d+ ns/);
  });

  it('an interrupted run says so in its summary and in the final table', () => {
    const cut: ScenarioReport = { ...report(true), passed: false, complete: false };
    expect(scenarioSummary(cut, plain)).toContain('tiny  INCOMPLETE (interrupted)');
    const table = resultsTable([cut], plain, false);
    expect(table.split('\n')[1]).toMatch(/^tiny +INCOMPLETE /);
    expect(table).toContain(
      '0 of 1 scenarios passed (run interrupted: incomplete, figures so far)',
    );
  });

  it('an interrupted run has not passed in JSON, even when every finished scenario did', () => {
    const doc = JSON.parse(runJson([report(true)], false));
    expect(doc.passed).toBe(false);
    expect(doc.complete).toBe(false);
    const whole = JSON.parse(runJson([report(true)]));
    expect(whole.passed).toBe(true);
    expect('complete' in whole).toBe(false);
  });

  it('colour on request', () => {
    expect(scenarioSummary(report(true), new Chalk({ level: 1 }))).toContain('\u001b[');
  });

  it('approxDuration: exact whole units, else four significant digits', () => {
    expect(approxDuration(0n)).toBe('0');
    expect(approxDuration(2n * FS_PER_US)).toBe('2us');
    expect(approxDuration(1_014_666_667n)).toBe('1.015us');
    expect(approxDuration(-1500n * FS_PER_NS)).toBe('-1.500us');
  });
});
