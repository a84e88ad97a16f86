// SPDX-License-Identifier: GPL-2.0-only
/**
 * The human summary of a run: per scenario its reads, per-CPU figures (the first CPUs and the
 * worst), kernel statistics and each expectation PASS/FAIL with its figure; then one table across
 * scenarios. Colour comes from the caller's chalk instance (none off a TTY or with NO_COLOR).
 */
import type { ChalkInstance } from 'chalk';
import { FS_PER_NS } from '../base/time.js';
import { approxDuration } from './format.js';
import type { ScenarioReport } from './json.js';

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

export function scenarioSummary(r: ScenarioReport, c: ChalkInstance): string {
  const res = r.result;
  const v = res.verdict;
  const k = v.kernel;
  const out: string[] = [];
  const verdict =
    (r.passed ? c.green('PASS') : c.red('FAIL')) + (r.complete === false ? ' (interrupted)' : '');
  out.push(
    `${c.bold(res.scenario)}  ${verdict}  seed ${res.seed}, ${fs(res.endFs)} simulated, ${res.cpuStats.length} CPUs`,
  );
  out.push(
    `  reads ${v.reads}; operations ${res.operations}; interpolator at end: ${res.interpolatorAtEnd ?? '(none)'}`,
  );

  const perCpu = v.accuracy.perCpu;
  const stallOf = new Map(v.stalls.perCpu.map((s) => [s.cpu, s.maxStallFs]));
  const cpus = res.cpuStats.map((_, i) => i);
  let shown = cpus.slice(0, LISTED_CPUS);
  if (cpus.length > LISTED_CPUS) {
    const worst = perCpu.reduce<(typeof perCpu)[number] | undefined>(
      (w, e) => (w === undefined || e.maxAbsErrorNs > w.maxAbsErrorNs ? e : w),
      undefined,
    );
    if (worst !== undefined && !shown.includes(worst.cpu)) shown = [...shown, worst.cpu];
  }
  const rows: string[][] = [
    ['  cpu', 'reads', 'max |err|', 'p99 |err|', 'max stall', 'cmpxchg fail/all', 'irqs'],
  ];
  for (const cpu of shown) {
    const e = perCpu.find((p) => p.cpu === cpu);
    const s = res.cpuStats[cpu]!;
    rows.push([
      `  ${cpu}`,
      String(res.readsPerCpu[cpu] ?? 0),
      e ? ns(e.maxAbsErrorNs) : '-',
      e ? ns(e.p99AbsErrorNs) : '-',
      fs(stallOf.get(cpu) ?? 0n),
      `${s.cmpxchgFailed}/${s.cmpxchg}`,
      String(s.interrupts),
    ]);
  }
  out.push(...table(rows));
  if (cpus.length > shown.length) out.push(`  … ${cpus.length - shown.length} more CPUs`);

  const m = v.monotonicity;
  out.push(
    `  monotonicity: ${m.monotonic ? 'no backward step' : `${m.violations} backward reads, largest ${ns(m.maxBackwardStepNs)}`}`,
  );
  if (m.firstCounterexample) {
    const x = m.firstCounterexample;
    out.push(
      `    first: cpu${x.earlier.cpu} read ${x.earlier.valueNs} ns ending ${fs(x.earlier.endFs)}, then cpu${x.later.cpu} read ${x.later.valueNs} ns starting ${fs(x.later.startFs)}`,
    );
  }
  out.push(
    `  accuracy: max |err| ${ns(v.accuracy.maxAbsErrorNs)}, RMS ${v.accuracy.rmsErrorNs.toFixed(0)} ns, p50 ${ns(v.accuracy.p50AbsErrorNs)}, p99 ${ns(v.accuracy.p99AbsErrorNs)}`,
  );
  out.push(`  longest stall: ${fs(v.stalls.maxStallFs)}`);
  out.push(
    `  kernel: skips ${k.skips} (${ns(k.nsSkipped)}), nsec_per_cyc changes ${k.nsecPerCycChanges}${k.nsecPerCycLast === null ? '' : ` (last ${k.nsecPerCycLast})`}, seqlock retries ${k.seqlockRetries}`,
  );
  out.push(
    `          cmpxchg on last_cycle ${k.cmpxchgAttempts} (${k.cmpxchgFailures} failed), longest get_counter: reader ${fs(k.maxGetCounterFs)}, writer ${fs(k.maxWriterGetCounterFs)}`,
  );
  const faults = k.faults.map((f) => `${f.fault} on cpu${f.cpu} at ${fs(f.atFs)} in ${f.where}`);
  out.push(`  faults: ${faults.length === 0 ? 'none' : faults.join('; ')}`);
  const b = res.firstBusError;
  if (b !== null)
    out.push(
      `  bus errors: ${res.busErrors}, first: cpu${b.cpu} ${b.access} of ${b.width} bits at 0x${b.addr.toString(16)} at ${fs(b.timeFs)} (${b.message})`,
    );
  if (r.expectations.length === 0) out.push('  expectations: none (the run only reports)');
  else {
    out.push('  expectations:');
    const erows = r.expectations.map((e) => [
      `    ${e.pass ? 'PASS' : 'FAIL'} ${e.key}`,
      `expected ${e.expected}`,
      `measured ${e.measured}`,
    ]);
    const lines = table(erows, false);
    out.push(...lines.map((l, i) => (r.expectations[i]!.pass ? c.green(l) : c.red(l))));
  }
  return `${out.join('\n')}\n`;
}

/** The final table across scenarios. */
export function resultsTable(reports: readonly ScenarioReport[], c: ChalkInstance): string {
  const rows: string[][] = [['scenario', 'result', 'reads', 'max |err|', 'failed expectations']];
  for (const r of reports) {
    const failed = r.expectations.filter((e) => !e.pass).map((e) => e.key);
    rows.push([
      r.result.scenario,
      (r.passed ? 'PASS' : 'FAIL') + (r.complete === false ? ' (interrupted)' : ''),
      String(r.result.verdict.reads),
      ns(r.result.verdict.accuracy.maxAbsErrorNs),
      failed.length === 0 ? '-' : failed.join(', '),
    ]);
  }
  const lines = table(rows).map((line, i) => {
    if (i === 0) return c.bold(line);
    return reports[i - 1]!.passed ? line : c.red(line);
  });
  const passed = reports.filter((r) => r.passed).length;
  const interrupted = reports.filter((r) => r.complete === false).length;
  lines.push(
    `${passed} of ${reports.length} scenarios passed` +
      (interrupted === 0 ? '' : ` (${interrupted} interrupted: figures so far)`),
  );
  return `${lines.join('\n')}\n`;
}
