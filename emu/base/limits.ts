// SPDX-License-Identifier: GPL-2.0-only
/**
 * The range of every quantity a scenario gives (docs/cli.md, "Limits"; docs/scenario.md,
 * "Limits"). The loader rejects a value outside its range with a located error, and the models
 * check the same predicates, so a value the loader accepts never fails in a device. Each range
 * keeps a run exact (times stay inside the scheduler's 2^85 fs) and its cost bounded.
 */
import { cmp, type Rational } from './rational.js';
import { FS_PER_S, FS_PER_US } from './time.js';

const DAY_FS = 86_400n * FS_PER_S;

/**
 * The longest time a scenario may write (any duration, instant or distribution bound): 100 Julian
 * years. A few of them added (an event's `at` plus an `irq_off.for`, a read's start plus many
 * exponential intervals of up to ~40 means) stay far below the scheduler's 2^85 fs (1.2 million
 * years).
 */
export const MAX_TIME_FS = 36_525n * DAY_FS;
export const MAX_TIME_TEXT = '36525d (100 years)';

/** Highest frequency of any counter or CPU clock: 100 GHz (a cycle at least every 10 ps). */
export const MAX_FREQUENCY_HZ = 100_000_000_000n;
export const MAX_FREQUENCY_TEXT = '100GHz';

/** Largest magnitude of any ppm knob (drift, wander bounds and step, temperature amplitude). */
export const MAX_PPM = 1_000_000n;

/** Most decimal places in a written number (durations, frequencies, ppm): keeps rationals small. */
export const MAX_DECIMALS = 18;

/** Shortest wander step and temperature step (a temperature period has 64 steps). */
export const MIN_CLOCK_STEP_FS = FS_PER_US;
export const MIN_CLOCK_STEP_TEXT = '1us';

/**
 * Most wander or temperature steps a clock may take in a run (duration / every, 64 × duration /
 * period): each step is a scheduled change of the frequency, kept until retired.
 */
export const MAX_CLOCK_STEPS_PER_RUN = 10_000_000n;

/** The C `time_t` of a 64-bit kernel (`long`): `tv_sec` of xtime and of do_settimeofday's timespec. */
export const TIME_T_MAX = (1n << 63n) - 1n;
/** The largest wall time in ns a `struct timespec` holds. */
export const MAX_WALL_TIME_NS = TIME_T_MAX * 1_000_000_000n + 999_999_999n;

/** Deepest nesting of mappings and lists in a scenario or conformance file. */
export const MAX_NESTING = 64;

/** Errors shown for one invalid input; the rest are counted. */
export const MAX_ERRORS_SHOWN = 20;

export const timeWithinLimit = (fs: bigint): boolean => fs <= MAX_TIME_FS && fs >= -MAX_TIME_FS;

export const frequencyWithinLimit = (hz: Rational): boolean =>
  cmp(hz, { num: MAX_FREQUENCY_HZ, den: 1n }) <= 0;

export const ppmWithinLimit = (ppm: Rational): boolean =>
  cmp(ppm, { num: MAX_PPM, den: 1n }) <= 0 && cmp(ppm, { num: -MAX_PPM, den: 1n }) >= 0;

/** Steps of `stepFs` each in `durationFs`, rounded up. */
export const stepsIn = (durationFs: bigint, stepFs: bigint): bigint =>
  (durationFs + stepFs - 1n) / stepFs;

/**
 * Longest line of a conformance vector file, in characters: a file is read one line at a time, so
 * this bounds the memory a replay holds (the bundled vectors' longest line is about 340 000).
 */
export const MAX_VECTOR_LINE_CHARS = 16 * 1024 * 1024;
