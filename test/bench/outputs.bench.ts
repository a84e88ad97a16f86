// SPDX-License-Identifier: GPL-2.0-only
/**
 * The cost of the outputs (issue #14's target): a run with `--trace` filtered to reads at most
 * 1.5× the run without, with `--vcd` at most 2×. Each variant runs the same scenario and seed,
 * alternated, best of three (the host is shared); the sinks write to a byte counter, so the
 * figures are the emulator's cost, not the disk's. `npm run -s bench -- outputs`.
 */
import { FS_PER_MS } from '../../emu/base/time.js';
import { vcdMachine } from '../../emu/cli/commands/run-vcd.js';
import { buildMachine } from '../../emu/machine/machine.js';
import { loadScenario } from '../../emu/scenario/load.js';
import { FilteredSink } from '../../emu/trace/filter.js';
import { JsonlWriter } from '../../emu/trace/jsonl.js';
import { Tracer, type TraceSink } from '../../emu/trace/tracer.js';
import { VcdTraceSink } from '../../emu/trace/vcd-sink.js';

const SCENARIO = 'scenarios/hpet-basic.yaml';
const DURATION_FS = 100n * FS_PER_MS;
const ROUNDS = 3;

type Variant = 'plain' | 'trace_reads' | 'vcd';

function runOnce(variant: Variant): { ms: number; bytes: number } {
  const scenario = loadScenario(SCENARIO);
  let bytes = 0;
  const count = (chunk: string) => {
    bytes += chunk.length;
  };
  const sinks: TraceSink[] = [];
  if (variant === 'trace_reads')
    sinks.push(new FilteredSink(new JsonlWriter(count), { kinds: new Set(['read']) }));
  if (variant === 'vcd') {
    sinks.push(new VcdTraceSink(count, vcdMachine(scenario)));
  }
  const t0 = performance.now();
  buildMachine(scenario, {
    durationFs: DURATION_FS,
    ...(sinks.length > 0 ? { tracer: new Tracer(sinks) } : {}),
  }).run();
  return { ms: performance.now() - t0, bytes };
}

export function bench(): Record<string, unknown> {
  const best: Record<Variant, number> = { plain: Infinity, trace_reads: Infinity, vcd: Infinity };
  const bytes: Record<Variant, number> = { plain: 0, trace_reads: 0, vcd: 0 };
  for (let round = 0; round < ROUNDS; round++)
    for (const v of ['plain', 'trace_reads', 'vcd'] as const) {
      const r = runOnce(v);
      best[v] = Math.min(best[v], r.ms);
      bytes[v] = r.bytes;
    }
  const ratio = (v: Variant) => Math.round((best[v] / best.plain) * 100) / 100;
  return {
    scenario: SCENARIO,
    simulatedMs: Number(DURATION_FS / FS_PER_MS),
    bestMs: best,
    bytes,
    traceReadsRatio: ratio('trace_reads'),
    traceReadsTarget: 1.5,
    vcdRatio: ratio('vcd'),
    vcdTarget: 2,
  };
}
