// SPDX-License-Identifier: GPL-2.0-only
/**
 * `--perfetto` output against the trace-event format: a JSON Schema of the format's documented
 * fields (test/fixtures/trace-event.schema.json) with Ajv, plus structure: slices on one track
 * nest or are disjoint (what B/E pairs would express), timestamps non-decreasing, pids and tids
 * consistent with the metadata.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMachine, type RunResult } from '../../../emu/machine/machine.js';
import { loadScenario } from '../../../emu/scenario/load.js';
import { fsAsUs, PerfettoSink } from '../../../emu/trace/perfetto.js';
import { Tracer } from '../../../emu/trace/tracer.js';

const schema = JSON.parse(readFileSync('test/fixtures/trace-event.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

interface Ev {
  ph: string;
  name: string;
  pid: number;
  tid?: number;
  ts?: number;
  dur?: number;
  args?: Record<string, unknown>;
}

let doc: { traceEvents: Ev[] };
let result: RunResult;
let text = '';
beforeAll(() => {
  const scenario = loadScenario('scenarios/drift-tuning-fast.yaml');
  const cpuCount = scenario.machine.cpus;
  const sink = new PerfettoSink((c) => (text += c), { name: scenario.name, cpuCount });
  result = buildMachine(scenario, {
    durationFs: 3_000_000_000_000n,
    tracer: new Tracer([sink]),
  }).run();
  doc = JSON.parse(text);
});

describe('--perfetto', () => {
  it('validates against the trace-event format schema', () => {
    expect(validate(doc)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const bad = { traceEvents: [{ ph: 'X', name: 'x', pid: 1, tid: 0, ts: 1 }] };
    expect(validate(bad)).toBe(false);
  });

  it('one track per CPU named in the metadata; every event on pid 1 and a named track', () => {
    const names = doc.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name');
    expect(names.map((e) => [e.tid, e.args?.name])).toEqual([
      [0, 'cpu0'],
      [1, 'cpu1'],
    ]);
    const tids = new Set(names.map((e) => e.tid));
    for (const e of doc.traceEvents) {
      expect(e.pid).toBe(1);
      if (e.tid !== undefined) expect(tids.has(e.tid)).toBe(true);
    }
  });

  it('timestamps never decrease', () => {
    const ts = doc.traceEvents.filter((e) => e.ts !== undefined).map((e) => e.ts!);
    for (let i = 1; i < ts.length; i++) expect(ts[i]!).toBeGreaterThanOrEqual(ts[i - 1]!);
  });

  it('slices on one track nest or are disjoint, as B/E pairs would', () => {
    const byTid = new Map<number, Ev[]>();
    for (const e of doc.traceEvents.filter((x) => x.ph === 'X'))
      byTid.set(e.tid!, [...(byTid.get(e.tid!) ?? []), e]);
    // integer fs bounds (from the exact decimal µs) avoid float rounding in the comparison
    const fs = (us: number) => BigInt(Math.round(us * 1e9));
    for (const slices of byTid.values()) expectNested(slices.map((s) => [fs(s.ts!), fs(s.dur!)]));
  });

  it('a slice per read, with its error; get_counter calls inside the reads', () => {
    const reads = doc.traceEvents.filter((e) => e.ph === 'X' && e.name === 'getnstimeofday');
    expect(reads.length).toBe(result.verdict.reads);
    expect(doc.traceEvents.some((e) => e.name === 'get_counter')).toBe(true);
    expect(doc.traceEvents.some((e) => e.ph === 'C' && e.name === 'read error (ns)')).toBe(true);
  });

  it("each tick's update a slice around its get_counter, and the offset it stored a counter", () => {
    const updates = doc.traceEvents.filter(
      (e) => e.ph === 'X' && e.name === 'time_interpolator_update',
    );
    const counters = doc.traceEvents.filter(
      (e) => e.ph === 'C' && e.name === 'get_counter (tick update)',
    );
    const tickCalls = doc.traceEvents.filter(
      (e) => e.ph === 'X' && e.name === 'get_counter (tick update)',
    );
    const offsets = doc.traceEvents.filter((e) => e.ph === 'C' && e.name === 'offset (ns)');
    expect(counters).toEqual([]);
    expect(updates.length).toBeGreaterThan(0);
    expect(offsets.map((e) => e.args?.offset)).toEqual(updates.map((u) => u.args?.offsetNs));
    const fs = (us: number) => BigInt(Math.round(us * 1e9));
    const inside = (g: Ev, u: Ev) =>
      u.tid === g.tid && fs(u.ts!) <= fs(g.ts!) && fs(g.ts!) + fs(g.dur!) <= fs(u.ts!) + fs(u.dur!);
    for (const u of updates) expect(tickCalls.filter((g) => inside(g, u)).length).toBe(1);
    expect(updates.every((u) => ['carry', 'skip'].includes(u.args?.outcome as string))).toBe(true);
  });

  it('stalls as instants on their CPU, at the first read of the run', () => {
    let out = '';
    const scenario = loadScenario('scenarios/livelock-2.6.13-unfair.yaml');
    const sink = new PerfettoSink((c) => (out += c), { name: scenario.name, cpuCount: 4 });
    const r = buildMachine(scenario, {
      durationFs: 2_000_000_000_000n,
      tracer: new Tracer([sink]),
    }).run();
    const stalls = (JSON.parse(out) as { traceEvents: Ev[] }).traceEvents.filter(
      (e) => e.ph === 'i' && e.name === 'stall',
    );
    expect(stalls.length).toBeGreaterThan(0);
    expect(validate(JSON.parse(out))).toBe(true);
    const longest = r.verdict.stalls.longest!;
    expect(
      stalls.some(
        (e) =>
          e.tid === longest.cpu &&
          e.ts === Number(fsAsUs(longest.fromFs)) &&
          e.args?.reads === longest.reads,
      ),
    ).toBe(true);
  });

  it('microseconds exact from femtoseconds', () => {
    expect(fsAsUs(1_289_333_330n)).toBe('1.28933333');
    expect(fsAsUs(3_000_000_000n)).toBe('3');
    expect(fsAsUs(1n)).toBe('0.000000001');
  });
});

/** Slices given as [start, duration] in start order each end inside every slice still open. */
function expectNested(slices: readonly (readonly [bigint, bigint])[]): void {
  const open: bigint[] = [];
  for (const [start, dur] of slices) {
    const end = start + dur;
    while (open.length > 0 && open.at(-1)! <= start) open.pop();
    if (open.length > 0) expect(end <= open.at(-1)!).toBe(true);
    open.push(end);
  }
}
