// SPDX-License-Identifier: GPL-2.0-only
/**
 * Replays one interpolator case (docs/conformance.md) against the core with the sequential
 * executor: scripted hardware reads, `interfere` stored into `last_cycle` before each cmpxchg
 * on it, and every expect field compared.
 */

import {
  type InterpolatorKernel,
  newInterpolatorKernel,
  type TimeInterpolator,
  zeroedTimeInterpolator,
} from '../../interpolator/include/linux/timex.js';
import {
  register_time_interpolator,
  time_interpolator_get_offset,
  time_interpolator_reset,
  time_interpolator_update,
  unregister_time_interpolator,
} from '../../interpolator/kernel/timer/interpolator.js';
import type { CmpxchgOp, KernelCode } from '../../interpolator/ops.js';
import { runSequential, scriptedReads } from '../../interpolator/sequential.js';
import { type CaseLocation, type CaseResult, type Mismatch, renderValue } from './types.js';
import type { Expect, ExpectedState, InterpolatorCase, Step } from './vectors.js';

type CallStep = Exclude<Step, { op: 'tick_nsec' } | { op: 'jiffies' }>;

/** What one call did, in the terms of `expect`. */
interface CallOutcome {
  ret?: bigint;
  fault?: 'BUG' | 'OOPS';
  cmpxchg: number;
  cmpxchg_failed: number;
  readsUsed: number;
  /** set when the call could not complete (too many reads, endless loop): the case stops */
  aborted?: string;
}

const STATE_FIELDS = [
  'nsec_per_cyc',
  'offset',
  'last_counter',
  'last_cycle',
  'skips',
  'ns_skipped',
] as const satisfies readonly (keyof ExpectedState & keyof TimeInterpolator)[];

/** A `void` call as the vectors see it: `ret` is 0. */
function* returnsZero(code: KernelCode<void>): KernelCode<bigint> {
  yield* code;
  return 0n;
}

class CaseReplay {
  readonly k: InterpolatorKernel;
  /** interpolator objects by number, created zeroed when a step first names them */
  readonly objects = new Map<number, TimeInterpolator>();
  readonly mismatches: Mismatch[] = [];

  constructor(readonly c: InterpolatorCase) {
    this.k = newInterpolatorKernel(c.kernel);
  }

  object(n: number): TimeInterpolator {
    let ti = this.objects.get(n);
    if (ti === undefined) {
      ti = zeroedTimeInterpolator();
      this.objects.set(n, ti);
    }
    return ti;
  }

  /** Runs step `index`; false when the case cannot go on. */
  step(s: Step, index: number): boolean {
    switch (s.op) {
      case 'tick_nsec':
        this.k.tick.tick_nsec = s.value;
        return true;
      case 'jiffies':
        this.k.jiffies.jiffies = s.value;
        return true;
      default:
        return this.call(s, index);
    }
  }

  private code(s: CallStep): KernelCode<bigint> {
    switch (s.op) {
      case 'register': {
        // The object is zeroed in place: list links and the global pointer keep its identity.
        const ti = Object.assign(this.object(s.ti), zeroedTimeInterpolator(), {
          source: s.source,
          shift: BigInt(s.shift),
          jitter: BigInt(s.jitter),
          mask: s.mask,
          frequency: s.frequency,
          drift: s.drift,
        });
        return returnsZero(register_time_interpolator(this.k, ti));
      }
      case 'unregister':
        return returnsZero(unregister_time_interpolator(this.k, this.object(s.ti)));
      case 'reset':
        return returnsZero(time_interpolator_reset(this.k));
      case 'update':
        return returnsZero(time_interpolator_update(this.k, s.delta_nsec));
      case 'get_offset':
        return time_interpolator_get_offset(this.k);
    }
  }

  private run(s: CallStep): CallOutcome {
    const interfere = s.op === 'get_offset' ? [...s.interfere] : [];
    const out: CallOutcome = { cmpxchg: 0, cmpxchg_failed: 0, readsUsed: 0 };
    const machine = scriptedReads(s.reads, {
      beforeCmpxchg: (op: CmpxchgOp) => {
        if (op.field === 'last_cycle' && interfere.length > 0)
          (op.obj as TimeInterpolator).last_cycle = interfere.shift()!;
      },
      afterCmpxchg: (op: CmpxchgOp, found: unknown) => {
        if (op.field !== 'last_cycle') return;
        out.cmpxchg++;
        if (found !== op.expected) out.cmpxchg_failed++;
      },
    });
    try {
      const result = runSequential(this.code(s), machine);
      if (result.done) out.ret = result.value;
      else {
        out.fault = result.fault.kind;
        // The context died holding its locks; the recorded cases go on as if they were free.
        this.k.time_interpolator_lock.lock = 0n;
        this.k.xtime_lock.lock = 0n;
      }
    } catch (err) {
      out.aborted = (err as Error).message;
    }
    out.readsUsed = s.reads.length - machine.remaining();
    return out;
  }

  private call(s: CallStep, stepIndex: number): boolean {
    const out = this.run(s);
    const mismatch = (field: string, expected: unknown, actual: unknown): void => {
      this.mismatches.push({
        caseId: this.c.id,
        stepIndex,
        op: s.op,
        field,
        expected: renderValue(expected),
        actual: renderValue(actual),
      });
    };
    if (out.aborted !== undefined) {
      mismatch('completion', 'the call returns', out.aborted);
      return false;
    }
    if (out.readsUsed !== s.reads.length)
      mismatch('reads', `${s.reads.length} reads`, `${out.readsUsed} reads`);
    if (s.expect !== undefined) this.compare(s.expect, out, mismatch);
    return true;
  }

  private compare(
    e: Expect,
    out: CallOutcome,
    mismatch: (field: string, expected: unknown, actual: unknown) => void,
  ): void {
    if ((e.fault ?? null) !== (out.fault ?? null))
      mismatch('fault', e.fault ?? 'none', out.fault ?? 'none');
    if (e.ret !== undefined && e.ret !== out.ret) mismatch('ret', e.ret, out.ret);
    if (e.current !== undefined) {
      const current = this.numberOf(this.k.globals.time_interpolator);
      if (current !== e.current) mismatch('current', e.current, current);
    }
    if (e.cmpxchg !== undefined && e.cmpxchg !== out.cmpxchg)
      mismatch('cmpxchg', e.cmpxchg, out.cmpxchg);
    if (e.cmpxchg_failed !== undefined && e.cmpxchg_failed !== out.cmpxchg_failed)
      mismatch('cmpxchg_failed', e.cmpxchg_failed, out.cmpxchg_failed);
    if (e.state !== undefined) this.compareState(e.state, mismatch);
  }

  private compareState(
    expected: Record<string, ExpectedState>,
    mismatch: (field: string, expected: unknown, actual: unknown) => void,
  ): void {
    const reported = [...this.objects].filter(([, ti]) => ti.frequency !== 0n);
    for (const [n, ti] of reported) {
      const want = expected[String(n)];
      if (want === undefined) {
        mismatch(`state.${n}`, undefined, 'an object with frequency ≠ 0');
        continue;
      }
      for (const field of STATE_FIELDS) {
        const value = want[field];
        if (value !== undefined && value !== ti[field])
          mismatch(`state.${n}.${field}`, value, ti[field]);
      }
    }
    for (const key of Object.keys(expected)) {
      const ti = this.objects.get(Number(key));
      if (ti === undefined || ti.frequency === 0n)
        mismatch(`state.${key}`, 'an object with frequency ≠ 0', undefined);
    }
  }

  private numberOf(ti: TimeInterpolator | null): number | null {
    if (ti === null) return null;
    for (const [n, candidate] of this.objects) if (candidate === ti) return n;
    return -1;
  }
}

export function replayInterpolatorCase(c: InterpolatorCase, where: CaseLocation): CaseResult {
  const replay = new CaseReplay(c);
  let steps = 0;
  for (const [index, s] of c.steps.entries()) {
    steps++;
    if (!replay.step(s, index)) break;
  }
  return { caseId: c.id, where, steps, mismatches: replay.mismatches };
}
