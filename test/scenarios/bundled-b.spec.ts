// SPDX-License-Identifier: GPL-2.0-only
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledScenarioTests } from './bundled.js';
import { BUNDLED_A } from './bundled-a.names.js';

const B = [
  'drift-tuning-slow',
  'drift-tuning-fast',
  'leap-second',
  'leap-second-delete',
  'livelock-2.6.13',
  'livelock-2.6.18',
  'livelock-2.6.13-unfair',
  'livelock-2.6.18-unfair',
  'livelock-2.6.13-rr',
  'livelock-2.6.18-rr',
  'cyclone-40bit-wrap',
  'sn2-rtc-512cpus',
  'itc-jitter-512cpus',
  'itc-jitter-512cpus-numa',
  'acpi-pm-glitch-jitter',
  'hpet-period-ps-quirk',
  'itc-firmware-drift',
  'itc-one-crystal-wander',
];

describe('bundled scenarios (tuning, leap seconds, contention, wraps)', () => {
  bundledScenarioTests(B);
});

describe('the bundled library', () => {
  it('every scenario file is tested by one of the two lists', () => {
    const files = readdirSync(join(import.meta.dirname, '../../scenarios'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .sort();
    expect([...BUNDLED_A, ...B].sort()).toEqual(files);
  });
});
