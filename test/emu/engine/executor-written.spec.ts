// SPDX-License-Identifier: GPL-2.0-only
/**
 * What the executor tells an observer of the values written (a store, a cmpxchg that swapped) and
 * a trace observer that wants no `op` records: none built, the other records still sent.
 */
import { describe, expect, it } from 'vitest';
import type { TraceKind, TraceRecord } from '../../../emu/base/trace-record.js';
import type { ExecutorObserver } from '../../../emu/engine/executor.js';
import { Band } from '../../../emu/engine/scheduler.js';
import { Tracer } from '../../../emu/trace/tracer.js';
import { cmpxchg, type KernelCode, store } from '../../../interpolator/ops.js';
import { machine } from './executor-fixture.js';

function* writes(rec: { v: bigint }): KernelCode<void> {
  yield store(rec, 'v', 5n);
  yield cmpxchg(rec, 'v', 5n, 9n);
  yield cmpxchg(rec, 'v', 5n, 11n);
}

describe('Executor written values', () => {
  it('a store and a cmpxchg that swapped report the value written, at their start; a failed cmpxchg none', () => {
    const seen: string[] = [];
    const starts: bigint[] = [];
    const observer: ExecutorObserver = {
      opTimed: (_cpu, op, _r, t) => {
        if (op.op !== 'cpu_relax') starts.push(t.startFs);
      },
      written: (cpu, _obj, field, value, t) => seen.push(`${cpu} ${field}=${value} @${t.startFs}`),
    };
    const m = machine({ cpus: 1, observer });
    const rec = { v: 0n };
    m.executor.start(0, writes(rec));
    m.scheduler.runUntil(10n ** 9n);
    expect(seen).toEqual([`0 v=5 @${starts[0]}`, `0 v=9 @${starts[1]}`]);
    expect(starts.length).toBe(3);
    expect(rec.v).toBe(9n);
  });

  it('a trace observer without ops gets interrupts and CPU states but no op record', () => {
    const records: TraceRecord[] = [];
    const kinds = new Set<TraceKind>(['irq', 'cpu']);
    const sink = { kinds, record: (r: TraceRecord) => records.push(r), end: () => {} };
    const tracer = new Tracer([sink]);
    expect([tracer.on, tracer.ops]).toEqual([true, false]);
    const rec = { v: 0n };
    const m = machine({
      cpus: 1,
      tracer,
      onInterrupt: () =>
        (function* () {
          yield store(rec, 'v', 2n);
        })(),
    });
    m.executor.start(0, writes(rec));
    m.scheduler.schedule(1n, Band.DEVICE, () => m.executor.raise(0));
    m.scheduler.runUntil(10n ** 9n);
    const types = new Set(records.map((r) => r.type));
    expect(types.has('op')).toBe(false);
    expect(types.has('irq')).toBe(true);
    expect(types.has('cpu')).toBe(true);
  });
});
