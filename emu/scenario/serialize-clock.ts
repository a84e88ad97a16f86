// SPDX-License-Identifier: GPL-2.0-only
/** A device's clock model back to its `clock` key (docs/scenario.md, "Clock model"). */
import type { ClockModel } from '../../devices/clock/clock-model.js';
import { distValue, durationText, intValue, ppmValue } from './serialize-values.js';

export function clockEntry(c: ClockModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (c.driftPpm.num !== 0n) out.drift_ppm = ppmValue(c.driftPpm);
  if (c.wander !== undefined) {
    out.wander = {
      step_ppm: ppmValue(c.wander.stepPpm),
      every: durationText(c.wander.everyFs),
      min_ppm: ppmValue(c.wander.minPpm),
      max_ppm: ppmValue(c.wander.maxPpm),
    };
  }
  if (c.temperature !== undefined) {
    out.temperature = {
      amplitude_ppm: ppmValue(c.temperature.amplitudePpm),
      period: durationText(c.temperature.periodFs),
    };
  }
  if (c.jumps.length > 0) {
    out.jumps = c.jumps.map((j) => ({ at: durationText(j.atFs), by_cycles: intValue(j.byCycles) }));
  }
  if (c.jitterCycles !== undefined) out.jitter = { cycles: distValue(c.jitterCycles, intValue) };
  return out;
}
