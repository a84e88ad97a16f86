// SPDX-License-Identifier: GPL-2.0-only
/** The `expect` block: each key a PASS/FAIL line (docs/scenario.md, "expect"). */
import { z } from 'zod';
import { durationFs, obj, range, u64, unionError } from '../base/values.js';
import type { Expectations, KernelFault } from './types.js';

/** How an expectation is written: a duration range, a count range, the faults, or as it is. */
export type ExpectationKind = 'time' | 'count' | 'faults' | 'plain';

/**
 * Each key of the `expect` block, in file order, with the `Expectations` field it fills and how
 * its value is written: the loader below and the serializer (serialize.ts) both read this list.
 */
export const EXPECTATION_KEYS = [
  { key: 'monotonic', field: 'monotonic', kind: 'plain' },
  { key: 'max_backward_step', field: 'maxBackwardStepFs', kind: 'time' },
  { key: 'max_error', field: 'maxErrorFs', kind: 'time' },
  { key: 'max_stall', field: 'maxStallFs', kind: 'time' },
  { key: 'skips', field: 'skips', kind: 'count' },
  { key: 'nsec_per_cyc_changes', field: 'nsecPerCycChanges', kind: 'count' },
  { key: 'max_get_counter_time', field: 'maxGetCounterTimeFs', kind: 'time' },
  { key: 'max_writer_get_counter_time', field: 'maxWriterGetCounterTimeFs', kind: 'time' },
  { key: 'faults', field: 'faults', kind: 'faults' },
  { key: 'interpolator', field: 'interpolator', kind: 'plain' },
  { key: 'reads', field: 'reads', kind: 'count' },
] as const satisfies readonly {
  key: string;
  field: keyof Expectations;
  kind: ExpectationKind;
}[];

const time = range(durationFs, '"1ms"');
const count = range(u64, '1000');

export const expect = obj(
  {
    monotonic: z.boolean().optional().describe('true: no backward step; false: at least one'),
    max_backward_step: time.optional(),
    max_error: time.optional().describe('largest |kernel time − true time|'),
    max_stall: time.optional(),
    skips: count.optional(),
    nsec_per_cyc_changes: count.optional(),
    max_get_counter_time: time.optional(),
    max_writer_get_counter_time: time.optional(),
    faults: z
      .union([z.literal('none'), z.array(z.enum(['BUG', 'OOPS'])).min(1)], {
        error: unionError('none or a list of BUG, OOPS'),
      })
      .optional(),
    interpolator: z.string().optional().describe('device whose interpolator is current at the end'),
    reads: count.optional().describe('completed reads'),
  },
  'the expected outcome; without it the run only reports',
).transform((e): Expectations => {
  const out: Record<string, unknown> = {};
  for (const { key, field, kind } of EXPECTATION_KEYS) {
    const value = e[key];
    // a fault listed twice is expected once
    if (value !== undefined)
      out[field] =
        kind === 'faults' && value !== 'none' ? [...new Set(value as KernelFault[])] : value;
  }
  return out as Expectations;
});
