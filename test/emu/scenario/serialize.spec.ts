// SPDX-License-Identifier: GPL-2.0-only
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../emu/scenario/load.js';
import { serializeScenario } from '../../../emu/scenario/serialize.js';
import type { Scenario } from '../../../emu/scenario/types.js';

const DIR = 'scenarios';
const bundled = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

/** `warnings` carry the file name and positions of the text, so they differ between two texts. */
const withoutWarnings = ({ warnings: _, ...rest }: Scenario) => rest;

describe('serializeScenario', () => {
  it.each(bundled)('%s loads back to the same scenario', (file) => {
    const loaded = parseScenarioText(readFileSync(join(DIR, file), 'utf8'), file);
    const text = serializeScenario(loaded);
    const again = parseScenarioText(text, `${file}.out`);
    expect(withoutWarnings(again)).toEqual(withoutWarnings(loaded));
  });
});
