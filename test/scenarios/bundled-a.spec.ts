// SPDX-License-Identifier: GPL-2.0-only
import { describe } from 'vitest';
import { bundledScenarioTests } from './bundled.js';
import { BUNDLED_A } from './bundled-a.names.js';

describe('bundled scenarios (faults, HPET, ITC)', () => {
  bundledScenarioTests(BUNDLED_A);
});
