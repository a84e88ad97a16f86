// SPDX-License-Identifier: GPL-2.0-only
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IDEAL_CLOCK } from '../../../devices/clock/clock-model.js';
import { rational } from '../../../emu/base/rational.js';
import { durationDist } from '../../../emu/base/values.js';
import { listCommand } from '../../../emu/cli/commands/list.js';
import type { CliIo } from '../../../emu/cli/io.js';
import { buildMachine } from '../../../emu/machine/machine.js';
import { ScenarioError } from '../../../emu/scenario/errors.js';
import { scenarioJsonSchemaText } from '../../../emu/scenario/json-schema.js';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { builtinRegistry } from '../../../emu/scenario/registry.js';
import { scenarioSchemaOf } from '../../../emu/scenario/schema.js';
import { Ticker, tickerDevice } from './test-ticker.device.js';

const us1 = durationDist.parse('1us');

/** Each built-in type's smallest entry and the defaults docs/scenario.md gives for it. */
const DOCUMENTED_DEFAULTS: readonly [string, Record<string, unknown>, Record<string, unknown>][] = [
  [
    'hpet',
    {},
    {
      periodFs: 69_841_279n,
      counterBits: 64,
      timers: 3,
      base: 0xfed00000n,
      readLatencyFs: us1,
      clock: IDEAL_CLOCK,
      quirks: {},
    },
  ],
  [
    'itc',
    {},
    {
      frequencyHz: rational(1_500_000_000n),
      offsetsCycles: { kind: 'drawn', cycles: { kind: 'constant', value: 0n } },
      clock: IDEAL_CLOCK,
    },
  ],
  ['tsc', {}, { frequencyHz: rational(2_600_000_000n), clock: IDEAL_CLOCK }],
  [
    'mmio-counter',
    { preset: 'cyclone' },
    {
      bits: 40,
      frequencyHz: rational(99_780_000n),
      base: 0xfeb00000n,
      readLatencyFs: us1,
      clock: IDEAL_CLOCK,
    },
  ],
  [
    'mmio-counter',
    { preset: 'sn2-rtc' },
    {
      bits: 55,
      frequencyHz: rational(1_000_000_000_000n, 30_000n),
      base: 0xfe000000n,
      readLatencyFs: durationDist.parse('0.5us'),
    },
  ],
  ['acpi-pm', {}, { bits: 24, readLatencyFs: us1, glitch: 'none', clock: IDEAL_CLOCK }],
];

describe('the built-in registry', () => {
  test('holds the five device types and six drivers, in the order list shows them', () => {
    const r = builtinRegistry();
    expect(r.devices().map((d) => d.type)).toEqual([
      'hpet',
      'itc',
      'tsc',
      'mmio-counter',
      'acpi-pm',
    ]);
    expect(r.drivers().map((d) => d.driver)).toEqual([
      'itc',
      'hpet',
      'cyclone',
      'sn2-rtc',
      'sparc64-tick',
      'custom',
    ]);
  });

  test.each(DOCUMENTED_DEFAULTS)(
    "%s's schema accepts %o and fills the documented defaults",
    (type, keys, defaults) => {
      const parsed = builtinRegistry()
        .device(type)
        .schema.parse({ type, name: 'd', ...keys });
      expect(parsed).toMatchObject({ type, name: 'd', ...defaults });
    },
  );

  test('every summary is one line', () => {
    for (const d of builtinRegistry().devices()) expect(d.summary).toMatch(/^[^\n]{10,100}$/);
  });

  test('is a fresh value each time: adding to one leaves the others alone', () => {
    const a = builtinRegistry();
    a.addDevice(tickerDevice);
    expect(a.devices()).toHaveLength(6);
    expect(builtinRegistry().devices()).toHaveLength(5);
  });

  test('shares its scenario schema with the other fresh ones until an entry is added to it', () => {
    const a = builtinRegistry();
    const b = builtinRegistry();
    expect(scenarioSchemaOf(a)).toBe(scenarioSchemaOf(b));
    a.addDevice(tickerDevice);
    expect(scenarioSchemaOf(a)).not.toBe(scenarioSchemaOf(b));
    // each checks with its own entries: the added type (and a reference to it) loads with a only
    expect(parseScenarioText(PLUGIN_SCENARIO, 'ticker.yaml', a).devices[0]!.type).toBe(
      'test-ticker',
    );
    expect(() => parseScenarioText(PLUGIN_SCENARIO, 'ticker.yaml', b)).toThrow(
      /unknown type "test-ticker"/,
    );
    expect(() => parseScenarioText(PLUGIN_SCENARIO, 'ticker.yaml', builtinRegistry())).toThrow(
      /unknown type "test-ticker"/,
    );
  });

  test('refuses a second descriptor of the same type', () => {
    const r = builtinRegistry();
    expect(() => r.addDevice({ ...tickerDevice, type: 'hpet' })).toThrow(/hpet is already/);
  });

  test("a custom source reads the types whose counter access fits, in the registry's order", () => {
    const r = builtinRegistry().addDevice(tickerDevice);
    const readers = (source: 'cpu' | 'mmio32' | 'function') =>
      r.fittingDeviceTypes({
        driver: 'custom',
        device: 'x',
        source,
        shift: 0,
        jitter: 0,
        mask: 0n,
        drift: 0n,
      }).types;
    expect(readers('cpu')).toEqual(['itc', 'tsc']);
    expect(readers('mmio32')).toEqual(['hpet', 'mmio-counter', 'acpi-pm', 'test-ticker']);
    expect(readers('function')).toHaveLength(6);
  });
});

const PLUGIN_SCENARIO = `
name: ticker
description: A device type from outside the built-in registry. It drives the clock.
duration: 20ms
seed: "7"
machine: { cpus: 2 }
devices:
  - { type: test-ticker, name: t0, frequency: 4MHz }
interpolators:
  - { driver: custom, device: t0, source: mmio32, shift: 12, mask: 0xffffffff }
workload:
  - { cpus: all, call: getnstimeofday, interval: 50us }
`;

describe('a device type added to a fresh registry in one place', () => {
  const registry = () => builtinRegistry().addDevice(tickerDevice);

  test('is unknown to the built-in registry', () => {
    expect(() => parseScenarioText(PLUGIN_SCENARIO, 'ticker.yaml')).toThrow(ScenarioError);
    expect(() => parseScenarioText(PLUGIN_SCENARIO, 'ticker.yaml')).toThrow(
      /unknown type "test-ticker"/,
    );
  });

  test('is accepted by the loader, with its defaults filled', () => {
    const s = parseScenarioText(PLUGIN_SCENARIO, 'ticker.yaml', registry());
    expect(s.devices).toEqual([
      { type: 'test-ticker', name: 't0', frequencyHz: rational(4_000_000n), base: 0xfe100000n },
    ]);
  });

  test('has its bus window and its limits checked at load', () => {
    const twoOnOneWindow = PLUGIN_SCENARIO.replace(
      '  - { type: test-ticker, name: t0, frequency: 4MHz }',
      '  - { type: test-ticker, name: t0 }\n  - { type: test-ticker, name: t1, base: "0xfe100002" }',
    ).replace('cpus: 2', 'cpus: 9');
    const messages = (() => {
      try {
        parseScenarioText(twoOnOneWindow, 'ticker.yaml', registry());
      } catch (err) {
        if (err instanceof ScenarioError) return err.issues.map((i) => `${i.path}: ${i.message}`);
      }
      return [];
    })();
    expect(messages).toEqual([
      'devices[0].name: t0 serves at most 8 CPUs',
      'devices[1].name: t1 serves at most 8 CPUs',
      'devices[1].base: 0xfe100002–0xfe100005 overlaps devices[0] at 0xfe100000–0xfe100003',
    ]);
  });

  test('is built by the machine, mapped on the bus and read by the interpolator', () => {
    const r = registry();
    const s = parseScenarioText(PLUGIN_SCENARIO, 'ticker.yaml', r);
    const machine = buildMachine(s, { registry: r });
    const result = machine.run();
    const built = machine.devices.byName.get('t0');
    expect(built?.device).toBeInstanceOf(Ticker);
    const ticker = built?.device as Ticker;
    expect(result.endFs).toBe(s.durationFs);
    expect(result.interpolatorAtEnd).toBe('t0');
    expect(result.verdict.reads).toBeGreaterThan(100);
    expect(result.verdict.monotonicity.monotonic).toBe(true);
    expect(result.busErrors).toBe(0);
    // every getnstimeofday reads the counter once through the bus
    expect(ticker.reads).toBeGreaterThanOrEqual(result.verdict.reads);
    expect(result.kernel.interpolator?.frequencyHz).toBe(4_000_000n);
  });

  test('is listed by list, and the scenarios using it load there', () => {
    const root = mkdtempSync(join(tmpdir(), 'registry-'));
    mkdirSync(join(root, 'scenarios'));
    writeFileSync(join(root, 'scenarios', 'ticker.yaml'), PLUGIN_SCENARIO);
    let stdout = '';
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: () => true },
      env: {},
    };
    expect(listCommand(io, root, registry())).toBe(0);
    expect(stdout).toContain('  ticker  A device type from outside the built-in registry.\n');
    expect(stdout).toMatch(
      /Device types:\n(.*\n){5} {2}test-ticker {3}a 32-bit MMIO up-counter that exists only in the tests\n/,
    );
  });

  test('is in the JSON Schema generated from that registry only', () => {
    expect(scenarioJsonSchemaText(registry())).toContain('"const": "test-ticker"');
    expect(scenarioJsonSchemaText()).not.toContain('test-ticker');
  });
});
