// SPDX-License-Identifier: GPL-2.0-only
/** Interpolator registrations and timed events back to their entries (docs/scenario.md). */
import { durationText, hexText, intValue, nsText, ppmValue } from './serialize-values.js';
import type { EventAction, InterpolatorConfig, ScenarioEvent } from './types.js';

type Entry = Record<string, unknown>;

/** An `interpolators` entry (or a `register` event's body). */
export function interpolatorEntry(i: InterpolatorConfig): Entry {
  switch (i.driver) {
    case 'custom':
      return {
        driver: i.driver,
        device: i.device,
        source: i.source,
        shift: i.shift,
        jitter: i.jitter,
        mask: hexText(i.mask),
        drift: intValue(i.drift),
        ...(i.frequencyHz === undefined ? {} : { frequency: `${i.frequencyHz}Hz` }),
      };
    case 'itc': {
      const f = i.firmware;
      const firmware: Entry = {
        ...(f.baseHz === undefined ? {} : { base_frequency: `${f.baseHz}Hz` }),
        base_drift_ppm: intValue(f.baseDriftPpm),
        ...(f.itcRatio === undefined
          ? {}
          : { itc_ratio: { num: intValue(f.itcRatio.num), den: intValue(f.itcRatio.den) } }),
        itc_drift: f.itcDriftFeature,
      };
      return { driver: i.driver, device: i.device, nojitter: i.nojitter, firmware };
    }
    default:
      return { driver: i.driver, device: i.device };
  }
}

const COUNTER_OP_KEYS = {
  write: 'write_counter',
  write_adjust: 'write_tsc_adjust',
  halt: 'halt',
  resume: 'resume',
} as const;

/** The action of an event as its one key and body. */
function actionEntry(a: EventAction): Entry {
  switch (a.kind) {
    case 'settimeofday':
      return { settimeofday: nsText(a.wallTimeNs) };
    case 'adjtime':
      return { adjtime: nsText(a.deltaNs) };
    case 'leap':
      return { leap: a.direction };
    case 'irq_off':
      return { irq_off: { cpu: a.cpu, for: durationText(a.forFs) } };
    case 'jump':
      return {
        jump: {
          device: a.device,
          ...(a.cpu === undefined ? {} : { cpu: a.cpu }),
          by_cycles: intValue(a.byCycles),
        },
      };
    case 'counter': {
      const body: Entry = { device: a.device, cpu: a.cpu };
      if (a.op === 'write' || a.op === 'write_adjust') body.value = intValue(a.value);
      return { [COUNTER_OP_KEYS[a.op]]: body };
    }
    case 'register':
      return { register: interpolatorEntry(a.interpolator) };
    case 'unregister':
      return { unregister: a.device };
    case 'set_drift':
      return {
        set_drift: {
          device: a.device,
          ...(a.cpu === undefined ? {} : { cpu: a.cpu }),
          ppm: ppmValue(a.ppm),
        },
      };
  }
}

export const eventEntry = (e: ScenarioEvent): Entry => ({
  at: durationText(e.atFs),
  ...actionEntry(e.action),
});
