// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `--json` summary of real runs against its published schema (docs/schemas/run.schema.json),
 * with Ajv; and the exact-integer rule: a number up to 2^53 - 1, a decimal string beyond.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMachine } from '../../../emu/machine/machine.js';
import { checkExpectations } from '../../../emu/report/expectations.js';
import { exactInteger, runJson, type ScenarioReport } from '../../../emu/report/json.js';
import { loadScenario } from '../../../emu/scenario/load.js';
import { fc, test } from '../../property-test.js';

const schema = JSON.parse(readFileSync('docs/schemas/run.schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** Small bundled scenarios between them covering faults, tuning, stalls and backward steps. */
const BUNDLED = [
  'doc-example-no-mask',
  'unregister-last',
  'itc-nojitter-backwards',
  'settimeofday',
  'acpi-pm-glitch-jitter',
  'drift-tuning-fast',
];

function reportOf(name: string): ScenarioReport {
  const file = `scenarios/${name}.yaml`;
  const scenario = loadScenario(file);
  const result = buildMachine(scenario, { durationFs: 3_000_000_000_000n }).run();
  const expectations = checkExpectations(scenario.expect, result);
  return { file, hash: '0', result, expectations, passed: expectations.every((e) => e.pass) };
}

describe('run --json against docs/schemas/run.schema.json', () => {
  let reports: ScenarioReport[];
  beforeAll(() => {
    reports = BUNDLED.map(reportOf);
  });

  it('real runs of bundled scenarios validate', () => {
    const doc = JSON.parse(runJson(reports));
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(doc.version).toBe(2);
  });

  it('an interrupted run and a shard validate; a wrong field does not', () => {
    const shard = { index: 1, count: 2, runs: 3, positions: [0, 2] };
    expect(validate(JSON.parse(runJson(reports.slice(0, 2), false, shard)))).toBe(true);
    const doc = JSON.parse(runJson(reports.slice(0, 1)));
    doc.scenarios[0].reads = '12';
    expect(validate(doc)).toBe(false);
    doc.scenarios[0].reads = 12;
    doc.scenarios[0].durationFs = '3000';
    expect(validate(doc)).toBe(false);
  });

  it('figures are numbers, with the display strings beside them', () => {
    const doc = JSON.parse(runJson(reports));
    const s = doc.scenarios.find((x: { scenario: string }) => x.scenario === 'settimeofday');
    const reads = s.expectations.find((e: { key: string }) => e.key === 'reads');
    expect(typeof reads.measuredValue).toBe('number');
    expect(reads.measuredValue).toBe(s.reads);
    expect(reads.measured).toBe(String(s.reads));
    expect(typeof s.durationFs).toBe('number');
  });
});

describe('exactInteger', () => {
  it('switches to a string exactly above 2^53 - 1', () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(exactInteger(max)).toBe(Number.MAX_SAFE_INTEGER);
    expect(exactInteger(max + 1n)).toBe('9007199254740992');
    expect(exactInteger(-max - 1n)).toBe('-9007199254740992');
  });

  test.prop([fc.bigInt({ min: -(1n << 70n), max: 1n << 70n })])(
    'round-trips every integer exactly through JSON',
    (v) => {
      const back = JSON.parse(JSON.stringify({ v: exactInteger(v) })).v;
      expect(BigInt(back)).toBe(v);
    },
  );
});
