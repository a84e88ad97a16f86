// SPDX-License-Identifier: GPL-2.0-only
/** What a descriptor's factory gets, for descriptor tests: a seeded stream and a stepped host. */
import type { DeviceNeeds } from '../../../devices/descriptor.js';
import { rational } from '../../../emu/base/rational.js';
import { createRng } from '../../../emu/base/rng.js';
import { SteppedHost } from './stepped-host.js';

export const needs = (cpus = 2, seed = 1n): DeviceNeeds => ({
  rng: createRng(seed),
  host: new SteppedHost(),
  cpus,
  cpuFrequencyHz: rational(1_500_000_000n),
});
