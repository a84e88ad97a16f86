// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { Band } from '../../../emu/engine/scheduler.js';
import { JsonlWriter } from '../../../emu/trace/jsonl.js';
import { Tracer } from '../../../emu/trace/tracer.js';
import { VcdTraceSink } from '../../../emu/trace/vcd-sink.js';
import {
  CPU_RELAX,
  CYCLES,
  cmpxchg,
  fault,
  type KernelCode,
  load,
  mmioRead,
  store,
} from '../../../interpolator/ops.js';
import { machine } from '../engine/executor-fixture.js';

/** Three CPUs contend on a counter, read a device, take periodic interrupts; cpu2 hits a BUG. */
function traced(strict: boolean): { jsonl: string; vcd: string; ops: number } {
  let jsonl = '';
  let vcd = '';
  const tracer = new Tracer([
    new JsonlWriter((c) => (jsonl += c), { scenario: 'determinism', seed: 42n }),
    new VcdTraceSink((c) => (vcd += c), { cpuCount: 3, devices: ['ctr0'] }, { date: 'fixed' }),
  ]);
  const counter = { v: 0n, owner: null as object | null };
  const m = machine({
    cpus: 3,
    strict,
    tracer,
    onInterrupt: () =>
      (function* () {
        yield mmioRead(0xfed0_0000n, 64);
        yield CPU_RELAX;
      })(),
  });
  m.memory.name(counter, 'counter');
  function* worker(cpu: number): KernelCode<void> {
    for (let i = 0; i < 25; i++) {
      const v: bigint = yield load(counter, 'v');
      const found: bigint = yield cmpxchg(counter, 'v', v, v + 1n);
      if (found === v) yield store(counter, 'owner', counter);
      yield CYCLES;
      if (cpu === 2 && i === 20) yield fault('BUG', 'worker');
      yield mmioRead(cpu === 1 && i === 3 ? 0x10n : 0xfed0_0000n, 32);
    }
  }
  // Started out of time order: records must still come in time order.
  for (const cpu of [2, 1, 0]) m.executor.start(cpu, worker(cpu), BigInt(cpu) * 1_000_000n);
  const tick = m.scheduler.event(Band.DEVICE, () => {
    for (const cpu of [0, 1, 2]) m.executor.raise(cpu);
    m.scheduler.arm(tick, m.scheduler.nowFs + 3_000_000_000n);
  });
  m.scheduler.arm(tick, 100_000_000n);
  m.scheduler.runUntil(100_000_000_000n);
  m.scheduler.cancel(tick);
  tracer.end();
  const ops = [0, 1, 2].reduce((n, cpu) => n + m.executor.stats(cpu).ops, 0);
  return { jsonl, vcd, ops };
}

describe('traces', () => {
  it('the same program run twice gives byte-identical JSONL and VCD', () => {
    const a = traced(false);
    const b = traced(false);
    expect(a.jsonl).toBe(b.jsonl);
    expect(a.vcd).toBe(b.vcd);
  });

  it('fast path and strict interleaving give the same traces', () => {
    const a = traced(false);
    const b = traced(true);
    expect(a.jsonl).toBe(b.jsonl);
    expect(a.vcd).toBe(b.vcd);
  });

  it('records every operation, the fault, the bus error and interrupts, in start order', () => {
    const { jsonl, ops } = traced(false);
    const records = jsonl
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { type: string; seq?: number; t?: string; [k: string]: unknown },
      );
    expect(records[0]).toMatchObject({ type: 'header', format: 'timer-emu-trace', seed: 42 });
    const body = records.slice(1);
    expect(body.map((r) => r.seq)).toEqual(body.map((_, i) => i));
    expect(body.filter((r) => r.type === 'op').length).toBe(ops);
    expect(body.filter((r) => r.type === 'kernel')).toMatchObject([{ kind: 'BUG', cpu: 2 }]);
    expect(body.filter((r) => r.type === 'bus_error')).toMatchObject([{ cpu: 1, addr: 16 }]);
    expect(body.some((r) => r.type === 'irq' && r.edge === 'enter')).toBe(true);
    expect(body.find((r) => r.op === 'store')).toMatchObject({
      target: 'counter.owner',
      value: 'counter',
    });
    for (let i = 1; i < body.length; i++)
      expect(BigInt(body[i]!.t!) >= BigInt(body[i - 1]!.t!)).toBe(true);
  });
});
