// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect } from 'vitest';
import { buildMachine } from '../../../emu/machine/machine.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { fc, test } from '../../property-test.js';

/** A source: its device line and its interpolator entry. */
const SOURCES = {
  hpet: ['{ type: hpet, name: src, counter_bits: 64 }', '{ driver: hpet, device: src }'],
  hpet32: ['{ type: hpet, name: src, counter_bits: 32 }', '{ driver: hpet, device: src }'],
  cyclone: [
    '{ type: mmio-counter, name: src, preset: cyclone, base: 0xfed051d0 }',
    '{ driver: cyclone, device: src }',
  ],
  sn2: [
    '{ type: mmio-counter, name: src, preset: sn2-rtc, base: 0x80000000 }',
    '{ driver: sn2-rtc, device: src }',
  ],
  pm: [
    '{ type: acpi-pm, name: src, glitch: piix4 }',
    '{ driver: custom, device: src, source: mmio32, shift: 22, mask: 0xffffff, jitter: 1 }',
  ],
  pmfn: [
    '{ type: acpi-pm, name: src }',
    '{ driver: custom, device: src, source: function, shift: 22, mask: 0xffffff }',
  ],
} as const;

const EVENTS = [
  '{ at: 1ms, settimeofday: 100s }',
  '{ at: 1ms, adjtime: -3ms }',
  '{ at: 500us, irq_off: { cpu: 0, for: 1ms } }',
  '{ at: 700us, jump: { device: itc, cpu: 0, by_cycles: -5000 } }',
  '{ at: 800us, set_drift: { device: src, ppm: 300 } }',
  '{ at: 1200us, unregister: src }',
  '{ at: 300us, register: { driver: itc, device: itc } }',
  '{ at: 900us, leap: insert }',
];

const scenarioArb = fc.record({
  cpus: fc.integer({ min: 1, max: 4 }),
  source: fc.constantFrom(...(Object.keys(SOURCES) as (keyof typeof SOURCES)[])),
  itcToo: fc.boolean(),
  nojitter: fc.boolean(),
  tick: fc.constantFrom('itc', 'ideal', 'src.timer0'),
  hz: fc.constantFrom(100, 250, 1000, 1024),
  revision: fc.constantFrom('2.6.18', '2.6.13'),
  call: fc.constantFrom(
    'getnstimeofday',
    'gettimeofday',
    'clock_gettime_realtime',
    'clock_gettime_monotonic',
  ),
  interval: fc.constantFrom('0', '{ exponential: 5us }', '{ uniform: [1us, 20us] }'),
  latency: fc.constantFrom('0', '{ uniform: [0, 30us] }'),
  offsets: fc.constantFrom('0', '{ uniform: [-2000, 2000] }'),
  events: fc.subarray(EVENTS, { maxLength: 3 }),
  seed: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
});

type Drawn = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function yamlOf(s: Drawn): string {
  const [device, entry] = SOURCES[s.source];
  const isHpet = s.source === 'hpet' || s.source === 'hpet32';
  const tick = s.tick === 'src.timer0' && !isHpet ? 'ideal' : s.tick;
  const interpolators: string[] = [entry];
  if (s.itcToo) interpolators.push(`{ driver: itc, device: itc, nojitter: ${s.nojitter} }`);
  // registering the ITC's interpolator while it is on the list is refused by the loader
  // (docs/scenario.md, "Registering and unregistering")
  const events = s.itcToo ? s.events.filter((e) => !e.includes('register: {')) : s.events;
  return `
name: random
duration: 2ms
seed: "${s.seed}"
kernel: { hz: ${s.hz}, revision: "${s.revision}" }
machine: { cpus: ${s.cpus} }
devices:
  - ${device}
  - { type: itc, name: itc, frequency: 1.5GHz, offsets_cycles: ${s.offsets} }
interpolators:
${interpolators.map((i) => `  - ${i}`).join('\n')}
tick: { source: ${tick}, latency: ${s.latency} }
workload:
  - { cpus: all, call: ${s.call}, interval: ${s.interval} }
events: [${events.join(', ')}]
`;
}

describe('random valid scenarios', () => {
  test.prop([scenarioArb], { numRuns: 12 })('run to the end without an emulator error', (s) => {
    const scenario = parseScenarioText(yamlOf(s), 'random.yaml');
    const r = buildMachine(scenario).run();
    expect(r.endFs).toBe(scenario.durationFs);
    expect(r.verdict.reads).toBe(r.readsPerCpu.reduce((a, b) => a + b, 0));
    // A switch of interpolator can make a reader in get_counter read the new one's addr with the
    // old one's source type (interpolator-switch.spec.ts): a bus error of the simulated machine.
    const switches = s.events.some((e) => e.includes('register'));
    if (!switches) expect(r.busErrors).toBe(0);
  });
});
