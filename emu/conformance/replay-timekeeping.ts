// SPDX-License-Identifier: GPL-2.0-only
/**
 * Replays one timekeeping case (docs/conformance.md, "Timekeeping cases") against the 2.6.18
 * tick and read paths with the sequential executor: one CPU, scripted hardware reads, every expect
 * field compared after every step, and each step must consume exactly its reads.
 */
import { z } from 'zod';
import { time_init } from '../../interpolator/arch/ia64/kernel/time/init.js';
import { tick_from_source } from '../../interpolator/arch/ia64/kernel/time/timer-interrupt.js';
import {
  customInterpolator,
  register_custom_interpolator,
} from '../../interpolator/Documentation/time_interpolators.js';
import { STA_DEL, STA_INS } from '../../interpolator/include/linux/constants.js';
import type { TimeInterpolator } from '../../interpolator/include/linux/timex.js';
import { do_adjtimex_singleshot } from '../../interpolator/kernel/time/adjtimex.js';
import {
  do_gettimeofday,
  do_settimeofday,
  getnstimeofday,
} from '../../interpolator/kernel/time/timeofday.js';
import { timekeeping_init } from '../../interpolator/kernel/timer/tick.js';
import {
  newTimekeepingKernel,
  type TimekeepingKernel,
} from '../../interpolator/kernel/timer/timekeeping-state.js';
import type { KernelCode } from '../../interpolator/ops.js';
import { runSequential, scriptedReads } from '../../interpolator/sequential.js';
import { type CaseLocation, type CaseResult, type Mismatch, renderValue } from './types.js';
import { renderPath } from './vectors.js';

const DECIMAL = /^-?(0|[1-9][0-9]*)$/;
const decimal = (min: bigint, max: bigint, what: string) =>
  z
    .string()
    .regex(DECIMAL, 'expected a decimal integer string')
    .transform((s) => BigInt(s))
    .refine((v) => v >= min && v <= max, `expected ${what}`);
const u64 = decimal(0n, (1n << 64n) - 1n, 'an unsigned 64-bit integer');
const s64 = decimal(-(1n << 63n), (1n << 63n) - 1n, 'a signed 64-bit integer');
const text = z.string().regex(DECIMAL, 'expected a decimal integer string');
const pair = z.tuple([text, text]);
const int = z.number().int();

/** Expected values stay as text: they are compared with the port's values rendered the same way. */
const expect = z.strictObject({
  ret: pair.optional(),
  xtime: pair.optional(),
  wall_to_monotonic: pair.optional(),
  jiffies: text.optional(),
  clock: z
    .strictObject({
      mult: text.optional(),
      xtime_interval: text.optional(),
      xtime_nsec: text.optional(),
      error: text.optional(),
    })
    .optional(),
  ntp: z
    .strictObject({
      time_adjust: text.optional(),
      time_next_adjust: text.optional(),
      time_state: int.optional(),
      time_status: int.optional(),
      time_adj: text.optional(),
      // absent from the recorded 2.6.18 vectors; compared when a case gives them
      time_maxerror: text.optional(),
      time_esterror: text.optional(),
    })
    .optional(),
  clock_was_set: int.nonnegative().optional(),
  interpolator: z
    .strictObject({
      nsec_per_cyc: text.optional(),
      offset: text.optional(),
      last_counter: text.optional(),
      last_cycle: text.optional(),
      skips: text.optional(),
      ns_skipped: text.optional(),
    })
    .optional(),
  fault: z.enum(['BUG', 'OOPS']).optional(),
});

const reads = z.array(u64).default([]);
const step = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('init'), wall_sec: s64, wall_nsec: s64, reads, expect }),
  z.strictObject({
    op: z.literal('register'),
    source: z.union([
      z.enum(['cpu', 'mmio64', 'mmio32', 'function']),
      int
        .min(0)
        .max(0xffff)
        .transform((n) => BigInt(n)),
    ]),
    shift: int.min(0).max(255),
    jitter: int.min(0).max(255),
    mask: u64,
    frequency: u64,
    drift: s64,
    addr: u64.optional(),
    reads,
    expect,
  }),
  z.strictObject({
    op: z.literal('leap'),
    value: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
    reads,
    expect,
  }),
  z.strictObject({ op: z.literal('adjtime'), usec: s64, reads, expect }),
  z.strictObject({ op: z.literal('tick'), reads, expect }),
  z.strictObject({ op: z.literal('getnstimeofday'), reads, expect }),
  z.strictObject({ op: z.literal('gettimeofday'), reads, expect }),
  z.strictObject({ op: z.literal('settimeofday'), sec: s64, nsec: s64, reads, expect }),
]);
type Step = z.infer<typeof step>;
type Expect = z.infer<typeof expect>;

/** A timekeeping case: the schema the loader can use to reject invalid input up front. */
export const timekeepingCase = z.strictObject({
  id: z.string().min(1),
  kernel: z.enum(['2.6.18', '2.6.13']).default('2.6.18'),
  hz: int.min(12).max(1535),
  steps: z.array(step).min(1, 'a case without steps checks nothing'),
});
export type TimekeepingCase = z.infer<typeof timekeepingCase>;

/** What the kernel state looks like, in the shape and rendering of `expect`. */
function observe(k: TimekeepingKernel, ti: TimeInterpolator | null, clockWasSet: bigint) {
  const n = k.ntp;
  const c = k.clock;
  return {
    xtime: [k.xtime.tv_sec, k.xtime.tv_nsec],
    wall_to_monotonic: [k.wall_to_monotonic.tv_sec, k.wall_to_monotonic.tv_nsec],
    jiffies: k.jiffies.jiffies,
    clock: {
      mult: c.mult,
      xtime_interval: c.xtime_interval,
      xtime_nsec: c.xtime_nsec,
      error: c.error,
    },
    ntp: {
      time_adjust: n.time_adjust,
      time_next_adjust: n.time_next_adjust,
      time_state: n.time_state,
      time_status: n.time_status,
      time_adj: n.time_adj,
      time_maxerror: n.time_maxerror,
      time_esterror: n.time_esterror,
    },
    clock_was_set: clockWasSet,
    interpolator:
      ti === null
        ? undefined
        : {
            nsec_per_cyc: ti.nsec_per_cyc,
            offset: ti.offset,
            last_counter: ti.last_counter,
            last_cycle: ti.last_cycle,
            skips: ti.skips,
            ns_skipped: ti.ns_skipped,
          },
  };
}

/** Leaf by leaf: every field `expected` names must render equal in `actual`. */
function compare(
  expected: unknown,
  actual: unknown,
  field: string,
  report: (field: string, expected: unknown, actual: unknown) => void,
): void {
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) {
      report(field, expected, actual);
      return;
    }
    for (const [key, value] of Object.entries(expected)) {
      const sub = (actual as Record<string, unknown>)[key];
      compare(value, sub, field === '' ? key : `${field}.${key}`, report);
    }
    return;
  }
  if (renderValue(expected) !== renderValue(actual)) report(field, expected, actual);
}

/** Runs one step's kernel code; `ret` rendered as in `expect` (two decimal strings). */
function codeFor(
  k: TimekeepingKernel,
  s: Step,
  ti: { current: TimeInterpolator | null },
): KernelCode<bigint[]> | null {
  switch (s.op) {
    case 'init':
      return (function* () {
        yield* timekeeping_init(k);
        yield* time_init(k, { tv_sec: s.wall_sec, tv_nsec: s.wall_nsec });
        return [0n, 0n];
      })();
    case 'register': {
      const obj = customInterpolator({ ...s, shift: BigInt(s.shift), jitter: BigInt(s.jitter) });
      ti.current = obj;
      return (function* () {
        yield* register_custom_interpolator(k, obj);
        return [0n, 0n];
      })();
    }
    case 'leap': {
      const status = k.ntp.time_status;
      if (s.value === 1) k.ntp.time_status = status | STA_INS;
      else if (s.value === -1) k.ntp.time_status = status | STA_DEL;
      else k.ntp.time_status = status & ~(STA_INS | STA_DEL);
      return null;
    }
    case 'adjtime':
      return (function* () {
        yield* do_adjtimex_singleshot(k, s.usec);
        return [0n, 0n];
      })();
    case 'tick':
      return (function* () {
        yield* tick_from_source(k);
        return [0n, 0n];
      })();
    case 'getnstimeofday':
      return (function* () {
        const ts = yield* getnstimeofday(k);
        return [ts.tv_sec, ts.tv_nsec];
      })();
    case 'gettimeofday':
      return (function* () {
        const tv = yield* do_gettimeofday(k);
        return [tv.tv_sec, tv.tv_usec];
      })();
    case 'settimeofday':
      return (function* () {
        const rc = yield* do_settimeofday(k, { tv_sec: s.sec, tv_nsec: s.nsec });
        return [rc, 0n];
      })();
  }
}

export function replayTimekeepingCase(c: unknown, where: CaseLocation): CaseResult {
  const parsed = timekeepingCase.safeParse(c);
  if (!parsed.success) return invalidCase(c, where, parsed.error.issues[0]!);
  const tc = parsed.data;
  const k = newTimekeepingKernel({ hz: tc.hz, revision: tc.kernel });
  const ti: { current: TimeInterpolator | null } = { current: null };
  const mismatches: Mismatch[] = [];
  let steps = 0;
  for (const [stepIndex, s] of tc.steps.entries()) {
    steps++;
    const report = (field: string, expected: unknown, actual: unknown): void => {
      mismatches.push({
        caseId: tc.id,
        stepIndex,
        op: s.op,
        field,
        expected: renderValue(expected),
        actual: renderValue(actual),
      });
    };
    if (!replayStep(k, s, ti, report)) break;
  }
  return { caseId: tc.id, where, steps, mismatches };
}

/** The result of a case that does not parse: one mismatch naming the first problem. */
function invalidCase(
  c: unknown,
  where: CaseLocation,
  issue: { readonly path: readonly PropertyKey[]; readonly message: string },
): CaseResult {
  const caseId = String((c as { id?: unknown } | null)?.id ?? '?');
  const mismatch: Mismatch = {
    caseId,
    stepIndex: 0,
    op: 'case',
    field: renderPath(issue.path) || 'case',
    expected: 'a valid timekeeping case',
    actual: issue.message,
  };
  return { caseId, where, steps: 0, mismatches: [mismatch] };
}

type Report = (field: string, expected: unknown, actual: unknown) => void;

/** Replays one step and reports its mismatches; false if the case cannot go on. */
function replayStep(
  k: TimekeepingKernel,
  s: Step,
  ti: { current: TimeInterpolator | null },
  report: Report,
): boolean {
  const before = k.notify.clock_was_set;
  const code = codeFor(k, s, ti);
  let ret: bigint[] | undefined = [0n, 0n];
  let fault: string | undefined;
  if (code !== null) {
    const machine = scriptedReads(s.reads);
    try {
      const outcome = runSequential(code, machine);
      if (outcome.done) ret = outcome.value;
      else {
        ret = undefined;
        fault = outcome.fault.kind;
      }
    } catch (err) {
      report('completion', 'the call returns', (err as Error).message);
      return false;
    }
    if (machine.remaining() !== 0)
      report('reads', `${s.reads.length} reads`, `${s.reads.length - machine.remaining()} reads`);
  }
  const actual = { ret, fault, ...observe(k, ti.current, k.notify.clock_was_set - before) };
  const expected: Expect = s.expect;
  compare(expected, actual, '', report);
  if (expected.fault === undefined && fault !== undefined) report('fault', undefined, fault);
  if (expected.interpolator === undefined && ti.current !== null && expected.fault === undefined)
    report('interpolator', undefined, 'registered');
  return true;
}
