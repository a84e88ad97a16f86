// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { Band, type EventHandle, Scheduler } from '../../../emu/engine/scheduler.js';
import { joinTime, SPLIT, splitTime } from '../../../emu/engine/split-time.js';
import { fc, test } from '../../property-test.js';
import { ReferenceScheduler, type Sched } from './reference-scheduler.js';

describe('Scheduler', () => {
  it('starts at time 0 with nothing pending', () => {
    const s = new Scheduler();
    expect(s.nowFs).toBe(0n);
    expect(s.pendingCount).toBe(0);
    expect(s.nextTimeFs()).toBeUndefined();
    expect(s.step()).toBe(false);
  });

  it('runs events in time order and sets now before each callback', () => {
    const s = new Scheduler();
    const seen: bigint[] = [];
    for (const t of [30n, 10n, 20n]) s.schedule(t, Band.CPU, () => seen.push(s.nowFs));
    expect(s.nextTimeFs()).toBe(10n);
    expect(s.runUntil(100n)).toBe(3);
    expect(seen).toEqual([10n, 20n, 30n]);
    expect(s.nowFs).toBe(100n);
  });

  it('runs callbacks in scheduling order at the same instant and band', () => {
    const s = new Scheduler();
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) s.schedule(5n, Band.DEVICE, () => seen.push(i));
    s.runUntil(5n);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('runs lower bands first at the same instant: DEVICE < IRQ < CPU < CHECKER', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.schedule(7n, Band.CHECKER, () => seen.push('checker'));
    s.schedule(7n, Band.CPU, () => seen.push('cpu'));
    s.schedule(7n, Band.IRQ, () => seen.push('irq'));
    s.schedule(7n, Band.DEVICE, () => seen.push('device'));
    s.runUntil(7n);
    expect(seen).toEqual(['device', 'irq', 'cpu', 'checker']);
  });

  it('runUntil runs events at exactly t, leaves later ones, and does not move backwards', () => {
    const s = new Scheduler();
    let ran = 0;
    s.schedule(10n, Band.CPU, () => ran++);
    s.schedule(11n, Band.CPU, () => ran++);
    expect(s.runUntil(10n)).toBe(1);
    expect(ran).toBe(1);
    expect(s.pendingCount).toBe(1);
    expect(() => s.runUntil(9n)).toThrow(RangeError);
  });

  it('lets a callback re-arm its own handle (a periodic timer)', () => {
    const s = new Scheduler();
    const seen: bigint[] = [];
    const h = s.event(Band.DEVICE, () => {
      seen.push(s.nowFs);
      if (seen.length < 4) s.arm(h, s.nowFs + 100n);
    });
    s.arm(h, 0n);
    s.runUntil(1000n);
    expect(seen).toEqual([0n, 100n, 200n, 300n]);
    expect(h.pending).toBe(false);
  });

  it('an event armed at now from a callback runs at the same instant, after the current one', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.schedule(5n, Band.CPU, () => {
      seen.push('a');
      s.schedule(5n, Band.CPU, () => seen.push('c'));
    });
    s.schedule(5n, Band.CPU, () => seen.push('b'));
    s.runUntil(5n);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('cancel from inside a callback prevents a later event; cancel twice returns false', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    const later = s.schedule(20n, Band.CPU, () => seen.push('later'));
    s.schedule(10n, Band.CPU, () => {
      expect(s.cancel(later)).toBe(true);
      expect(s.cancel(later)).toBe(false);
    });
    s.runUntil(100n);
    expect(seen).toEqual([]);
    expect(later.pending).toBe(false);
  });

  it('reschedule moves a pending event and takes a new sequence number', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    const a = s.schedule(10n, Band.CPU, () => seen.push('a'));
    s.schedule(10n, Band.CPU, () => seen.push('b'));
    s.reschedule(a, 10n);
    s.schedule(5n, Band.CPU, () => s.reschedule(a, 50n));
    s.schedule(50n, Band.CPU, () => seen.push('c'));
    s.runUntil(100n);
    expect(seen).toEqual(['b', 'c', 'a']);
  });

  it('throws on misuse: the past, a pending handle armed again, a foreign handle', () => {
    const s = new Scheduler();
    s.runUntil(100n);
    expect(() => s.schedule(99n, Band.CPU, () => {})).toThrow(RangeError);
    expect(() => s.schedule(-1n, Band.CPU, () => {})).toThrow(RangeError);
    const h = s.schedule(100n, Band.CPU, () => {});
    expect(() => s.arm(h, 200n)).toThrow(/already pending/);
    const other = new Scheduler();
    expect(() => other.cancel(h)).toThrow(/another scheduler/);
    expect(() => other.arm(h, 5n)).toThrow(/another scheduler/);
  });

  it('nextTimeFs and pendingCount follow arming, running and cancelling', () => {
    const s = new Scheduler();
    const a = s.schedule(3n, Band.CPU, () => {});
    s.schedule(8n, Band.CPU, () => {});
    expect(s.pendingCount).toBe(2);
    s.cancel(a);
    expect(s.nextTimeFs()).toBe(8n);
    expect(s.step()).toBe(true);
    expect(s.nowFs).toBe(8n);
    expect(s.pendingCount).toBe(0);
  });

  it('handles times far beyond 2^53 fs (30 simulated days and more)', () => {
    const s = new Scheduler();
    const day = 86_400n * 10n ** 15n;
    const seen: bigint[] = [];
    for (const t of [30n * day + 1n, 30n * day, 2n ** 72n])
      s.schedule(t, Band.CPU, () => seen.push(s.nowFs));
    s.runUntil(2n ** 72n);
    expect(seen).toEqual([30n * day, 30n * day + 1n, 2n ** 72n]);
  });

  it('wouldRunFirst / advanceSplit let a caller run an event in place only when it is next', () => {
    const s = new Scheduler();
    s.schedule(100n, Band.CPU, () => {});
    expect(s.wouldRunFirst(0, 99, Band.CPU)).toBe(true);
    expect(s.wouldRunFirst(0, 100, Band.CPU)).toBe(false);
    expect(s.wouldRunFirst(0, 100, Band.IRQ)).toBe(true);
    s.advanceSplit(0, 99, Band.CPU);
    expect(s.nowFs).toBe(99n);
    expect(() => s.advanceSplit(0, 101, Band.CPU)).toThrow(/pending event/);
    expect(() => s.advanceSplit(0, 98, Band.CPU)).toThrow(RangeError);
  });
});

describe('split time', () => {
  test.prop([fc.bigInt({ min: 0n, max: 2n ** 84n })])('round-trips', (t) => {
    const [hi, lo] = splitTime(t);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(lo).toBeLessThan(SPLIT);
    expect(joinTime(hi, lo)).toBe(t);
  });
});

/** Reference order: (time as bigint, band, sequence). */
const reference = (
  events: readonly { t: bigint; band: Band; seq: number }[],
): { t: bigint; band: Band; seq: number }[] =>
  [...events].sort((a, b) =>
    a.t !== b.t ? (a.t < b.t ? -1 : 1) : a.band !== b.band ? a.band - b.band : a.seq - b.seq,
  );

describe('order equals the bigint reference', () => {
  // Times cluster so that equal times and equal hi halves are common; some cross 2^32 and 2^53.
  const time = fc.oneof(
    fc.bigInt({ min: 0n, max: 20n }),
    fc.bigInt({ min: 2n ** 32n - 3n, max: 2n ** 32n + 3n }),
    fc.bigInt({ min: 0n, max: 2n ** 80n }),
  );
  const band = fc.constantFrom(Band.DEVICE, Band.IRQ, Band.CPU, Band.CHECKER);

  test.prop([fc.array(fc.tuple(time, band, fc.boolean()), { maxLength: 80 })], { numRuns: 200 })(
    'with cancels interleaved',
    (specs) => {
      const s = new Scheduler();
      const ran: number[] = [];
      const armed: { t: bigint; band: Band; seq: number }[] = [];
      const handles = specs.map(([t, b], seq) => {
        armed.push({ t, band: b, seq });
        return s.schedule(t, b, () => ran.push(seq));
      });
      const cancelled = new Set<number>();
      specs.forEach(([, , cancel], i) => {
        if (cancel) {
          s.cancel(handles[i]!);
          cancelled.add(i);
        }
      });
      while (s.step()) {}
      const expected = reference(armed.filter((e) => !cancelled.has(e.seq))).map((e) => e.seq);
      expect(ran).toEqual(expected);
    },
  );

  // a deep heap (up to 9 levels) where most siblings tie in time, as CPUs in lockstep do
  test.prop(
    [
      fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 3n }), band, fc.nat(7)), {
        minLength: 200,
        maxLength: 700,
      }),
    ],
    { numRuns: 20 },
  )('with many same-instant events and cancels', (specs) => {
    const s = new Scheduler();
    const ran: number[] = [];
    const handles = specs.map(([t, b], seq) => s.schedule(t, b, () => ran.push(seq)));
    const armed = specs.map(([t, b], seq) => ({ t, band: b, seq }));
    const cancelled = new Set<number>();
    specs.forEach(([, , k], i) => {
      if (k === 0) {
        s.cancel(handles[(i * 7) % specs.length]!);
        cancelled.add((i * 7) % specs.length);
      }
    });
    while (s.step()) {}
    expect(ran).toEqual(reference(armed.filter((e) => !cancelled.has(e.seq))).map((e) => e.seq));
  });

  test.prop(
    [fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 50n }), band, fc.nat(3)), { maxLength: 40 })],
    { numRuns: 100 },
  )('when callbacks arm, re-arm and cancel events at or after now', (specs) => {
    const fast = runProgram(new Scheduler(), specs);
    const ref = runProgram(new ReferenceScheduler(), specs);
    expect(fast).toEqual(ref);
  });
});

/** An event's spec: the delay of the child it arms, its band, its action, an optional probe delay. */
type ProgramSpec = readonly [delta: bigint, band: Band, action: number, probe?: bigint];

/**
 * Each event, when it runs, logs (now, id), then per its spec arms a child at now + delta, and
 * either cancels the oldest still-pending event, arms another at now, or re-arms itself once.
 * With probe delays in the specs each log line also records a `wouldRunFirst` probe at now + the
 * probe; with `jumps`, top-level `runUntil` jumps come first and the log records what they ran.
 */
function runProgram(
  s: Sched,
  specs: readonly ProgramSpec[],
  jumps: readonly bigint[] = [],
): string[] {
  const log: string[] = [];
  const live: EventHandle[] = [];
  let id = 0;
  const logRun = (mine: number, b: Band, depth: number): void => {
    const probe = specs[depth % specs.length]?.[3];
    if (probe === undefined) log.push(`${s.nowFs}:${mine}`);
    else {
      const [hi, lo] = splitTime(s.nowFs + (probe % 2n ** 80n));
      log.push(`${s.nowFs}:${mine}:${s.wouldRunFirst(hi, lo, b)}`);
    }
  };
  /** Re-arms `h` at now + `delta` unless it was already: whether it is re-armed now. */
  const rearmOnce = (h: EventHandle, delta: bigint, rearmed: boolean): boolean => {
    if (!rearmed) s.arm(h, s.nowFs + delta);
    return true;
  };
  const add = (t: bigint, b: Band, depth: number): void => {
    const mine = id++;
    let rearmed = false;
    const h = s.event(b, () => {
      logRun(mine, b, depth);
      const next = specs[depth];
      if (next === undefined) return;
      if (next[2] === 2) rearmed = rearmOnce(h, next[0], rearmed);
      add(s.nowFs + next[0], next[1], depth + 1);
      const victim = next[2] === 0 ? live.find((x) => x.pending) : undefined;
      if (victim !== undefined) s.cancel(victim);
      if (next[2] === 1) add(s.nowFs, next[1], specs.length);
    });
    s.arm(h, t);
    live.push(h);
  };
  for (const [t, b] of specs.slice(0, 5)) add(t, b, 5);
  for (const j of jumps) log.push(`until ${s.nowFs + j}: ${s.runUntil(s.nowFs + j)}`);
  while (s.step()) {}
  return log;
}

/**
 * The heap keys time relative to a base that moves forward, exactly below ≈ 2^53 fs ahead of it
 * and as FAR beyond (ordered then by the exact time): these runs cross that boundary, rebase
 * several times and tie at FAR, with callbacks arming, re-arming and cancelling, runUntil jumps,
 * and `wouldRunFirst` probes, against the sorted-list model.
 */
describe('order across the key base: near, FAR and rebases', () => {
  const NEAR_FS = (2n ** 21n - 1n) * 2n ** 32n;
  const delta = fc.oneof(
    fc.bigInt({ min: 0n, max: 3n }),
    fc.bigInt({ min: NEAR_FS - 2n ** 33n, max: NEAR_FS + 2n ** 33n }),
    fc.constantFrom(NEAR_FS - 1n, NEAR_FS, 2n ** 52n, 2n ** 53n),
    fc.bigInt({ min: 0n, max: 2n ** 70n }),
  );
  const band = fc.constantFrom(Band.DEVICE, Band.IRQ, Band.CPU, Band.CHECKER);
  const spec = fc.tuple(delta, band, fc.nat(3), delta);

  test.prop([fc.array(spec, { minLength: 1, maxLength: 30 }), fc.array(delta, { maxLength: 4 })], {
    numRuns: 150,
  })('equals the reference', (specs, jumps) => {
    const fast = runProgram(new Scheduler(), specs, jumps);
    const ref = runProgram(new ReferenceScheduler(), specs, jumps);
    expect(fast).toEqual(ref);
  });

  it('orders times on both sides of the first FAR key, and FAR ties by time then band', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    const at = (t: bigint, b: Band, name: string): void => {
      s.schedule(t, b, () => seen.push(name));
    };
    at(NEAR_FS + 1n, Band.CPU, 'far+1');
    at(NEAR_FS, Band.CPU, 'far cpu');
    at(NEAR_FS, Band.DEVICE, 'far device');
    at(NEAR_FS - 1n, Band.CHECKER, 'near last');
    at(2n ** 80n, Band.DEVICE, 'very far');
    at(5n, Band.CPU, 'near');
    expect(s.wouldRunFirst(...splitTime(NEAR_FS), Band.IRQ)).toBe(false);
    expect(s.runUntil(NEAR_FS - 1n)).toBe(2);
    expect(s.wouldRunFirst(...splitTime(NEAR_FS), Band.IRQ)).toBe(false);
    expect(s.wouldRunFirst(...splitTime(NEAR_FS), Band.DEVICE)).toBe(false);
    expect(s.wouldRunFirst(...splitTime(NEAR_FS - 1n), Band.CHECKER)).toBe(true);
    while (s.step()) {}
    expect(seen).toEqual(['near', 'near last', 'far device', 'far cpu', 'far+1', 'very far']);
    expect(s.nowFs).toBe(2n ** 80n);
  });
});
