// SPDX-License-Identifier: GPL-2.0-only
/** The `tick` section and a reader group's `cpus` written back (docs/scenario.md). */
import { distValue, durationText } from './serialize-values.js';
import type { Scenario } from './types.js';

/** The tick section; `source` only where the loader's default resolution differs. */
export function tickEntry(s: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = s.tick.source;
  const counter = s.devices.find((d) => d.type === 'itc' || d.type === 'tsc');
  const byDefault = counter === undefined ? 'ideal' : 'itc';
  if (source.kind === 'hpet-timer') out.source = `${source.device}.timer${source.timer}`;
  else if (source.kind !== byDefault) out.source = source.kind;
  const latency = s.tick.latencyFs;
  if (!(latency.kind === 'constant' && latency.value === 0n)) {
    out.latency = distValue(latency, durationText);
  }
  return out;
}

/** `all`, a range `"a-b"` when consecutive, else the list. */
export function cpusValue(cpus: readonly number[], machineCpus: number): string | number[] {
  const first = cpus[0];
  const consecutive = cpus.every((c, i) => c === (first ?? 0) + i);
  if (consecutive && first === 0 && cpus.length === machineCpus) return 'all';
  if (consecutive && first !== undefined && cpus.length > 1)
    return `${first}-${first + cpus.length - 1}`;
  return [...cpus];
}
