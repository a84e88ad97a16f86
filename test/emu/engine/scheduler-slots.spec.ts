// SPDX-License-Identifier: GPL-2.0-only
/**
 * The scheduler groups pending events into slots (one time and band, a FIFO of events armed one
 * after another, emu/scheduler.ts): these properties aim at that structure, against a sorted-list
 * model of the order (time, band, arming order). Many events tie on few times in all four bands;
 * events are cancelled anywhere in a FIFO (the running one included) and re-armed at the same time;
 * callbacks re-arm at now; slots empty and come back at the same time; FAR times tie across the
 * near/far boundary and rebases; long runs reuse slots. After every top-level command the model and
 * the scheduler agree on what ran, `pendingCount`, `nextTimeFs` and `wouldRunFirst`, and the heap
 * holds no slot without a live event.
 */
import { describe, expect, it } from 'vitest';
import { Band, type EventHandle, Scheduler } from '../../../emu/engine/scheduler.js';
import { splitTime } from '../../../emu/engine/split-time.js';
import { fc, test } from '../../property-test.js';
import { ReferenceScheduler as Model, type Sched } from './reference-scheduler.js';

const BANDS = [Band.DEVICE, Band.IRQ, Band.CPU, Band.CHECKER] as const;
/** (2^21 − 1) · 2^32 fs: the first time keyed FAR from base 0 (slot-heap.ts) */
const NEAR_FS = (2n ** 21n - 1n) * 2n ** 32n;

/** What a handle's callback does on its k-th run (cyclically, while k < ACTIVE_RUNS). */
type Action =
  | { k: 'none' }
  | { k: 'arm'; h: number; d: number }
  | { k: 'cancel'; h: number }
  | { k: 'self'; d: number }
  | { k: 'cancelSelf' }
  | { k: 'cancelRearm'; h: number };

/** A top-level command. `d` indexes the delta table (added to now). */
type Cmd =
  | { k: 'arm'; h: number; d: number }
  | { k: 'cancel'; h: number }
  | { k: 'cancelRearm'; h: number }
  | { k: 'step' }
  | { k: 'until'; d: number }
  | { k: 'probe'; d: number; band: Band };

/** A handle's callback acts on its first runs only, so that every program ends. */
const ACTIVE_RUNS = 8;
const NONE: Action = { k: 'none' };

/** Slots in the scheduler's heap (white box: every one but a running event's holds a live event). */
const heapSlots = (s: Sched): number =>
  s instanceof Scheduler ? (s as unknown as { heap: { size: number } }).heap.size : 0;

/**
 * Runs `cmds` on `s` with handles of `bands`, each handle's callback following its `actions`;
 * returns the log of what ran and what was observed. The harness remembers each handle's armed
 * time (both implementations get the same calls).
 */
function drive(
  s: Sched,
  bands: readonly Band[],
  actions: readonly (readonly Action[])[],
  cmds: readonly Cmd[],
  deltas: readonly bigint[],
): string[] {
  const log: string[] = [];
  const atFs: bigint[] = bands.map(() => 0n);
  const runs: number[] = bands.map(() => 0);
  const handles: EventHandle[] = [];
  const armAt = (h: number, t: bigint): void => {
    const x = handles[h]!;
    if (x.pending) s.cancel(x);
    s.arm(x, t);
    atFs[h] = t;
  };
  const cancelRearm = (h: number): void => {
    const x = handles[h]!;
    if (!x.pending) return;
    s.cancel(x);
    s.arm(x, atFs[h]!);
  };
  const act = (h: number, a: Action | Cmd): void => {
    const n = bands.length;
    const delta = (d: number): bigint => s.nowFs + deltas[d % deltas.length]!;
    switch (a.k) {
      case 'arm':
        armAt(a.h % n, delta(a.d));
        break;
      case 'cancel':
        log.push(`cancel ${s.cancel(handles[a.h % n]!)}`);
        break;
      case 'self':
        armAt(h, delta(a.d));
        break;
      case 'cancelSelf':
        log.push(`cancel self ${s.cancel(handles[h]!)}`);
        break;
      case 'cancelRearm':
        cancelRearm(a.h % n);
        break;
      case 'step':
        log.push(`step ${s.step()}`);
        break;
      case 'until':
        log.push(`until ${s.runUntil(delta(a.d))}`);
        break;
      case 'probe': {
        const [hi, lo] = splitTime(delta(a.d));
        log.push(`probe ${s.wouldRunFirst(hi, lo, a.band)}`);
        break;
      }
      default:
        return;
    }
  };
  bands.forEach((band, h) => {
    handles.push(
      s.event(band, () => {
        const mine = actions[h] ?? [];
        const k = runs[h]!;
        runs[h] = k + 1;
        const a = k < ACTIVE_RUNS && mine.length > 0 ? mine[k % mine.length]! : NONE;
        log.push(`${s.nowFs} ${h} ${a.k}`);
        act(h, a);
      }),
    );
  });
  for (const c of cmds) {
    act(-1, c);
    log.push(`now ${s.nowFs} pending ${s.pendingCount} next ${s.nextTimeFs()}`);
    if (heapSlots(s) > s.pendingCount) log.push(`empty slots linger: ${heapSlots(s)}`);
  }
  let left = 100_000;
  while (left-- > 0 && s.step()) {}
  log.push(`drained now ${s.nowFs} pending ${s.pendingCount}`);
  return log;
}

/** Arms `bands` at one time, cancels `which` of the first band's group, maybe re-arms them. */
function cancelTied(
  s: Sched,
  bands: readonly Band[],
  which: 'first' | 'middle' | 'last' | 'all',
  rearm: boolean,
): string[] {
  const seen: string[] = [];
  const hs = bands.map((b, i) => s.event(b, () => seen.push(`${s.nowFs}:${i}`)));
  for (const h of hs) s.arm(h, 10n);
  const group = hs.filter((h) => h.band === bands[0]);
  const at = { first: 0, middle: group.length >> 1, last: group.length - 1 };
  const victims = which === 'all' ? group : [group[at[which]]!];
  for (const v of victims) s.cancel(v);
  seen.push(`pending ${s.pendingCount} next ${s.nextTimeFs()}`);
  if (rearm) for (const v of victims) s.arm(v, 10n);
  while (s.step()) {}
  seen.push(`pending ${s.pendingCount}`);
  return seen;
}

const band = fc.constantFrom(...BANDS);
const handle = fc.nat(31);
const deltaIndex = fc.nat(15);
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.constant({ k: 'none' as const }), weight: 2 },
  fc.record({ k: fc.constant('arm' as const), h: handle, d: deltaIndex }),
  fc.record({ k: fc.constant('cancel' as const), h: handle }),
  { arbitrary: fc.record({ k: fc.constant('self' as const), d: deltaIndex }), weight: 2 },
  fc.constant({ k: 'cancelSelf' as const }),
  fc.record({ k: fc.constant('cancelRearm' as const), h: handle }),
);
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('arm' as const), h: handle, d: deltaIndex }), weight: 4 },
  fc.record({ k: fc.constant('cancel' as const), h: handle }),
  fc.record({ k: fc.constant('cancelRearm' as const), h: handle }),
  { arbitrary: fc.constant({ k: 'step' as const }), weight: 3 },
  fc.record({ k: fc.constant('until' as const), d: deltaIndex }),
  fc.record({ k: fc.constant('probe' as const), d: deltaIndex, band }),
);
const program = (maxHandles: number, maxCmds: number) =>
  fc.record({
    bands: fc.array(band, { minLength: 1, maxLength: maxHandles }),
    actions: fc.array(fc.array(action, { maxLength: 3 }), { maxLength: maxHandles }),
    cmds: fc.array(cmd, { maxLength: maxCmds }),
  });

const same = (
  p: { bands: Band[]; actions: Action[][]; cmds: Cmd[] },
  deltas: readonly bigint[],
): void => {
  const got = drive(new Scheduler(), p.bands, p.actions, p.cmds, deltas);
  const want = drive(new Model(), p.bands, p.actions, p.cmds, deltas);
  expect(got).toEqual(want);
};

/** Deltas on few times: most events tie with others (0 most often: re-arms at now). */
const TIED = [0n, 0n, 0n, 0n, 1n, 1n, 1n, 2n, 2n, 3n, 0n, 1n, 2n, 5n, 0n, 1n];
/** Deltas across the near/far boundary and far beyond, with ties there too. */
const FARS = [
  0n,
  0n,
  1n,
  NEAR_FS - 1n,
  NEAR_FS,
  NEAR_FS,
  NEAR_FS + 1n,
  2n ** 52n,
  2n ** 53n,
  2n ** 53n,
  2n ** 60n,
  2n ** 60n,
  2n ** 70n,
  1n,
  NEAR_FS,
  0n,
];

describe('slots: events tied on few times', () => {
  test.prop([program(32, 60)], { numRuns: 150 })(
    'all four bands, cancels anywhere in a FIFO, re-arms inside callbacks, equal the model',
    (p) => same(p, TIED),
  );
});

describe('slots: more distinct times than the open-slot table holds', () => {
  // 600 times on 256 buckets per band: opening a slot often closes a pending one of another time,
  // so one time and band gets several slots, ordered by their sequence numbers; each event's first
  // run re-arms it onto one of those times (moving its emptied slot there, or joining one)
  test.prop(
    [fc.array(fc.tuple(fc.nat(599), band, fc.nat(599)), { minLength: 300, maxLength: 1500 })],
    { numRuns: 10 },
  )('run in the order of the model', (specs) => {
    const run = (s: Sched): number[] => {
      const ran: number[] = [];
      specs.forEach(([t, b, again], i) => {
        let first = true;
        const h: EventHandle = s.event(b, () => {
          ran.push(i);
          if (first) s.arm(h, BigInt(Math.max(again, t) * 1000));
          first = false;
        });
        s.arm(h, BigInt(t * 1000));
      });
      while (s.step()) {}
      return ran;
    };
    expect(run(new Scheduler())).toEqual(run(new Model()));
  });
});

describe('slots: FIFO order under cancels', () => {
  test.prop(
    [
      fc.array(band, { minLength: 2, maxLength: 12 }),
      fc.constantFrom('first', 'middle', 'last', 'all'),
      fc.boolean(),
    ],
    { numRuns: 100 },
  )(
    'cancel first, middle or last of a tied group, optionally re-arm it at the same time',
    (bands, which, rearm) => {
      const run = (s: Sched) => cancelTied(s, bands, which, rearm);
      expect(run(new Scheduler())).toEqual(run(new Model()));
    },
  );

  it('a cancelled-then-re-armed event runs after the others of its time and band', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    const hs = ['a', 'b', 'c'].map((n) => s.event(Band.CPU, () => seen.push(n)));
    for (const h of hs) s.arm(h, 5n);
    s.schedule(5n, Band.IRQ, () => seen.push('irq'));
    s.cancel(hs[0]!);
    s.arm(hs[0]!, 5n);
    s.cancel(hs[1]!);
    s.arm(hs[1]!, 5n);
    s.runUntil(5n);
    expect(seen).toEqual(['irq', 'c', 'a', 'b']);
  });

  it('a callback cancelling itself gets false; re-arming at now runs after its tied peers', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    const a: EventHandle = s.event(Band.CPU, () => {
      seen.push(`a ${s.cancel(a)}`);
      if (seen.length < 3) s.arm(a, s.nowFs);
    });
    s.arm(a, 7n);
    s.schedule(7n, Band.CPU, () => seen.push('b'));
    s.schedule(7n, Band.CHECKER, () => seen.push('checker'));
    s.runUntil(7n);
    expect(seen).toEqual(['a false', 'b', 'a false', 'checker']);
    expect(s.pendingCount).toBe(0);
  });

  it('a slot emptied by cancels comes back at the same time behind later arms', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    const x = s.schedule(9n, Band.CPU, () => seen.push('x'));
    s.schedule(9n, Band.DEVICE, () => seen.push('dev'));
    s.cancel(x);
    expect(s.pendingCount).toBe(1);
    s.schedule(9n, Band.CPU, () => seen.push('y'));
    s.arm(x, 9n);
    s.runUntil(9n);
    expect(seen).toEqual(['dev', 'y', 'x']);
  });
});

describe('slots: FAR ties, the near/far boundary and rebases', () => {
  test.prop([program(16, 40)], { numRuns: 120 })('equal the model', (p) => same(p, FARS));
});

describe('slots: reuse over long runs', () => {
  // no shrinking: 10^4 commands shrink too slowly to be useful
  test.prop([program(24, 0), fc.array(cmd, { minLength: 10_000, maxLength: 10_000 })], {
    numRuns: 3,
    endOnFailure: true,
  })('10^4 commands: the log, pendingCount and nextTimeFs equal the model', (p, cmds) =>
    same({ ...p, cmds }, TIED),
  );

  it('arm/cancel cycles at one time beside a live event leave one slot', () => {
    const s = new Scheduler();
    s.schedule(100n, Band.CPU, () => {});
    const h = s.event(Band.CPU, () => {});
    for (let i = 0; i < 10_000; i++) {
      s.arm(h, 100n);
      s.cancel(h);
    }
    expect(s.pendingCount).toBe(1);
    expect(heapSlots(s)).toBe(1);
    expect(s.runUntil(100n)).toBe(1);
    expect(heapSlots(s)).toBe(0);
  });

  it('a running slot pushed off the root by an earlier band, then emptied by cancel, leaves', () => {
    // found by scheduler.spec's callback property: the emptied running slot was dropped by the
    // root's position, which by then held the new DEVICE slot
    const s = new Scheduler();
    const log: string[] = [];
    const other = s.event(Band.CHECKER, () => log.push('other'));
    const device = s.event(Band.DEVICE, () => log.push('device'));
    const first = s.event(Band.CHECKER, () => {
      log.push('first');
      s.arm(device, s.nowFs);
      expect(s.cancel(other)).toBe(true);
    });
    s.arm(first, 10n);
    s.arm(other, 10n);
    expect(s.runUntil(10n)).toBe(2);
    expect(log).toEqual(['first', 'device']);
    expect(s.pendingCount).toBe(0);
    expect(heapSlots(s)).toBe(0);
  });
});
