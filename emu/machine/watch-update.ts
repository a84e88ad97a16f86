// SPDX-License-Identifier: GPL-2.0-only
/**
 * One call of `time_interpolator_update(delta_nsec)` (kernel/timer.c) seen from outside, between
 * its call-boundary hooks: the `offset` and GET_TI_NSECS operands it loaded, the branch its stores
 * took (a non-zero `skips` store is the skip branch), the `offset` and `last_counter` it stored.
 * The ns it computed are GET_TI_NSECS of those operands (the kernel's own macro), and `delta_nsec`
 * is read back from the branch's stores: `offset - delta` after a carry, the growth of
 * `ns_skipped` (`delta - offset`) after a skip. The operations of the get_counter call inside it
 * are not its own (the watch leaves them out).
 */
import { s64, wrap64 } from '../../interpolator/c.js';
import type { ShiftSemantics } from '../../interpolator/include/linux/timex.js';
import { GET_TI_NSECS } from '../../interpolator/kernel/timer/interpolator.js';
import type { Op } from '../../interpolator/ops.js';
import type { UpdateRecord } from '../base/trace-record.js';
import type { OpTimes } from '../engine/executor.js';

/** The first value loaded from each interpolator field, and what was stored. */
interface OpenUpdate {
  readonly cpu: number;
  readonly context: number;
  startFs: bigint | undefined;
  endFs: bigint;
  readonly loaded: Map<string, bigint>;
  skipped: boolean;
  offsetNs: bigint | undefined;
  nsSkipped: bigint | undefined;
  counter: bigint | undefined;
}

const OPERANDS = ['offset', 'last_counter', 'mask', 'nsec_per_cyc', 'shift', 'ns_skipped'];

export class UpdateProbe {
  private open: OpenUpdate | null = null;

  constructor(
    private readonly interpolators: ReadonlySet<object>,
    private readonly semantics: ShiftSemantics,
    private readonly report: (r: UpdateRecord) => void,
  ) {}

  enter(cpu: number, context: number): void {
    this.open = {
      cpu,
      context,
      startFs: undefined,
      endFs: 0n,
      loaded: new Map(),
      skipped: false,
      offsetNs: undefined,
      nsSkipped: undefined,
      counter: undefined,
    };
  }

  /** An operation of `cpu` outside a get_counter call. */
  op(cpu: number, context: number, op: Op, result: unknown, times: OpTimes): void {
    const u = this.open;
    if (u === null || u.cpu !== cpu || u.context !== context) return;
    u.startFs ??= times.startFs;
    u.endFs = times.endFs;
    if ((op.op !== 'load' && op.op !== 'store') || !this.interpolators.has(op.obj)) return;
    if (op.op === 'load') {
      if (OPERANDS.includes(op.field) && !u.loaded.has(op.field))
        u.loaded.set(op.field, result as bigint);
      return;
    }
    if (u.counter !== undefined) return;
    const v = op.value as bigint;
    if (op.field === 'skips' && v !== 0n) u.skipped = true;
    else if (op.field === 'ns_skipped') u.nsSkipped = v;
    else if (op.field === 'offset') u.offsetNs ??= v;
    else if (op.field === 'last_counter') u.counter = v;
  }

  exit(cpu: number, context: number): void {
    const u = this.open;
    if (u === null || u.cpu !== cpu || u.context !== context) return;
    this.open = null;
    if (u.counter !== undefined && u.startFs !== undefined) this.report(this.record(u, u.counter));
  }

  /** A fault killed the call. */
  abandon(cpu: number): void {
    if (this.open?.cpu === cpu) this.open = null;
  }

  private record(u: OpenUpdate, counter: bigint): UpdateRecord {
    const get = (f: string): bigint => u.loaded.get(f) ?? 0n;
    const lastCounter = get('last_counter');
    const mask = get('mask');
    const nsecs = GET_TI_NSECS(
      counter,
      lastCounter,
      mask,
      get('nsec_per_cyc'),
      get('shift'),
      this.semantics,
    );
    const givenNs = wrap64(get('offset') + nsecs);
    const offsetNs = u.offsetNs ?? 0n;
    const deltaNs = u.skipped
      ? s64((u.nsSkipped ?? 0n) - get('ns_skipped') + givenNs)
      : s64(givenNs - offsetNs);
    return {
      type: 'update',
      t: u.endFs,
      start: u.startFs!,
      cpu: u.cpu,
      outcome: u.skipped ? 'skip' : 'carry',
      offsetNs,
      counter,
      cycles: wrap64(counter - lastCounter) & mask,
      nsecs,
      deltaNs,
    };
  }
}
