/**
 * The two standard machines of issue 6: 4 CPUs reading an HPET back to back, and 512 CPUs on ITCs
 * with jitter compensation. Figures: simulated reads and executed operations per wall second, and
 * for the 512-CPU machine the cmpxchg retries (failures) per read.
 */
import { buildMachine } from '../../emu/machine/machine.js';
import { parseScenarioText } from '../../emu/scenario/load.js';

const HPET_4 = `
name: bench-hpet-4
duration: 50ms
machine: { cpus: 4 }
devices:
  - { type: hpet, name: hpet0 }
  - { type: itc, name: itc, frequency: 1.5GHz }
interpolators: [{ driver: hpet, device: hpet0 }]
workload: [{ cpus: all, call: getnstimeofday, interval: 0 }]
`;

const ITC_512 = `
name: bench-itc-512
duration: 1ms
machine: { cpus: 512 }
devices: [{ type: itc, name: itc, frequency: 1.5GHz }]
interpolators: [{ driver: itc, device: itc }]
workload: [{ cpus: all, call: getnstimeofday, interval: 0 }]
`;

function measure(yaml: string) {
  const scenario = parseScenarioText(yaml, 'bench.yaml');
  const t0 = performance.now();
  const r = buildMachine(scenario).run();
  const wallS = (performance.now() - t0) / 1000;
  const k = r.verdict.kernel;
  return {
    simulatedMs: Number(r.endFs / 1_000_000_000_000n),
    wallSeconds: Number(wallS.toFixed(3)),
    reads: r.verdict.reads,
    operations: r.operations,
    schedulerEvents: r.events,
    readsPerWallSecond: Math.round(r.verdict.reads / wallS),
    operationsPerWallSecond: Math.round(r.operations / wallS),
    cmpxchgAttempts: k.cmpxchgAttempts,
    cmpxchgRetriesPerRead: Number((k.cmpxchgFailures / Math.max(1, r.verdict.reads)).toFixed(3)),
    maxGetCounterNs: Number(k.maxGetCounterFs / 1_000_000n),
  };
}

export async function bench(): Promise<Record<string, unknown>> {
  return { hpet4BackToBack: measure(HPET_4), itc512Jitter: measure(ITC_512) };
}
