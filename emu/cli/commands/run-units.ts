// SPDX-License-Identifier: GPL-2.0-only
/**
 * The runs of one invocation: every scenario file × every seed (`--seeds N`: the base seed and the
 * N − 1 after it), numbered in that order, file-major. `--shard K/N` keeps the runs whose number
 * is K − 1 modulo N, so N invocations with K = 1…N run each run exactly once, and `timer-emu merge`
 * puts their JSON documents back together by those numbers (docs/scale-out.md).
 */
import { UsageError } from '../errors.js';
import type { LoadedScenario } from './run-inputs.js';

/** One scenario run with one seed. */
export interface RunUnit {
  /** the position of this run in the unsharded invocation, from 0 */
  readonly position: number;
  readonly loaded: LoadedScenario;
  readonly seed: bigint;
}

/** `--shard K/N`: the K-th of N shards, K from 1. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The most shards and seeds one invocation may name (a bound on the work, docs/cli.md). */
export const MAX_SHARDS = 1_000_000;
export const MAX_SEEDS = 1_000_000;

const SEED_LIMIT = 1n << 64n;

export function parseShard(text: string): Shard {
  const m = /^([0-9]{1,7})\/([0-9]{1,7})$/.exec(text.trim());
  if (m === null)
    throw new UsageError(`--shard: ${text} is not K/N (the K-th of N shards, 1 ≤ K ≤ N)`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS)
    throw new UsageError(`--shard: N must be from 1 to ${MAX_SHARDS}, not ${count}`);
  if (index < 1 || index > count)
    throw new UsageError(`--shard: K must be from 1 to N (${count}), not ${index}`);
  return { index, count };
}

export function parseSeeds(text: string): number {
  if (!/^[0-9]{1,7}$/.test(text.trim()))
    throw new UsageError(`--seeds: ${text} is not a count of seeds from 1 to ${MAX_SEEDS}`);
  const n = Number(text);
  if (n < 1 || n > MAX_SEEDS)
    throw new UsageError(`--seeds: give from 1 to ${MAX_SEEDS} seeds, not ${n}`);
  return n;
}

/**
 * Every run of the invocation, in order: per file, the seeds from `seed` (or the scenario's own)
 * upwards, wrapping below 2^64.
 */
export function expandUnits(
  loaded: readonly LoadedScenario[],
  seed: bigint | undefined,
  seeds: number,
): RunUnit[] {
  const units: RunUnit[] = [];
  for (const l of loaded) {
    const base = seed ?? l.scenario.seed;
    for (let k = 0; k < seeds; k++)
      units.push({ position: units.length, loaded: l, seed: (base + BigInt(k)) % SEED_LIMIT });
  }
  return units;
}

/** The runs of shard K/N: those whose position is K − 1 modulo N. */
export function selectShard(units: readonly RunUnit[], shard: Shard | null): RunUnit[] {
  if (shard === null) return [...units];
  return units.filter((u) => u.position % shard.count === shard.index - 1);
}
