// SPDX-License-Identifier: GPL-2.0-only
/**
 * The human summary of a run: per scenario its reads, per-CPU figures (the first CPUs and the
 * worst), kernel statistics and each expectation with its outcome word and figure; then one table
 * across scenarios. Every line is explained in docs/reading-a-report.md. Colour comes from the
 * caller's chalk instance (none off a TTY or with NO_COLOR).
 */
import type { ChalkInstance } from 'chalk';
import { FS_PER_NS } from '../base/time.js';
import { approxDuration } from './format.js';
import type { ScenarioReport } from './json.js';
import { OUTCOME_WORD, type Outcome, outcomeOf } from './outcome.js';

/** CPUs listed one per line; beyond, only the CPU with the largest error is added. */
const LISTED_CPUS = 8;

const ns = (v: bigint): string => approxDuration(v * FS_PER_NS);
const fs = (v: bigint): string => approxDuration(v);

function table(rows: readonly (readonly string[])[], alignRight = true): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  return rows.map((row) =>
    row
      .map((cell, i) =>
        i === 0 || !alignRight ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!),
      )
      .join('  ')
      .trimEnd(),
  );
}

function paint(o: Outcome, c: ChalkInstance): (text: string) => string {
  if (o === 'pass') return c.green;
  if (o === 'xfail') return c.cyan;
  return o === 'fail' ? c.red : c.yellow;
}

const keysWith = (r: ScenarioReport, status: string): string =>
  r.expectations
    .filter((e) => e.status === status)
    .map((e) => e.key)
    .join(', ');

function verdictText(r: ScenarioReport, c: ChalkInstance): string {
  const o = outcomeOf(r);
  const why: Record<Outcome, string> = {
    pass: '',
    xfail: ` (expected failure, seen: ${keysWith(r, 'xfail')})`,
    'no-reads': ` (no clock reads: ${keysWith(r, 'no-reads')} held vacuously)`,
    fail: '',
    incomplete: ' (interrupted)',
  };
  return paint(o, c)(`${OUTCOME_WORD[o]}${why[o]}`);
}

/** The CPU with the largest max |err| (the first of equals), or undefined without reads. */
function worstCpu(res: ScenarioReport['result']): number | undefined {
  let worst: (typeof res.verdict.accuracy.perCpu)[number] | undefined;
  for (const e of res.verdict.accuracy.perCpu)
    if (worst === undefined || e.maxAbsErrorNs > worst.maxAbsErrorNs) worst = e;
  return worst?.cpu;
}

/** The CPUs listed: the first ones, and the one with the largest error when it is not among them. */
function listedCpus(res: ScenarioReport['result'], worst: number | undefined): number[] {
  const cpus = res.cpuStats.map((_, i) => i);
  const shown = cpus.slice(0, LISTED_CPUS);
  if (cpus.length <= LISTED_CPUS) return shown;
  return worst !== undefined && !shown.includes(worst) ? [...shown, worst] : shown;
}

function truncationLine(res: ScenarioReport['result'], shown: readonly number[]): string[] {
  const more = res.cpuStats.length - shown.length;
  if (more <= 0) return [];
  const extra = shown.length > LISTED_CPUS ? ` and cpu ${shown[LISTED_CPUS]} (worst)` : '';
  return [
    `  listed: cpus 0-${LISTED_CPUS - 1}${extra}; ${more} more CPUs not listed (--json has every CPU)`,
  ];
}

function cpuLines(res: ScenarioReport['result']): string[] {
  const v = res.verdict;
  const stallOf = new Map(v.stalls.perCpu.map((s) => [s.cpu, s.maxStallFs]));
  const worst = worstCpu(res);
  const shown = listedCpus(res, worst);
  const rows: string[][] = [
    ['  cpu', 'reads', 'max |err|', 'p99 |err|', 'max stall', 'any cmpxchg failed/all', 'irqs'],
  ];
  for (const cpu of shown) {
    const e = v.accuracy.perCpu.find((p) => p.cpu === cpu);
    const s = res.cpuStats[cpu]!;
    rows.push([
      `  ${cpu}${cpu === worst && res.cpuStats.length > 1 ? ' (worst)' : ''}`,
      String(res.readsPerCpu[cpu] ?? 0),
      e ? ns(e.maxAbsErrorNs) : '-',
      e ? ns(e.p99AbsErrorNs) : '-',
      fs(stallOf.get(cpu) ?? 0n),
      `${s.cmpxchgFailed}/${s.cmpxchg}`,
      String(s.interrupts),
    ]);
  }
  return [...table(rows), ...truncationLine(res, shown)];
}

function monotonicityLines(m: ScenarioReport['result']['verdict']['monotonicity']): string[] {
  const out = [
    `  monotonicity: ${m.monotonic ? 'no backward step' : `${m.violations} backward reads, largest ${ns(m.maxBackwardStepNs)}`}`,
  ];
  const x = m.firstCounterexample;
  if (x)
    out.push(
      `    first: cpu${x.earlier.cpu} read ${x.earlier.valueNs} ns ending ${fs(x.earlier.endFs)}, then cpu${x.later.cpu} read ${x.later.valueNs} ns starting ${fs(x.later.startFs)}`,
    );
  return out;
}

/** The RMS error (a statistic in ns, a float) in the unit style of the other durations. */
function rmsText(rmsNs: number): string {
  return fs(BigInt(Math.round(rmsNs * Number(FS_PER_NS))));
}

function kernelLines(res: ScenarioReport['result']): string[] {
  const v = res.verdict;
  const k = v.kernel;
  const out = [
    ...(v.reads === 0
      ? []
      : [
          `  accuracy: max |err| ${ns(v.accuracy.maxAbsErrorNs)}, RMS ${rmsText(v.accuracy.rmsErrorNs)}, p50 ${ns(v.accuracy.p50AbsErrorNs)}, p99 ${ns(v.accuracy.p99AbsErrorNs)}`,
        ]),
    `  longest stall: ${fs(v.stalls.maxStallFs)}`,
    `  kernel: skips ${k.skips} (${ns(k.nsSkipped)}), nsec_per_cyc changes ${k.nsecPerCycChanges}${k.nsecPerCycLast === null ? '' : ` (last ${k.nsecPerCycLast})`}, seqlock retries ${k.seqlockRetries}`,
    `          cmpxchg on last_cycle ${k.cmpxchgAttempts} (${k.cmpxchgFailures} failed), longest get_counter: reader ${fs(k.maxGetCounterFs)}, writer ${fs(k.maxWriterGetCounterFs)}`,
  ];
  const faults = k.faults.map((f) => `${f.fault} on cpu${f.cpu} at ${fs(f.atFs)} in ${f.where}`);
  out.push(`  faults: ${faults.length === 0 ? 'none' : faults.join('; ')}`);
  const b = res.firstBusError;
  if (b !== null)
    out.push(
      `  bus errors: ${res.busErrors}, first: cpu${b.cpu} ${b.access} of ${b.width} bits at 0x${b.addr.toString(16)} at ${fs(b.timeFs)} (${b.message})`,
    );
  return out;
}

function expectationLines(r: ScenarioReport, c: ChalkInstance): string[] {
  if (r.expectations.length === 0) return ['  expectations: none (the run only reports)'];
  const rows = r.expectations.map((e) => [
    `    ${OUTCOME_WORD[e.status]} ${e.key}`,
    `expected ${e.expected}`,
    `measured ${e.measured}`,
  ]);
  const lines = table(rows, false).map((l, i) => paint(r.expectations[i]!.status, c)(l));
  return ['  expectations:', ...lines];
}

export function scenarioSummary(r: ScenarioReport, c: ChalkInstance): string {
  const res = r.result;
  const out = [
    `${c.bold(res.scenario)}  ${verdictText(r, c)}  seed ${res.seed}, ${fs(res.endFs)} simulated, ${res.cpuStats.length} CPUs`,
    `  reads ${res.verdict.reads}; operations ${res.operations}; interpolator at end: ${res.interpolatorAtEnd ?? '(none)'}`,
    ...cpuLines(res),
    ...(res.verdict.reads === 0
      ? ['  monotonicity, accuracy: no reads (nothing to check)']
      : monotonicityLines(res.verdict.monotonicity)),
    ...kernelLines(res),
    ...expectationLines(r, c),
  ];
  return `${out.join('\n')}\n`;
}

/** Each report's name in the table: the scenario's, with its file when another has the same. */
function tableNames(reports: readonly ScenarioReport[]): string[] {
  const count = new Map<string, number>();
  for (const r of reports) count.set(r.result.scenario, (count.get(r.result.scenario) ?? 0) + 1);
  return reports.map((r) =>
    count.get(r.result.scenario)! > 1 ? `${r.result.scenario} (${r.file})` : r.result.scenario,
  );
}

/** `N of M scenarios passed`, then how many of them by each outcome word when not all PASS. */
function countLine(reports: readonly ScenarioReport[]): string {
  const passed = reports.filter((r) => r.passed).length;
  const by = new Map<Outcome, number>();
  for (const r of reports) by.set(outcomeOf(r), (by.get(outcomeOf(r)) ?? 0) + 1);
  const line = `${passed} of ${reports.length} scenarios passed`;
  if (passed === (by.get('pass') ?? 0)) return line;
  const parts = (['pass', 'xfail', 'no-reads'] as const)
    .filter((o) => (by.get(o) ?? 0) > 0)
    .map((o) => `${by.get(o)} ${OUTCOME_WORD[o]}`);
  return `${line} (${parts.join(', ')})`;
}

/**
 * The final table across scenarios; `complete` false when a signal stopped the run (the scenarios
 * after the stopped one did not run).
 */
export function resultsTable(
  reports: readonly ScenarioReport[],
  c: ChalkInstance,
  complete = true,
): string {
  const rows: string[][] = [['scenario', 'result', 'reads', 'max |err|', 'failed expectations']];
  const names = tableNames(reports);
  reports.forEach((r, i) => {
    const failed = r.expectations.filter((e) => !e.pass).map((e) => e.key);
    rows.push([
      names[i]!,
      OUTCOME_WORD[outcomeOf(r)],
      String(r.result.verdict.reads),
      ns(r.result.verdict.accuracy.maxAbsErrorNs),
      failed.length === 0 ? '-' : failed.join(', '),
    ]);
  });
  const lines = table(rows).map((line, i) => {
    if (i === 0) return c.bold(line);
    const o = outcomeOf(reports[i - 1]!);
    return o === 'pass' ? line : paint(o, c)(line);
  });
  lines.push(
    countLine(reports) + (complete ? '' : ' (run interrupted: incomplete, figures so far)'),
  );
  return `${lines.join('\n')}\n`;
}
