// SPDX-License-Identifier: GPL-2.0-only
/**
 * One piece of an oscillator's history: constant frequency from `startFs` to `endFs`, with the
 * phase (in cycles, exact) known at the start. The phase is held as integer coefficients over a
 * common denominator, so a counter read is one multiply, one add and one divide:
 *
 *   phase(t) = (base + mult·(t − startFs)) / den,  den = lcm(phase0.den, freq.den · 10^15)
 *
 * which is phase0 + freq·(t − startFs)/10^15 with freq in Hz and t in fs.
 */
import { gcd, type Rational, rational } from '../../emu/base/rational.js';
import { FS_PER_S, type TimeFs } from '../../emu/base/time.js';

/** The state a segment starts from: everything needed to regenerate it and its successors. */
export interface ClockState {
  readonly startFs: TimeFs;
  /** phase at startFs, in cycles, including every jump so far */
  readonly phase0: Rational;
  readonly driftPpm: Rational;
  readonly wanderPpm: Rational;
  /** wander steps taken; the next one happens at (wanderSteps + 1) × every */
  readonly wanderSteps: bigint;
  /** current temperature step; the next starts at step temperatureStep + 1 */
  readonly temperatureStep: bigint;
}

export interface Segment {
  readonly state: ClockState;
  /** exclusive; null = this segment lasts for ever */
  readonly endFs: TimeFs | null;
  readonly freqHz: Rational;
  readonly den: bigint;
  readonly base: bigint;
  readonly mult: bigint;
}

const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
};

const ceilDiv = (a: bigint, b: bigint): bigint => -floorDiv(-a, b);

export function makeSegment(state: ClockState, freqHz: Rational, endFs: TimeFs | null): Segment {
  if (freqHz.num <= 0n) throw new RangeError('clock frequency must stay positive');
  const freqDen = freqHz.den * FS_PER_S;
  const p = state.phase0;
  const den = (p.den / gcd(p.den, freqDen)) * freqDen;
  return {
    state,
    endFs,
    freqHz,
    den,
    base: p.num * (den / p.den),
    mult: freqHz.num * (den / freqDen),
  };
}

export const contains = (s: Segment, t: TimeFs): boolean =>
  t >= s.state.startFs && (s.endFs === null || t < s.endFs);

/** floor(phase(t)): the count at t. */
export function countIn(s: Segment, t: TimeFs): bigint {
  const n = s.base + s.mult * (t - s.state.startFs);
  return n >= 0n ? n / s.den : floorDiv(n, s.den);
}

export const phaseIn = (s: Segment, t: TimeFs): Rational =>
  rational(s.base + s.mult * (t - s.state.startFs), s.den);

/** The first t >= fromFs inside the segment at which the count is >= value, or null. */
export function timeOfCountIn(s: Segment, value: bigint, fromFs: TimeFs): TimeFs | null {
  const from = fromFs > s.state.startFs ? fromFs : s.state.startFs;
  if (countIn(s, from) >= value) return from;
  // base + mult·(t − start) >= value·den  ⇔  t >= start + ceil((value·den − base) / mult)
  const t = s.state.startFs + ceilDiv(value * s.den - s.base, s.mult);
  return s.endFs === null || t < s.endFs ? t : null;
}
