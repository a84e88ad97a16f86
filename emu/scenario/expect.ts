// SPDX-License-Identifier: GPL-2.0-only
/** The `expect` block: each key a PASS/FAIL line (docs/scenario.md, "expect"). */
import { z } from 'zod';
import { durationFs, obj, range, u64, unionError } from '../base/values.js';
import type { Expectations } from './types.js';

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
  const put = (key: string, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };
  put('monotonic', e.monotonic);
  put('maxBackwardStepFs', e.max_backward_step);
  put('maxErrorFs', e.max_error);
  put('maxStallFs', e.max_stall);
  put('skips', e.skips);
  put('nsecPerCycChanges', e.nsec_per_cyc_changes);
  put('maxGetCounterTimeFs', e.max_get_counter_time);
  put('maxWriterGetCounterTimeFs', e.max_writer_get_counter_time);
  put('faults', e.faults === undefined || e.faults === 'none' ? e.faults : [...new Set(e.faults)]);
  put('interpolator', e.interpolator);
  put('reads', e.reads);
  return out as Expectations;
});
