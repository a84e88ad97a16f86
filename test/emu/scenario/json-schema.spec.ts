// SPDX-License-Identifier: GPL-2.0-only
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  SCHEMA_PATH,
  scenarioJsonSchema,
  scenarioJsonSchemaText,
} from '../../../emu/scenario/json-schema.js';

type Json = Record<string, unknown>;

describe('the JSON Schema for editors', () => {
  test(`${SCHEMA_PATH} is the generated schema (regenerate: see docs/scenario.md)`, () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  test('describes the input side: required keys, no unknown keys, all top-level keys', () => {
    const schema = scenarioJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual([
      'name',
      'duration',
      'machine',
      'devices',
      'interpolators',
      'workload',
    ]);
    expect(Object.keys(schema.properties as Json).sort()).toEqual(
      [
        'name',
        'description',
        'seed',
        'duration',
        'kernel',
        'machine',
        'devices',
        'interpolators',
        'tick',
        'workload',
        'events',
        'expect',
        'check',
      ].sort(),
    );
  });

  test('devices are a oneOf over the five types, each closed', () => {
    const devices = (scenarioJsonSchema().properties as Json).devices as Json;
    const options = ((devices.items as Json).oneOf as Json[]).map((o) => {
      expect(o.additionalProperties).toBe(false);
      return ((o.properties as Json).type as Json).const;
    });
    expect(options).toEqual(['hpet', 'itc', 'tsc', 'mmio-counter', 'acpi-pm']);
  });

  test('value syntaxes are named definitions with patterns', () => {
    const defs = scenarioJsonSchema().definitions as Record<string, Json>;
    expect(Object.keys(defs)).toEqual(
      expect.arrayContaining([
        'Duration',
        'Frequency',
        'Ppm',
        'U64',
        'I64',
        'DurationDistribution',
        'ClockModel',
        'InterpolatorEntry',
      ]),
    );
    const frequency = defs.Frequency as Json;
    const pattern = new RegExp(frequency.pattern as string);
    expect(pattern.test('14.31818MHz')).toBe(true);
    expect(pattern.test('14.31818')).toBe(false);
  });
});
