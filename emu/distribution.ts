/** A random (or constant) quantity drawn from a seeded stream: a time in fs or a count. */
import type { Rng } from './rng.js';

export interface Distribution {
  /** one draw; never negative for durations (normal draws are clamped at 0) */
  sample(rng: Rng): bigint;
  /** the mean, exact, for reports (rounded toward zero) */
  readonly mean: bigint;
}
