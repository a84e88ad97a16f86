import { describe } from 'vitest';
import { bundledScenarioTests } from './bundled.js';
import { BUNDLED_A } from './bundled-a.names.js';

describe('bundled scenarios (faults, HPET, ITC)', () => {
  bundledScenarioTests(BUNDLED_A);
});
