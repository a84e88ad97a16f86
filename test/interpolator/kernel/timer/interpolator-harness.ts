// SPDX-License-Identifier: GPL-2.0-only
/** Helpers for the interpolator core specs: objects in one line, ops recorded while running. */

import {
  type TimeInterpolator,
  zeroedTimeInterpolator,
} from '../../../../interpolator/include/linux/timex.js';
import { inlineCalls, type KernelCode, type Op } from '../../../../interpolator/ops.js';
import {
  runSequential,
  type SequentialOutcome,
  scriptedReads,
} from '../../../../interpolator/sequential.js';

export function interpolator(fields: Partial<TimeInterpolator>): TimeInterpolator {
  return { ...zeroedTimeInterpolator(), ...fields };
}

/** ITC 1.5 GHz, drift unknown (−1): the ia64 per-CPU counter (arch/ia64/kernel/time.c). */
export const itc = (): TimeInterpolator =>
  interpolator({
    source: 0n,
    shift: 16n,
    mask: (1n << 64n) - 1n,
    frequency: 1_500_000_000n,
    drift: -1n,
  });
/** HPET at 14.318180 MHz, drift 500 ppm (drivers/char/hpet.c). */
export const hpet = (): TimeInterpolator =>
  interpolator({
    source: 1n,
    shift: 10n,
    mask: (1n << 64n) - 1n,
    frequency: 14_318_180n,
    drift: 500n,
  });
/** IBM cyclone: 100 MHz, 40 bits, drift −100 (arch/ia64/kernel/cyclone.c). */
export const cyclone = (): TimeInterpolator =>
  interpolator({
    source: 1n,
    shift: 16n,
    mask: (1n << 40n) - 1n,
    frequency: 100_000_000n,
    drift: -100n,
  });

/** Passes every op through and records it. */
export function* recorded<R>(code: KernelCode<R>, log: Op[]): KernelCode<R> {
  const flat = inlineCalls(code);
  let sent: unknown;
  for (;;) {
    const step = flat.next(sent);
    if (step.done) return step.value;
    log.push(step.value);
    sent = yield step.value;
  }
}

/** Runs kernel code on scripted reads; fails the test if the reads are not consumed exactly. */
export function run<R>(code: KernelCode<R>, reads: readonly bigint[] = []): SequentialOutcome<R> {
  const machine = scriptedReads(reads);
  const outcome = runSequential(code, machine);
  if (machine.remaining() !== 0) throw new Error(`${machine.remaining()} scripted reads unused`);
  return outcome;
}

/** The value of kernel code that must complete. */
export function value<R>(code: KernelCode<R>, reads: readonly bigint[] = []): R {
  const outcome = run(code, reads);
  if (!outcome.done) throw new Error(`unexpected ${outcome.fault.kind} in ${outcome.fault.where}`);
  return outcome.value;
}
