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

function trace(name: string, ops: boolean, durationFs: bigint) {
  let text = '';
  const sink = new FilteredSink(new JsonlWriter((c) => (text += c), { scenario: name, seed: 1n }), {
    kinds: defaultKinds(ops),
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
    for (const r of reads)
      expect(BigInt(r.errorNs as number)).toBe(
        BigInt(r.valueNs as number) - BigInt(r.trueNs as number),
      );
    const worst = reads.reduce((m, r) => {
      const e = BigInt(r.errorNs as number);
      const a = e < 0n ? -e : e;
      return a > m ? a : m;
    }, 0n);
    expect(worst).toBe(result.verdict.accuracy.maxAbsErrorNs);
  });

  it('the trace records the faults and skips the verdict counts', () => {
    const { lines, result } = trace('unregister-last', false, 30_000_000_000_000n);
    const faults = lines.filter((l) => l.type === 'fault');
    expect(faults.length).toBe(
      result.verdict.kernel.faultCounts.BUG + result.verdict.kernel.faultCounts.OOPS,
    );
    expect(faults.length).toBeGreaterThan(0);
  });
});
