// SPDX-License-Identifier: GPL-2.0-only
/**
 * The waveform's signals from a real run (emu/machine/watch-signals.ts feeding the VCD sink): a
 * reader's winning cmpxchg shows in `last_cycle` with the cycle counter value that CPU read,
 * `in_syscall` spans each read call, `stalled` follows the stall records.
 */
import { describe, expect, it } from 'vitest';
import { vcdMachine } from '../../../emu/cli/commands/run-vcd.js';
import { buildMachine } from '../../../emu/machine/machine.js';
import { loadScenario } from '../../../emu/scenario/load.js';
import { type TraceRecord, Tracer } from '../../../emu/trace/tracer.js';
import { VcdTraceSink } from '../../../emu/trace/vcd-sink.js';

/** signal path (`cpu0.in_syscall`) → its changes [ps, value] in file order */
function parseVcd(text: string): Map<string, [bigint, bigint][]> {
  const byId = new Map<string, [bigint, bigint][]>();
  const signals = new Map<string, [bigint, bigint][]>();
  const path: string[] = [];
  let t = 0n;
  for (const line of text.split('\n')) {
    const w = line.split(' ');
    if (w[0] === '$scope') path.push(w[2]!);
    else if (w[0] === '$upscope') path.pop();
    else if (w[0] === '$var') {
      const changes: [bigint, bigint][] = [];
      byId.set(w[3]!, changes);
      signals.set([...path.slice(1), w[4]].join('.'), changes);
    } else if (line.startsWith('#')) t = BigInt(line.slice(1));
    else if (line.startsWith('b')) byId.get(w[1]!)?.push([t, BigInt(`0${w[0]}`)]);
    else if (/^[01]\S+$/.test(line)) byId.get(line.slice(1))?.push([t, BigInt(line[0]!)]);
  }
  return signals;
}

/** The value of `changes` just before `ps` (the last change earlier than it). */
const before = (changes: readonly [bigint, bigint][], ps: bigint): bigint | undefined =>
  changes.filter(([t]) => t < ps).at(-1)?.[1];

function run(name: string, durationFs: bigint) {
  const scenario = loadScenario(`scenarios/${name}.yaml`);
  let vcd = '';
  const records: TraceRecord[] = [];
  const sink = new VcdTraceSink((c) => (vcd += c), vcdMachine(scenario));
  const reads = { record: (r: TraceRecord) => records.push(r), end: () => {} };
  const result = buildMachine(scenario, { durationFs, tracer: new Tracer([sink, reads]) }).run();
  return { signals: parseVcd(vcd), records, result };
}

describe('VCD signals of a run', () => {
  const { signals, records, result } = run('itc-jitter-smp', 200_000_000_000n);

  it("a reader's winning cmpxchg shows in last_cycle: the ITC value that CPU read", () => {
    const lastCycle = signals.get('interpolator.last_cycle')!;
    let checked = 0;
    for (let cpu = 0; cpu < 4; cpu++) {
      const ok = signals.get(`cpu${cpu}.cmpxchg_ok`)!.filter(([, v]) => v === 1n);
      const itc = signals.get(`itc.counter_cpu${cpu}`)!;
      for (const [ps] of ok) {
        const written = lastCycle.find(([t]) => t === ps);
        if (written === undefined) continue;
        expect(written[1]).toBe(before(itc, ps + 1n));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('in_syscall is 1 from each read call to its end', () => {
    const reads = records.filter((r) => r.type === 'read' && r.cpu === 1);
    const inCall = signals.get('cpu1.in_syscall')!.slice(1);
    expect(reads.length).toBeGreaterThan(5);
    expect(inCall.filter(([, v]) => v === 1n).length).toBe(reads.length);
    for (const r of reads) {
      if (r.type !== 'read') continue;
      expect(inCall).toContainEqual([r.start / 1000n, 1n]);
      expect(inCall).toContainEqual([r.t / 1000n, 0n]);
    }
    expect(result.verdict.reads).toBeGreaterThan(0);
  });
});

describe('stalled', () => {
  it('rises within each stall and falls with the read that ends it', () => {
    const { signals, records, result } = run('livelock-2.6.13-unfair', 1_000_000_000_000n);
    const stalls = records.filter((r) => r.type === 'stall');
    expect(stalls.length).toBeGreaterThan(0);
    for (const s of stalls) {
      if (s.type !== 'stall') continue;
      const wire = signals.get(`cpu${s.cpu}.stalled`)!;
      const rises = wire.filter(([t, v]) => v === 1n && t >= s.fromFs / 1000n && t <= s.t / 1000n);
      expect(rises.length).toBeGreaterThan(0);
      // ended by a read of another value (not by the end of the run): down at that read's end
      if (s.t !== result.endFs) expect(before(wire, s.t / 1000n + 1n)).toBe(0n);
    }
  });
});
