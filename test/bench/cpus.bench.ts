// SPDX-License-Identifier: GPL-2.0-only
/**
 * Scale in CPUs (issue 16 item 6): the same HPET machine at 4, 4096 and 16 384 CPUs, each run long
 * enough for about 8 M operations, so that wall time per executed operation compares like with
 * like. Memory per CPU is the live heap plus array buffers after a forced collection, once the
 * machine is built and again at the end of the run, less the same figure at 4 CPUs.
 * `npm run -s bench -- cpus`.
 */
import { buildMachine } from '../../emu/machine/machine.js';
import { parseScenarioText } from '../../emu/scenario/load.js';
import { collector } from './standard-machines.bench.js';
import { machineCpus } from './standard-scenarios.js';

interface Point {
  readonly cpus: number;
  readonly simulated: string;
  readonly ops: number;
  readonly events: number;
  readonly wallS: number;
  readonly builtBytes: number;
  readonly endBytes: number;
}

const live = (gc: () => void): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function measure(cpus: number, simulated: string, gc: () => void): Point {
  const t0 = performance.now();
  const machine = buildMachine(parseScenarioText(machineCpus(cpus, simulated), 'bench.yaml'));
  const t1 = performance.now();
  const builtBytes = live(gc);
  const t2 = performance.now();
  const r = machine.run();
  const wallS = (t1 - t0 + performance.now() - t2) / 1000;
  return {
    cpus,
    simulated,
    ops: r.operations,
    events: r.events,
    wallS,
    builtBytes,
    endBytes: live(gc),
  };
}

const round = (x: number, digits = 0): number => Number(x.toFixed(digits));

/** Simulated durations: ≈ 8 M operations at 4 and 4096 CPUs; 16 384 CPUs take ≈ 0.7 ms to boot one after another. */
const POINTS: readonly [number, string][] = [
  [4, '2s'],
  [4096, '2ms'],
  [16_384, '1ms'],
];

export function bench(): Record<string, unknown> {
  const gc = collector();
  measure(4, '200ms', gc); // warm-up: the first run of a process tiers the hot code up
  const points = POINTS.map(([cpus, simulated]) => measure(cpus, simulated, gc));
  const base = points[0]!;
  const nsPerOp = (p: Point): number => (p.wallS * 1e9) / p.ops;
  const kibPerCpu = (p: Point, key: 'builtBytes' | 'endBytes'): number =>
    round((p[key] - base[key]) / (p.cpus - base.cpus) / 1024, 1);
  const out: Record<string, unknown> = {};
  for (const p of points) {
    out[`cpus_${p.cpus}`] = {
      simulated: p.simulated,
      ops: p.ops,
      scheduler_events_per_op: round(p.events / p.ops, 3),
      wall_s: round(p.wallS, 2),
      ns_per_op: round(nsPerOp(p), 1),
      cost_per_op_vs_4_cpus: round(nsPerOp(p) / nsPerOp(base), 2),
      live_mib_built: round(p.builtBytes / 2 ** 20, 1),
      live_mib_end: round(p.endBytes / 2 ** 20, 1),
      ...(p === base
        ? {}
        : {
            kib_per_cpu_built: kibPerCpu(p, 'builtBytes'),
            kib_per_cpu_end: kibPerCpu(p, 'endBytes'),
          }),
    };
  }
  return { ...out, target: { cost_per_op_4096_vs_4: 1.5 } };
}
