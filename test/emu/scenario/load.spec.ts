// SPDX-License-Identifier: GPL-2.0-only
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test, vi } from 'vitest';
import { FS_PER_MS, FS_PER_NS, FS_PER_S, FS_PER_US } from '../../../emu/base/time.js';
import { formatDurationFs } from '../../../emu/base/units.js';
import { ScenarioError } from '../../../emu/scenario/errors.js';
import { loadScenario, parseScenarioText } from '../../../emu/scenario/load.js';
import type { Scenario } from '../../../emu/scenario/types.js';

const VALID = 'test/fixtures/scenarios-valid';
const INVALID = 'test/fixtures/scenarios-invalid';

function errorOf(load: () => unknown): ScenarioError {
  try {
    load();
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

describe('the invalid corpus', () => {
  const files = readdirSync(INVALID)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

  test('has at least 25 files, each with its expected message', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const f of files) {
      expect(readdirSync(INVALID)).toContain(f.replace(/\.yaml$/, '.expected'));
    }
  });

  test.each(files)('%s fails with the exact located messages', (f) => {
    const file = `${INVALID}/${f}`;
    const expected = readFileSync(file.replace(/\.yaml$/, '.expected'), 'utf8').trimEnd();
    const err = errorOf(() => loadScenario(file));
    expect(err.message).toBe(expected);
    expect(err.message).not.toMatch(/\n\s+at |ZodError|"code":/);
    for (const line of err.message.split('\n')) {
      expect(line.startsWith(`${file}:`)).toBe(true);
    }
  });
});

describe('error reporting', () => {
  test('reports every issue, in file order, with line, column and path', () => {
    const err = errorOf(() => loadScenario(`${INVALID}/several-errors.yaml`));
    expect(err.issues.map((i) => [i.line, i.col, i.path])).toEqual([
      [2, 11, 'duration'],
      [3, 18, 'machine.cpus'],
      [5, 46, 'devices[0].counter_bits'],
      [7, 5, 'interpolators[0].device'],
      [9, 24, 'workload[0].call'],
    ]);
  });

  test('caps the errors shown at 20, then counts the rest', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `}{ ]${i}: [ "x`).join('\n');
    const err = errorOf(() => parseScenarioText(text, 'noise.yaml'));
    const lines = err.message.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines.slice(0, 20).every((l) => /^noise\.yaml:\d+:\d+: /.test(l))).toBe(true);
    expect(lines[20]).toMatch(/^… and \d+ more issues$/);
    expect(err.issues).toHaveLength(20);
    expect(err.omitted).toBe(Number(/(\d+) more/.exec(lines[20]!)![1]));
  });

  test('a 100 000-digit duration is one located error that does not echo the digits', () => {
    const text = `name: x\nduration: 1${'0'.repeat(100_000)}s\nmachine: { cpus: 1 }\ndevices: []\ninterpolators: []\nworkload: []\n`;
    const err = errorOf(() => parseScenarioText(text, 'long.yaml'));
    expect(err.message).toBe(
      'long.yaml:2:11 duration: must be at most 36525d (100 years), the longest time a scenario may give (docs/cli.md, "Limits")',
    );
  });

  test('a thousand levels of nesting are one located error, not a stack overflow', () => {
    for (const [open, close] of [
      ['[', ']'],
      ['{a: ', '}'],
    ] as const) {
      const text = `name: x\nduration: 1s\nmachine: ${open.repeat(1000)}${close.repeat(1000)}\n`;
      const err = errorOf(() => parseScenarioText(text, 'deep.yaml'));
      expect(err.message).toMatch(/^deep\.yaml:3:\d+: nested deeper than 64 mappings and lists/);
    }
  });

  test('an unreadable file names the file', () => {
    const err = errorOf(() => loadScenario(`${INVALID}/no-such-file.yaml`));
    expect(err.message).toBe(`${INVALID}/no-such-file.yaml: cannot read the file (ENOENT)`);
    expect(err.issues[0]!.line).toBeUndefined();
  });

  test('a missing key points at its parent mapping', () => {
    const text =
      'name: x\nduration: 1s\nmachine:\n  cpu_frequency: 1GHz\ndevices: []\ninterpolators: []\nworkload: []\n';
    expect(errorOf(() => parseScenarioText(text, 'm.yaml')).message).toBe(
      'm.yaml:4:3 machine.cpus: required key is missing',
    );
  });

  test('an unknown key points at the key and suggests the near one', () => {
    const text =
      'name: x\nduration: 1s\nmachine: { cpus: 1, cpu_frequncy: 1GHz }\ndevices: []\ninterpolators: []\nworkload: []\n';
    expect(errorOf(() => parseScenarioText(text, 'k.yaml')).message).toBe(
      'k.yaml:3:21 machine.cpu_frequncy: unknown key (did you mean cpu_frequency? allowed: cpus, cpu_frequency, costs, coherence)',
    );
  });

  test('a key that is a list, a mapping or binary data is an error at the key, with no warning on stderr', () => {
    const warned = vi.spyOn(process, 'emitWarning');
    try {
      for (const [text, message] of [
        [
          'name: x\nduration: 1s\n? [a, b]\n: 1\n',
          'c.yaml:3:3: a key is a name, not a list or a mapping: "[a, b]"',
        ],
        [
          'name: x\nmachine: { cpus: 1, {a: 1}: 2 }\n',
          'c.yaml:2:21: a key is a name, not a list or a mapping: "{a: 1}"',
        ],
        [
          'a: &m { b: 1 }\nmachine:\n  *m : 2\n',
          'c.yaml:3:3: a key is a name, not a list or a mapping: "*m"',
        ],
        ['name: x\n!!binary aGk=: 1\n', 'c.yaml:2:10: a key is a name, not binary data: "aGk="'],
      ] as const) {
        const err = errorOf(() => parseScenarioText(text, 'c.yaml'));
        expect(err.message).toBe(message);
      }
      expect(warned).not.toHaveBeenCalled();
    } finally {
      warned.mockRestore();
    }
  });

  test('an empty file is one error at 1:1', () => {
    expect(errorOf(() => parseScenarioText('', 'e.yaml')).message).toBe(
      'e.yaml:1:1: expected a mapping, got an empty value',
    );
  });

  test('two YAML documents in one file are an error', () => {
    const err = errorOf(() => parseScenarioText('name: a\n---\nname: b\n', 'two.yaml'));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]!.line).toBe(2);
  });

  test('an alias bomb is refused with a located error, not expanded', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const err = errorOf(() => parseScenarioText(lines.join('\n'), 'bomb.yaml'));
    expect(err.message).toMatch(/^bomb\.yaml:1:1: YAML: /);
  });

  test('a cross-section error shows even when another section is invalid', () => {
    const text = [
      'name: x',
      'duration: 1s',
      'machine: { cpus: 2 }',
      'devices: [{ type: hpet, name: h }]',
      'interpolators: [{ driver: hpet, device: g }]',
      'workload: [{ cpus: all, call: nap }]',
    ].join('\n');
    expect(errorOf(() => parseScenarioText(text, 'c.yaml')).message).toBe(
      [
        'c.yaml:5:41 interpolators[0].device: no device named "g" (devices: h)',
        'c.yaml:6:31 workload[0].call: expected one of getnstimeofday, gettimeofday, clock_gettime_realtime, clock_gettime_monotonic, got "nap"',
      ].join('\n'),
    );
  });
});

describe('valid scenarios', () => {
  test('the example of docs/scenario.md (hpet-basic) loads to exact values', () => {
    const s = loadScenario(`${VALID}/hpet-basic.yaml`);
    expect(s.name).toBe('hpet-basic');
    expect(s.seed).toBe(1n);
    expect(s.durationFs).toBe(2n * FS_PER_S);
    expect(s.kernel).toEqual({
      revision: '2.6.18',
      hz: 250,
      timekeeper: 0,
      bootWallTimeNs: 0n,
      initialJiffies: 2n ** 32n - 300n * 250n,
    });
    expect(s.machine).toEqual({
      cpus: 4,
      cpuFrequencyHz: { num: 1_500_000_000n, den: 1n },
      costs: {},
      coherence: { policy: 'fair' },
    });
    expect(s.devices[0]).toEqual({
      type: 'hpet',
      name: 'hpet0',
      periodFs: 69_841_279n,
      frequencyHz: { num: 1_000_000_000_000_000n, den: 69_841_279n },
      counterBits: 64,
      timers: 3,
      base: 0xfed00000n,
      readLatencyFs: { kind: 'constant', value: FS_PER_US },
      clock: { driftPpm: { num: 40n, den: 1n }, jumps: [] },
      quirks: {},
    });
    expect(s.interpolators).toEqual([{ driver: 'hpet', device: 'hpet0' }]);
    expect(s.tick).toEqual({
      source: { kind: 'itc', device: 'itc' },
      latencyFs: { kind: 'constant', value: 0n },
    });
    expect(s.workload).toEqual([
      {
        cpus: [0, 1, 2, 3],
        call: 'getnstimeofday',
        intervalFs: { kind: 'exponential', mean: 20n * FS_PER_US },
        startFs: 0n,
      },
    ]);
    expect(s.events).toEqual([]);
    expect(s.expect).toEqual({
      monotonic: true,
      maxErrorFs: { max: FS_PER_MS },
      faults: 'none',
      reads: { min: 1000n },
    });
    expect(s.warnings).toEqual([]);
  });

  test('every key of the format becomes its exact typed value', () => {
    const s: Scenario = loadScenario(`${VALID}/every-key.yaml`);
    expect(s.seed).toBe(0xdeadbeefcafef00dn);
    expect(s.durationFs).toBe(1_500n * FS_PER_MS);
    expect(s.kernel).toEqual({
      revision: '2.6.13',
      hz: 1024,
      timekeeper: 3,
      bootWallTimeNs: 1_000_000_000_500_000_000n,
      initialJiffies: 18_446_744_073_709_551_000n,
    });
    expect(s.machine.cpuFrequencyHz).toEqual({ num: 1_300_000_000n, den: 1n });
    expect(s.machine.costs).toEqual({ load: 3, cache_line_transfer: 0, syscall: 500 });
    const [hpet, itc, tsc, cyclone, rtc, ctr, pm] = s.devices;
    expect(hpet).toMatchObject({
      periodFs: 69_841_279n,
      frequencyHz: { num: 1_000_000_000_000_000n, den: 69_841_279n },
      counterBits: 32,
      timers: 4,
      base: 0xfed01000n,
      readLatencyFs: { kind: 'normal', mean: FS_PER_US, sd: 100n * FS_PER_NS },
      quirks: {
        periodInPs: true,
        split64BitRead: { gapFs: 100n * FS_PER_NS, order: 'high-low' },
        lateComparator: { maxTicks: 2n },
        valSet: 'two-writes',
      },
    });
    expect(hpet!.clock).toEqual({
      driftPpm: { num: -25n, den: 2n },
      wander: {
        stepPpm: { num: 1n, den: 1000n },
        everyFs: FS_PER_S,
        minPpm: { num: -5n, den: 1n },
        maxPpm: { num: 5n, den: 1n },
      },
      temperature: { amplitudePpm: { num: 2n, den: 1n }, periodFs: 3600n * FS_PER_S },
      jumps: [{ atFs: FS_PER_S, byCycles: -1000n }],
      jitterCycles: { kind: 'choice', values: [0n, 1n, 2n] },
    });
    expect(itc).toMatchObject({
      type: 'itc',
      frequencyHz: { num: 1_500_000_000n, den: 1n },
      offsetsCycles: { kind: 'per-cpu', cycles: [0n, 120n, -80n, 16n] },
      readCostCycles: 40,
    });
    expect(itc!.type === 'itc' && itc!.perCpuClock?.[3]?.driftPpm).toEqual({ num: 1n, den: 4n });
    expect(tsc).toMatchObject({
      offsetsCycles: { kind: 'drawn', cycles: { kind: 'uniform', min: -250n, max: 250n } },
      clock: { driftPpm: { num: 3n, den: 1n } },
    });
    expect(cyclone).toMatchObject({
      preset: 'cyclone',
      bits: 40,
      frequencyHz: { num: 99_780_000n, den: 1n },
    });
    expect(rtc).toMatchObject({
      preset: 'sn2-rtc',
      bits: 55,
      frequencyHz: { num: 100_000_000n, den: 3n },
      readLatencyFs: { kind: 'constant', value: 200n * FS_PER_NS },
    });
    expect(ctr).toMatchObject({ preset: null, bits: 48, base: 4096n });
    expect(pm).toMatchObject({
      bits: 32,
      glitch: 'piix4',
      piix4Value: 'mix',
      readLatencyFs: { kind: 'uniform', min: 500n * FS_PER_NS, max: 2_500n * FS_PER_NS },
    });
    expect(s.interpolators[0]).toEqual({
      driver: 'itc',
      device: 'itc',
      nojitter: true,
      firmware: {
        baseHz: 200_000_000n,
        baseDriftPpm: 60n,
        itcRatio: { num: 15n, den: 2n },
        itcDriftFeature: false,
      },
    });
    expect(s.interpolators[5]).toEqual({
      driver: 'custom',
      device: 'ctr',
      source: 'mmio32',
      shift: 16,
      jitter: 1,
      mask: 0xffffffffffffn,
      drift: -1n,
      frequencyHz: 25_000_000n,
    });
    expect(s.tick).toEqual({
      source: { kind: 'hpet-timer', device: 'hpet0', timer: 3 },
      latencyFs: { kind: 'exponential', mean: 2n * FS_PER_US },
    });
    expect(s.workload.map((g) => g.cpus)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(s.workload[0]).toMatchObject({ startFs: 10n * FS_PER_MS, count: 5000 });
    expect(s.events.map((e) => e.action)).toEqual([
      { kind: 'settimeofday', wallTimeNs: 2_000_000_000_000_000_000n },
      { kind: 'adjtime', deltaNs: -5_000_000n },
      { kind: 'adjtime', deltaNs: 1500n },
      { kind: 'leap', direction: 'insert' },
      { kind: 'irq_off', cpu: 3, forFs: 50n * FS_PER_MS },
      { kind: 'jump', device: 'itc', cpu: 2, byCycles: -256n },
      { kind: 'jump', device: 'hpet0', byCycles: 7n },
      {
        kind: 'register',
        interpolator: {
          driver: 'custom',
          device: 'pm0',
          source: 'function',
          shift: 10,
          jitter: 0,
          mask: 0n,
          drift: 0n,
        },
      },
      { kind: 'unregister', device: 'hpet0' },
      { kind: 'set_drift', device: 'tsc0', cpu: 1, ppm: { num: -1n, den: 2n } },
      { kind: 'set_drift', device: 'cyclone0', ppm: { num: 100n, den: 1n } },
      { kind: 'counter', op: 'write', device: 'tsc0', cpu: 0, value: 1000n },
      { kind: 'counter', op: 'write_adjust', device: 'tsc0', cpu: 1, value: -5n },
      { kind: 'counter', op: 'halt', device: 'tsc0', cpu: 2, value: 0n },
      { kind: 'counter', op: 'resume', device: 'tsc0', cpu: 2, value: 0n },
    ]);
    expect(s.events[0]!.atFs).toBe(100n * FS_PER_MS);
    expect(s.expect).toEqual({
      monotonic: false,
      maxBackwardStepFs: { min: FS_PER_NS },
      maxErrorFs: { max: 2n * FS_PER_MS },
      maxStallFs: { min: 0n, max: FS_PER_MS },
      skips: { max: 2n ** 64n - 1n },
      nsecPerCycChanges: { max: 3n },
      maxGetCounterTimeFs: { max: 10n * FS_PER_US },
      maxWriterGetCounterTimeFs: { max: FS_PER_MS },
      faults: ['BUG', 'OOPS'],
      interpolator: 'pm0',
      reads: { min: 1000n },
    });
  });

  test('defaults depend on the rest of the file', () => {
    const minimal = loadScenario(`${VALID}/minimal.yaml`);
    expect(minimal.tick.source).toEqual({ kind: 'ideal' });
    expect(minimal.description).toBe('');
    expect(minimal.expect).toEqual({});
    expect(minimal.devices[0]).toEqual({
      type: 'acpi-pm',
      name: 'pm',
      bits: 24,
      readLatencyFs: { kind: 'constant', value: FS_PER_US },
      glitch: 'none',
      piix4Value: 'random',
      clock: { driftPpm: { num: 0n, den: 1n }, jumps: [] },
    });
    const json = loadScenario(`${VALID}/itc-smp.json`);
    expect(json.kernel.initialJiffies).toBe(2n ** 32n - 300_000n);
    expect(json.interpolators).toEqual([
      {
        driver: 'itc',
        device: 'itc',
        nojitter: false,
        firmware: { baseDriftPpm: -1n, itcDriftFeature: false },
      },
    ]);
    expect(json.workload.map((g) => g.cpus)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
  });

  test('every valid fixture loads without warnings', () => {
    for (const f of readdirSync(VALID)) {
      expect(loadScenario(`${VALID}/${f}`).warnings, f).toEqual([]);
    }
  });
});

describe('lint warnings', () => {
  const base = [
    'name: lint',
    'duration: 1s',
    'machine: { cpus: 1 }',
    'devices: [{ type: hpet, name: h }]',
  ];

  test('a custom shift of 64 or more is located and does not stop loading', () => {
    const text = [
      ...base,
      'interpolators: [{ driver: custom, device: h, source: mmio64, shift: 64 }]',
      'workload: []',
    ].join('\n');
    const s = parseScenarioText(text, 'l.yaml');
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(/^l\.yaml:5:69 interpolators\[0\]\.shift: warning: shift 64 /);
  });

  test('a leap second the kernel would apply after the end of the run is reported', () => {
    const text = [
      ...base,
      'interpolators: []',
      'workload: []',
      'events: [{ at: 500ms, leap: insert }]',
    ].join('\n');
    // boot_wall_time 0: STA_INS set at 00:00:00.5, applied at the next midnight, 86 400 s on
    expect(parseScenarioText(text, 'l.yaml').warnings).toEqual([
      `l.yaml:7:29 events[0].leap: warning: the kernel inserts a leap second at 00:00:00 UTC, at ${formatDurationFs(86_400n * FS_PER_S)} in this run, which ends at 1s (a boot_wall_time just before midnight shows it)`,
    ]);
  });

  test('a leap second within the run is not reported, insertion or deletion', () => {
    const at = (kernel: string, event: string, duration: string) =>
      parseScenarioText(
        [
          'name: lint',
          `duration: ${duration}`,
          `kernel: { boot_wall_time: ${kernel} }`,
          'machine: { cpus: 1 }',
          'devices: [{ type: hpet, name: h }]',
          'interpolators: []',
          'workload: []',
          `events: [${event}]`,
        ].join('\n'),
        'l.yaml',
      ).warnings;
    // set at 23:59:51: TIME_INS from the overflow into 23:59:52, inserted at 00:00:00 (9 s on)
    expect(at('86390s', '{ at: 1s, leap: insert }', '10s')).toEqual([]);
    expect(at('86390s', '{ at: 1s, leap: insert }', '9999ms')).toHaveLength(1);
    // deleted at the overflow into 23:59:59 (8 s on)
    expect(at('86390s', '{ at: 1s, leap: delete }', '9s')).toEqual([]);
    expect(at('86390s', '{ at: 1s, leap: delete }', '8999ms')).toHaveLength(1);
    // set at 23:59:58.5: TIME_INS at 23:59:59, inserted at 00:00:00 (1.5 s on)
    expect(at('86398500ms', '{ at: 0s, leap: insert }', '2s')).toEqual([]);
    // set at 23:59:59.5: TIME_INS only at 00:00:00, so the next day's midnight
    expect(at('86399500ms', '{ at: 0s, leap: insert }', '10s')).toHaveLength(1);
    // after a settimeofday the wall time is not known here: no warning
    expect(at('0s', '{ at: 1ms, settimeofday: 5s }, { at: 2ms, leap: insert }', '1s')).toEqual([]);
  });

  test('an event after the end of the run is reported', () => {
    const text = [
      ...base,
      'interpolators: []',
      'workload: []',
      'events: [{ at: 2s, leap: delete }]',
    ].join('\n');
    expect(parseScenarioText(text, 'l.yaml').warnings).toEqual([
      'l.yaml:7:16 events[0].at: warning: the run ends at 1s, so this never happens',
    ]);
  });

  test('an ITC tick source slower than HZ/2 is reported: itm_delta would be 0', () => {
    const itc = (frequency: string, tick = '') =>
      parseScenarioText(
        [
          'name: lint',
          'duration: 1ms',
          'kernel: { hz: 250 }',
          'machine: { cpus: 1 }',
          `devices: [{ type: hpet, name: h }, { type: itc, name: itc, frequency: ${frequency} }]`,
          ...(tick === '' ? [] : [`tick: ${tick}`]),
          'interpolators: []',
          'workload: []',
        ].join('\n'),
        'l.yaml',
      ).warnings;
    expect(itc('124Hz')).toEqual([
      "l.yaml:5:71 devices[1].frequency: warning: the timer tick comes from this counter's ITM, and below HZ/2 (125 Hz) itm_delta = (frequency + HZ/2) / HZ is 0: timer_interrupt never leaves its catch-up loop, so the time keeper spins there with interrupts off for the whole run",
    ]);
    // (125 + 125) / 250 = 1 cycle per tick: slow, but it ticks
    expect(itc('125Hz')).toEqual([]);
    expect(itc('124Hz', '{ source: ideal }')).toEqual([]);
  });
});
