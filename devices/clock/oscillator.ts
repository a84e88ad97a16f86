// SPDX-License-Identifier: GPL-2.0-only
/**
 * An oscillator whose count is a pure function of time: phase integrated exactly over
 * piecewise-constant frequency segments (docs/devices.md, "Clock model"). Frequency changes only at
 * scheduled instants: wander steps (k × every), temperature steps (64 per period), jumps, and
 * `setDrift` calls. Segments are generated lazily and deterministically from the seeded stream.
 *
 * Memory stays bounded: `retire(beforeFs)` drops segments that end at or before `beforeFs` (devices
 * call it from effectful accesses with `now − historyFs`). The count is a pure function of time for
 * every t >= `earliestFs`; earlier queries throw a RangeError (an emulator bug, not a device fault).
 * Only the oldest retained segment's start state and the pending changes are state (`snapshot`);
 * later segments are a memo, so `peek`-style queries never change the snapshot.
 */
import {
  add,
  cmp,
  gcd,
  mul,
  type Rational,
  rational,
  reduced,
  ZERO,
} from '../../emu/base/rational.js';
import type { Rng } from '../../emu/base/rng.js';
import type { TimeFs } from '../../emu/base/time.js';
import { TEMPERATURE_STEPS, temperaturePpm, temperatureStepStartFs } from './bhaskara.js';
import { type ClockConfig, clockIssues, inLowestTerms, staysPositive } from './config.js';
import { DrawStream } from './draw-stream.js';
import {
  type ClockState,
  contains,
  countIn,
  makeSegment,
  phaseIn,
  type Segment,
  timeOfCountIn,
} from './segment.js';

const MILLION = 1_000_000n;
const MAX_SEARCH_SEGMENTS = 256;

/** A change at an instant: a counter jump or a new constant drift. */
export interface ClockChange {
  readonly atFs: TimeFs;
  readonly byCycles?: bigint;
  readonly driftPpm?: Rational;
}

export interface OscillatorSnapshot {
  readonly version: 1;
  readonly anchor: ClockState;
  /** changes after the anchor's start, in application order */
  readonly changes: readonly ClockChange[];
  readonly jitterDraws: number;
}

export type CountSearch =
  | { readonly found: true; readonly atFs: TimeFs }
  /** not reached within the segments searched; search again from `searchedToFs` */
  | { readonly found: false; readonly searchedToFs: TimeFs };

export interface OscillatorOptions {
  readonly nominalHz: Rational;
  readonly clock?: ClockConfig;
  /** this oscillator's own stream (callers fork one per device / CPU) */
  readonly rng: Rng;
}

export class Oscillator {
  readonly nominalHz: Rational;
  private readonly clock: ClockConfig;
  private readonly wanderDraws: DrawStream<number>;
  private readonly jitterDraws: DrawStream<bigint> | null;
  private changes: ClockChange[];
  private segments: Segment[] = [];
  private hit = 0;
  private changeEpoch = 0;
  /** the temperature knob's offset for each step of its period, computed at first use */
  private readonly temperatureSteps: (Rational | undefined)[] = [];

  constructor(options: OscillatorOptions) {
    // every rational taken in is reduced, as the arithmetic on them expects (emu/base/rational.ts)
    const clock = inLowestTerms(options.clock ?? {});
    validateClock(options.nominalHz, clock);
    this.nominalHz = reduced(options.nominalHz);
    this.clock = clock;
    this.wanderDraws = new DrawStream(options.rng.fork('wander'), (r) => r.below(2));
    const jitter = clock.jitter;
    this.jitterDraws = jitter
      ? new DrawStream(options.rng.fork('jitter'), (r) => jitter.cycles.sample(r))
      : null;
    this.changes = [...(clock.jumps ?? [])]
      .map((j) => ({ atFs: j.atFs, byCycles: j.byCycles }))
      .sort((a, b) => (a.atFs < b.atFs ? -1 : a.atFs > b.atFs ? 1 : 0));
    const initial: ClockState = {
      startFs: 0n,
      phase0: ZERO,
      driftPpm: clock.driftPpm ?? ZERO,
      wanderPpm: clock.wander ? clampPpm(ZERO, clock.wander.minPpm, clock.wander.maxPpm) : ZERO,
      wanderSteps: 0n,
      temperatureStep: 0n,
    };
    this.segments = [this.segmentFrom(this.applyChangesAt(initial, 0n))];
  }

  /** The earliest time still queryable. */
  get earliestFs(): TimeFs {
    return this.segments[0]!.state.startFs;
  }

  /**
   * Moves whenever retained history is rewritten or dropped (a change inserted, a restore, a
   * retire that drops segments): a `segmentAt` result stays exact for its range while it holds.
   */
  get epoch(): number {
    return this.changeEpoch;
  }

  /** The constant-frequency segment containing t (for callers that cache its linear formula). */
  segmentAt(t: TimeFs): Segment {
    return this.findSegment(t);
  }

  /** floor(phase(t)): the count at t, jumps included. */
  countAt(t: TimeFs): bigint {
    // the common case, inlined: t inside the last segment used, phase non-negative
    const s = this.segments[this.hit]!;
    const start = s.state.startFs;
    if (t >= start && (s.endFs === null || t < s.endFs)) {
      const n = s.base + s.mult * (t - start);
      if (n >= 0n) return n / s.den;
    }
    return countIn(this.findSegment(t), t);
  }

  /** The exact phase at t, in cycles. */
  phaseAt(t: TimeFs): Rational {
    return phaseIn(this.findSegment(t), t);
  }

  frequencyAt(t: TimeFs): Rational {
    return this.findSegment(t).freqHz;
  }

  /** The first t >= fromFs at which the count is >= value (the pure inverse of `countAt`). */
  timeOfCount(value: bigint, fromFs: TimeFs): CountSearch {
    let i = this.indexOf(fromFs);
    for (let n = 0; n < MAX_SEARCH_SEGMENTS; n++) {
      const segment = this.segments[i]!;
      const t = timeOfCountIn(segment, value, fromFs);
      if (t !== null) return { found: true, atFs: t };
      i = this.ensureNext(i);
    }
    return { found: false, searchedToFs: this.segments[i]!.state.startFs };
  }

  /**
   * `timeOfCount` without the segment bound: walks as far as it takes. For callers outside the
   * event loop (tests, reports); devices arm a re-check event at `searchedToFs` instead.
   */
  timeOfCountUnbounded(value: bigint, fromFs: TimeFs): TimeFs {
    let from = fromFs;
    for (;;) {
      const found = this.timeOfCount(value, from);
      if (found.found) return found.atFs;
      from = found.searchedToFs;
    }
  }

  /** A draw of the read jitter (0 without the knob): added to a read, never stored. */
  jitter(): bigint {
    return this.jitterDraws === null ? 0n : this.jitterDraws.next();
  }

  /** A new constant drift from atFs on; the phase is continuous. */
  setDrift(driftPpm: Rational, atFs: TimeFs): void {
    if (!staysPositive(driftPpm, this.clock))
      throw new RangeError('setDrift: the frequency would not stay positive');
    this.insertChange({ atFs, driftPpm: reduced(driftPpm) });
  }

  /** A step of the counter by byCycles at atFs. */
  jump(byCycles: bigint, atFs: TimeFs): void {
    this.insertChange({ atFs, byCycles });
  }

  /** Forget history before beforeFs; queries before the new `earliestFs` then throw. */
  retire(beforeFs: TimeFs): void {
    let drop = 0;
    while (drop + 1 < this.segments.length) {
      const end = this.segments[drop]!.endFs;
      if (end === null || end > beforeFs) break;
      drop++;
    }
    if (drop === 0) return;
    this.segments.splice(0, drop);
    this.hit = 0;
    this.changeEpoch++;
    const start = this.earliestFs;
    this.changes = this.changes.filter((c) => c.atFs > start);
  }

  snapshot(): OscillatorSnapshot {
    return {
      version: 1,
      anchor: this.segments[0]!.state,
      changes: [...this.changes],
      jitterDraws: this.jitterDraws?.index ?? 0,
    };
  }

  restore(snapshot: OscillatorSnapshot): void {
    if (snapshot.version !== 1) throw new RangeError(`oscillator snapshot v${snapshot.version}`);
    this.changes = [...snapshot.changes];
    if (this.jitterDraws) this.jitterDraws.index = snapshot.jitterDraws;
    this.segments = [this.segmentFrom(snapshot.anchor)];
    this.hit = 0;
    this.changeEpoch++;
  }

  private findSegment(t: TimeFs): Segment {
    const hit = this.segments[this.hit]!;
    if (contains(hit, t)) return hit;
    return this.segments[this.indexOf(t)]!;
  }

  private indexOf(t: TimeFs): number {
    const segments = this.segments;
    if (t < segments[0]!.state.startFs) {
      throw new RangeError(
        `clock queried at ${t} fs, before its retained history (${this.earliestFs} fs)`,
      );
    }
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.state.startFs <= t) lo = mid;
      else hi = mid - 1;
    }
    let i = lo;
    while (!contains(segments[i]!, t)) i = this.ensureNext(i);
    this.hit = i;
    return i;
  }

  /** Index of the segment after segment i, generating it if needed. */
  private ensureNext(i: number): number {
    if (i + 1 < this.segments.length) return i + 1;
    const segment = this.segments[i]!;
    const end = segment.endFs;
    if (end === null) throw new RangeError('clock: no segment after an endless one');
    this.segments.push(this.segmentFrom(this.advance(segment, end)));
    return i + 1;
  }

  /** The state at boundary b, at the end of segment `from`. */
  private advance(from: Segment, b: TimeFs): ClockState {
    const clock = this.clock;
    let { wanderPpm, wanderSteps, temperatureStep } = from.state;
    const wander = clock.wander;
    if (wander && (wanderSteps + 1n) * wander.everyFs === b) {
      wanderSteps += 1n;
      this.wanderDraws.index = Number(wanderSteps - 1n);
      const up = this.wanderDraws.next() === 1;
      const stepped = add(
        wanderPpm,
        up ? wander.stepPpm : { num: -wander.stepPpm.num, den: wander.stepPpm.den },
      );
      wanderPpm = clampPpm(stepped, wander.minPpm, wander.maxPpm);
    }
    const temperature = clock.temperature;
    if (temperature && temperatureStepStartFs(temperature.periodFs, temperatureStep + 1n) === b) {
      temperatureStep += 1n;
    }
    const state: ClockState = {
      startFs: b,
      phase0: phaseIn(from, b),
      driftPpm: from.state.driftPpm,
      wanderPpm,
      wanderSteps,
      temperatureStep,
    };
    return this.applyChangesAt(state, b);
  }

  private applyChangesAt(state: ClockState, b: TimeFs): ClockState {
    let { phase0, driftPpm } = state;
    for (const change of this.changes) {
      if (change.atFs !== b) continue;
      if (change.byCycles !== undefined) phase0 = add(phase0, rational(change.byCycles));
      if (change.driftPpm !== undefined) driftPpm = change.driftPpm;
    }
    return { ...state, phase0, driftPpm };
  }

  private segmentFrom(state: ClockState): Segment {
    const clock = this.clock;
    const t = state.startFs;
    let end: bigint | null = null;
    const consider = (b: bigint): void => {
      if (b > t && (end === null || b < end)) end = b;
    };
    if (clock.wander) consider((state.wanderSteps + 1n) * clock.wander.everyFs);
    if (clock.temperature) {
      consider(temperatureStepStartFs(clock.temperature.periodFs, state.temperatureStep + 1n));
    }
    for (const change of this.changes) {
      if (change.atFs > t) {
        consider(change.atFs);
        break;
      }
    }
    let ppm = add(state.driftPpm, state.wanderPpm);
    if (clock.temperature) ppm = add(ppm, this.temperatureAt(state.temperatureStep));
    return makeSegment(state, mul(this.nominalHz, ppmFactor(ppm)), end);
  }

  /** The temperature knob's offset during `step` (the profile repeats every TEMPERATURE_STEPS). */
  private temperatureAt(step: bigint): Rational {
    const j = Number(step % TEMPERATURE_STEPS);
    const known = this.temperatureSteps[j];
    if (known !== undefined) return known;
    const ppm = temperaturePpm(this.clock.temperature!.amplitudePpm, step);
    this.temperatureSteps[j] = ppm;
    return ppm;
  }

  private insertChange(change: ClockChange): void {
    this.changeEpoch++;
    const at = change.atFs;
    const first = this.segments[0]!;
    if (at < first.state.startFs) {
      throw new RangeError(`clock change at ${at} fs, before its retained history`);
    }
    if (at === first.state.startFs) {
      // the anchor already started at this instant: fold the change into its start state
      const s = first.state;
      const state: ClockState = {
        ...s,
        phase0: change.byCycles !== undefined ? add(s.phase0, rational(change.byCycles)) : s.phase0,
        driftPpm: change.driftPpm ?? s.driftPpm,
      };
      this.segments = [this.segmentFrom(state)];
      this.hit = 0;
      return;
    }
    let k = this.changes.length;
    while (k > 0 && this.changes[k - 1]!.atFs > at) k--;
    this.changes.splice(k, 0, change);
    // keep segments starting before `at`; regenerate the one containing it (its end moves)
    // (a start state holds only changes at or before its start, so it is still exact)
    let i = this.segments.length - 1;
    while (this.segments[i]!.state.startFs >= at) i--;
    const state = this.segments[i]!.state;
    this.segments.length = i;
    this.segments.push(this.segmentFrom(state));
    this.hit = 0;
  }
}

/**
 * 1 + ppm/10^6 in lowest terms. With ppm = n/d in lowest terms, n + 10^6·d shares no factor with
 * d, so its gcd with 10^6·d is its gcd with 10^6: a remainder by a small number.
 */
function ppmFactor(ppm: Rational): Rational {
  const num = ppm.num + MILLION * ppm.den;
  const g = gcd(num, MILLION);
  return { num: num / g, den: (MILLION / g) * ppm.den };
}

function clampPpm(ppm: Rational, min: Rational, max: Rational): Rational {
  if (cmp(ppm, min) < 0) return min;
  if (cmp(ppm, max) > 0) return max;
  return ppm;
}

function validateClock(nominalHz: Rational, clock: ClockConfig): void {
  if (cmp(nominalHz, ZERO) <= 0) throw new RangeError('clock: nominal frequency must be positive');
  const first = clockIssues(clock)[0];
  if (first !== undefined) throw new RangeError(`clock.${first.path.join('.')}: ${first.message}`);
}

/** The nominal frequency of a period in fs: 10^15 / periodFs Hz. */
export const hzOfPeriodFs = (periodFs: bigint): Rational =>
  rational(1_000_000_000_000_000n, periodFs);
