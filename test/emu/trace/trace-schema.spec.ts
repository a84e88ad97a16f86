// SPDX-License-Identifier: GPL-2.0-only
/**
 * Real traces against the published schema (docs/schemas/trace-record.schema.json) with Ajv, and
 * the read records against the run's own figures.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../../../emu/machine/machine.js';
import { loadScenario } from '../../../emu/scenario/load.js';
import { defaultKinds, FilteredSink } from '../../../emu/trace/filter.js';
import { JsonlWriter } from '../../../emu/trace/jsonl.js';
import { Tracer } from '../../../emu/trace/tracer.js';

const schema = JSON.parse(readFileSync('docs/schemas/trace-record.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

type Line = Record<string, unknown> & { type: string };

function trace(name: string, ops: boolean, durationFs: bigint, kinds = defaultKinds(ops)) {
  let text = '';
  const sink = new FilteredSink(new JsonlWriter((c) => (text += c), { scenario: name, seed: 1n }), {
    kinds,
  });
  const result = buildMachine(loadScenario(`scenarios/${name}.yaml`), {
    durationFs,
    tracer: new Tracer([sink]),
  }).run();
  const lines = text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
  return { lines, result };
}

describe('--trace against docs/schemas/trace-record.schema.json', () => {
  it.each([
    ['drift-tuning-fast', false],
    ['unregister-last', true],
    ['itc-nojitter-backwards', false],
    ['livelock-2.6.13-unfair', false],
  ] as const)('%s (operations: %s): every line validates', (name, ops) => {
    const { lines } = trace(name, ops, 2_000_000_000_000n);
    const bad = lines.filter((l) => !validate(l)).slice(0, 3);
    expect(bad).toEqual([]);
    expect(lines[0]).toMatchObject({ type: 'header', version: 2 });
    expect(lines.some((l) => l.type === 'op')).toBe(ops);
  });

  it('one read record per completed read, its error the value minus the true time', () => {
    const { lines, result } = trace('itc-nojitter-backwards', false, 2_000_000_000_000n);
    const reads = lines.filter((l) => l.type === 'read');
    expect(reads.length).toBe(result.verdict.reads);
    const wrong = reads.filter(
      (r) =>
        BigInt(r.errorNs as number) !== BigInt(r.valueNs as number) - BigInt(r.trueNs as number),
    );
    expect(wrong).toEqual([]);
    const worst = reads.reduce((m, r) => {
      const e = BigInt(r.errorNs as number);
      const a = e < 0n ? -e : e;
      return a > m ? a : m;
    }, 0n);
    expect(worst).toBe(result.verdict.accuracy.maxAbsErrorNs);
  });

  it('the trace records the faults and skips the verdict counts', () => {
    const { lines, result } = trace('unregister-last', false, 21_000_000_000_000n);
    const faults = lines.filter((l) => l.type === 'fault');
    expect(faults.length).toBe(
      result.verdict.kernel.faultCounts.BUG + result.verdict.kernel.faultCounts.OOPS,
    );
    expect(faults.length).toBeGreaterThan(0);
  });

  it('an update record per tick: carry or skip, offset, cycles, ns and delta as the kernel computed them', () => {
    const { lines } = trace('drift-tuning-slow', false, 20_000_000_000_000n);
    const updates = lines.filter((l) => l.type === 'update');
    const skips = lines.filter((l) => l.type === 'skip');
    expect(updates.length).toBeGreaterThan(15);
    expect(skips.length).toBeGreaterThan(0);
    const big = (v: unknown) => BigInt(v as number | string);
    let skipped = 0;
    for (let i = 1; i < updates.length; i++) {
      const [prev, u] = [updates[i - 1]!, updates[i]!];
      expect(big(u.cycles)).toBe(big(u.counter) - big(prev.counter));
      expect(big(u.deltaNs)).toBeGreaterThan(0n);
      const givenNs = big(prev.offsetNs) + big(u.nsecs);
      if (u.outcome === 'carry') expect(big(u.offsetNs)).toBe(givenNs - big(u.deltaNs));
      else {
        expect(big(u.offsetNs)).toBe(0n);
        const skip = skips.find((k) => big(k.t) >= big(u.start) && big(k.t) <= big(u.t))!;
        expect(big(skip.nsSkipped)).toBe(big(u.deltaNs) - givenNs);
        skipped++;
      }
    }
    expect(skipped).toBe(updates.filter((u, i) => i > 0 && u.outcome === 'skip').length);
    expect(skipped).toBeGreaterThan(0);
  });

  it("stall records: runs of ≥ 2 equal reads as they end, the longest the summary's", () => {
    const { lines, result } = trace('livelock-2.6.13-unfair', false, 1_000_000_000_000n);
    const stalls = lines.filter((l) => l.type === 'stall');
    expect(stalls.length).toBeGreaterThan(0);
    const len = (s: Line) => BigInt(s.toFs as number) - BigInt(s.fromFs as number);
    const longest = stalls.reduce((m, s) => (len(s) > len(m) ? s : m));
    const want = result.verdict.stalls.longest!;
    expect(len(longest)).toBe(result.verdict.stalls.maxStallFs);
    expect([longest.cpu, longest.clock, longest.reads]).toEqual([want.cpu, want.clock, want.reads]);
    for (const s of stalls) expect(s.reads as number).toBeGreaterThanOrEqual(2);
  });

  it('refused records under the owner-biased policy: the holder is another CPU, the retry later', () => {
    // the first 200 us of the run already hold about 6 000 refused accesses
    const { lines } = trace(
      'livelock-2.6.13-unfair',
      false,
      200_000_000_000n,
      new Set(['refused']),
    );
    const refused = lines.filter((l) => l.type === 'refused');
    expect(refused.length).toBeGreaterThan(0);
    // one assertion over every record: the offenders, if any, are printed
    const wrong = refused.filter(
      (r) => r.holder === r.cpu || BigInt(r.retry as number) <= BigInt(r.t as number),
    );
    expect(wrong).toEqual([]);
    expect(refused.every((r) => validate(r))).toBe(true);
  });

  it('refused records under the round-robin bus: no holder, the retry later', () => {
    const { lines } = trace('livelock-2.6.13-rr', false, 200_000_000_000n, new Set(['refused']));
    const refused = lines.filter((l) => l.type === 'refused');
    expect(refused.length).toBeGreaterThan(0);
    const wrong = refused.filter(
      (r) => r.holder !== -1 || BigInt(r.retry as number) <= BigInt(r.t as number),
    );
    expect(wrong).toEqual([]);
    expect(refused.every((r) => validate(r))).toBe(true);
  });
});
