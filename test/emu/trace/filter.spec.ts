// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../emu/base/trace-record.js';
import { defaultKinds, FilteredSink } from '../../../emu/trace/filter.js';
import { Tracer } from '../../../emu/trace/tracer.js';

const skip = (t: bigint, cpu: number): TraceRecord => ({ type: 'skip', t, cpu, nsSkipped: 1n });

function kept(filter: ConstructorParameters<typeof FilteredSink>[1], records: TraceRecord[]) {
  const out: TraceRecord[] = [];
  const sink = new FilteredSink({ record: (r) => out.push(r), end: () => {} }, filter);
  const tracer = new Tracer([sink]);
  for (const r of records) tracer.emit(r);
  return out;
}

describe('FilteredSink', () => {
  it('keeps records with FROM <= t < TO on the chosen CPUs', () => {
    const records = [skip(5n, 0), skip(10n, 0), skip(15n, 1), skip(19n, 2), skip(20n, 0)];
    const out = kept(
      { kinds: defaultKinds(false), fromFs: 10n, toFs: 20n, cpus: new Set([0, 2]) },
      records,
    );
    expect(out.map((r) => r.t)).toEqual([10n, 19n]);
  });

  it('without --trace-ops the executor stays off: a trace of measurements costs no operation records', () => {
    const sink = new FilteredSink(
      { record: () => {}, end: () => {} },
      { kinds: defaultKinds(false) },
    );
    expect(new Tracer([sink]).on).toBe(false);
    const ops = new FilteredSink(
      { record: () => {}, end: () => {} },
      { kinds: defaultKinds(true) },
    );
    expect(new Tracer([ops]).on).toBe(true);
  });

  it('passes only its kinds', () => {
    const cpu: TraceRecord = { type: 'cpu', t: 1n, cpu: 0, state: 'run' };
    expect(kept({ kinds: new Set(['skip']) }, [cpu, skip(2n, 0)])).toEqual([skip(2n, 0)]);
  });
});
