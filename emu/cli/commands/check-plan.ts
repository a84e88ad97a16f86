// SPDX-License-Identifier: GPL-2.0-only
/**
 * What `timer-emu check` does with one scenario file: the base (the file without its `check`
 * section, its `expect` block without `reads`, which counts what the case's size decides), the
 * dimensions and bounds to vary (the file's `check` section, `--vary` replacing its list), the
 * number of cases and the seed.
 */
import type fc from 'fast-check';
import { parse } from 'yaml';
import { FS_PER_NS } from '../../base/time.js';
import type { CheckConfig, Dimension } from '../../scenario/check.js';
import { expandDimensions, isDimension } from '../../scenario/check.js';
import type { Registry } from '../../scenario/registry.js';
import { defaultMaxCpus, type VaryOptions, variations } from '../../testing/arbitraries.js';
import { type BaseScenario, baseScenario, scenarioText } from '../../testing/scenario-file.js';
import type { Variation } from '../../testing/variation.js';
import { UsageError } from '../errors.js';
import type { LoadedScenario } from './run-inputs.js';

export interface CheckPlan {
  readonly file: string;
  readonly base: BaseScenario;
  readonly vary: readonly Dimension[];
  readonly varyOptions: VaryOptions;
  readonly arbitrary: fc.Arbitrary<Variation>;
  readonly runs: number;
  /** fast-check's seed (32 bits) */
  readonly seed: number;
  /** the properties: the keys of the file's `expect` block that check states */
  readonly properties: readonly string[];
}

export interface CheckCliOptions {
  readonly vary?: string;
  readonly runs?: number;
  readonly seed?: number;
}

/** Keys of `expect` that check leaves out: they count what each case's size decides. */
const SIZE_DEPENDENT = ['reads'];

export const DEFAULT_RUNS = 100;

/** `--vary cpus,jumps` or `--vary defaults,jumps`: dimension names, checked. */
export function parseVaryList(text: string): Dimension[] {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  for (const n of names)
    if (n !== 'defaults' && !isDimension(n))
      throw new UsageError(
        `--vary: no dimension ${n}; give defaults or any of cpus, workload, irq_off, hz, drift, duration, seed, wander, temperature, offsets, jitter, latency, jumps, clock_sets, leap`,
      );
  if (names.length === 0) throw new UsageError('--vary: name at least one dimension');
  return expandDimensions(names);
}

/** `--runs N`: 1 … 1 000 000. */
export function parseRuns(text: string): number {
  if (!/^[0-9]{1,7}$/.test(text.trim()) || Number(text) < 1 || Number(text) > 1_000_000)
    throw new UsageError(`--runs: ${text} is not a number of cases from 1 to 1000000`);
  return Number(text);
}

/** `--seed S` for check: fast-check's seed, 0 … 2^32 − 1. */
export function parseCheckSeed(text: string): number {
  if (!/^[0-9]{1,10}$/.test(text.trim()) || Number(text) > 0xffff_ffff)
    throw new UsageError(`--seed: ${text} is not an integer from 0 to 4294967295`);
  return Number(text);
}

function varyOptions(c: CheckConfig | undefined, vary: readonly Dimension[]): VaryOptions {
  const o: { -readonly [K in keyof VaryOptions]: VaryOptions[K] } = { vary };
  if (c?.maxCpus !== undefined) o.maxCpus = c.maxCpus;
  if (c?.driftPpm !== undefined) o.driftPpm = c.driftPpm;
  if (c?.minDurationFs !== undefined)
    o.minDurationUs = Math.max(1, Number(c.minDurationFs / (FS_PER_NS * 1000n)));
  return o;
}

/** The file's data as the base of the cases: no `check`, no size-dependent expectations. */
function baseData(text: string): Record<string, unknown> {
  const data = parse(text) as Record<string, unknown>;
  const { check: _, ...rest } = data;
  const expect = { ...((rest.expect as Record<string, unknown> | undefined) ?? {}) };
  for (const k of SIZE_DEPENDENT) delete expect[k];
  return { ...rest, expect };
}

export function planCheck(l: LoadedScenario, o: CheckCliOptions, registry?: Registry): CheckPlan {
  const data = baseData(l.text);
  const properties = Object.keys(data.expect as object);
  if (properties.length === 0)
    throw new UsageError(
      `${l.file}: no expect block to check (check states the file's expect keys, reads aside, as properties)`,
    );
  const base = baseScenario(scenarioText(data), l.file, registry);
  const c = l.scenario.check;
  const vary =
    o.vary === undefined ? (c?.vary ?? expandDimensions(['defaults'])) : parseVaryList(o.vary);
  const vo = varyOptions(c, vary);
  return {
    file: l.file,
    base,
    vary,
    varyOptions: vo,
    arbitrary: variations(base, vo),
    runs: o.runs ?? c?.runs ?? DEFAULT_RUNS,
    seed: o.seed ?? Number(l.scenario.seed & 0xffff_ffffn),
    properties,
  };
}

/** What was varied, for the summary: `cpus 1–4, workload, …`. */
export function variedText(p: CheckPlan): string {
  return p.vary
    .map((d) => {
      if (d === 'cpus') return `cpus 1–${p.varyOptions.maxCpus ?? defaultMaxCpus(p.base)}`;
      return d;
    })
    .join(', ');
}
