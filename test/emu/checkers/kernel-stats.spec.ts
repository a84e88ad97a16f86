// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { maxFs } from '../../../emu/base/time.js';
import { KernelStats } from '../../../emu/checkers/kernel-stats.js';
import type { KernelEvent } from '../../../emu/checkers/types.js';
import { fc, test } from '../../property-test.js';

const eventArb: fc.Arbitrary<KernelEvent> = fc.oneof(
  fc.record({
    kind: fc.constant('skip' as const),
    cpu: fc.nat(3),
    atFs: fc.bigInt({ min: 0n, max: 100n }),
    nsSkipped: fc.bigInt({ min: 0n, max: 1n << 40n }),
  }),
  fc.record({
    kind: fc.constant('nsec_per_cyc' as const),
    cpu: fc.nat(3),
    atFs: fc.bigInt({ min: 0n, max: 100n }),
    from: fc.bigInt({ min: 0n, max: 0xffff_ffffn }),
    to: fc.bigInt({ min: 0n, max: 0xffff_ffffn }),
  }),
  fc.record({
    kind: fc.constant('seqlock_retry' as const),
    cpu: fc.nat(3),
    atFs: fc.bigInt({ min: 0n, max: 100n }),
  }),
  fc.record({
    kind: fc.constant('cmpxchg' as const),
    cpu: fc.nat(3),
    atFs: fc.bigInt({ min: 0n, max: 100n }),
    ok: fc.boolean(),
  }),
  fc
    .record({
      cpu: fc.nat(3),
      startFs: fc.bigInt({ min: 0n, max: 100n }),
      durationFs: fc.bigInt({ min: 0n, max: 50n }),
      writer: fc.boolean(),
    })
    .map(({ cpu, startFs, durationFs, writer }) => ({
      kind: 'get_counter' as const,
      cpu,
      startFs,
      endFs: startFs + durationFs,
      writer,
    })),
  fc.record({
    kind: fc.constant('fault' as const),
    cpu: fc.nat(3),
    atFs: fc.bigInt({ min: 0n, max: 100n }),
    fault: fc.constantFrom('BUG' as const, 'OOPS' as const),
    where: fc.constantFrom('time_interpolator_get_counter', 'time_interpolator_update'),
  }),
);

describe('KernelStats', () => {
  it('counts each kind of event', () => {
    const k = new KernelStats();
    k.observe({ kind: 'skip', cpu: 0, atFs: 1n, nsSkipped: 30n });
    k.observe({ kind: 'skip', cpu: 1, atFs: 2n, nsSkipped: 12n });
    k.observe({ kind: 'nsec_per_cyc', cpu: 0, atFs: 3n, from: 1000n, to: 999n });
    k.observe({ kind: 'seqlock_retry', cpu: 2, atFs: 4n });
    k.observe({ kind: 'cmpxchg', cpu: 2, atFs: 5n, ok: false });
    k.observe({ kind: 'cmpxchg', cpu: 2, atFs: 6n, ok: true });
    k.observe({ kind: 'get_counter', cpu: 1, startFs: 10n, endFs: 25n, writer: false });
    k.observe({ kind: 'get_counter', cpu: 0, startFs: 10n, endFs: 50n, writer: true });
    k.observe({ kind: 'fault', cpu: 3, atFs: 60n, fault: 'BUG', where: 'x' });
    expect(k.summary()).toEqual({
      skips: 2n,
      nsSkipped: 42n,
      nsecPerCycChanges: 1,
      nsecPerCycFirstChanges: [{ cpu: 0, atFs: 3n, from: 1000n, to: 999n }],
      nsecPerCycLast: 999n,
      seqlockRetries: 1,
      cmpxchgAttempts: 2,
      cmpxchgFailures: 1,
      getCounterCalls: 2,
      maxGetCounterFs: 15n,
      maxWriterGetCounterFs: 40n,
      longestGetCounter: { cpu: 1, startFs: 10n, durationFs: 15n },
      longestWriterGetCounter: { cpu: 0, startFs: 10n, durationFs: 40n },
      faultCounts: { BUG: 1, OOPS: 0 },
      faults: [{ cpu: 3, atFs: 60n, fault: 'BUG', where: 'x' }],
    });
  });

  test.prop([fc.array(eventArb, { maxLength: 80 })], { numRuns: 200 })(
    'equals a fold over the whole event list',
    (events) => {
      const k = new KernelStats();
      for (const e of events) k.observe(e);
      const s = k.summary();
      const of = <K extends KernelEvent['kind']>(kind: K) =>
        events.filter((e): e is Extract<KernelEvent, { kind: K }> => e.kind === kind);
      expect(s.skips).toBe(BigInt(of('skip').length));
      expect(s.nsSkipped).toBe(of('skip').reduce((a, e) => a + e.nsSkipped, 0n));
      expect(s.nsecPerCycChanges).toBe(of('nsec_per_cyc').length);
      expect(s.nsecPerCycFirstChanges).toEqual(
        of('nsec_per_cyc')
          .slice(0, 16)
          .map(({ cpu, atFs, from, to }) => ({ cpu, atFs, from, to })),
      );
      expect(s.nsecPerCycLast).toBe(of('nsec_per_cyc').at(-1)?.to ?? null);
      expect(s.seqlockRetries).toBe(of('seqlock_retry').length);
      expect(s.cmpxchgAttempts).toBe(of('cmpxchg').length);
      expect(s.cmpxchgFailures).toBe(of('cmpxchg').filter((e) => !e.ok).length);
      const longest = (writer: boolean) =>
        of('get_counter')
          .filter((e) => e.writer === writer)
          .reduce((m, e) => maxFs(m, e.endFs - e.startFs), 0n);
      expect(s.maxGetCounterFs).toBe(longest(false));
      expect(s.maxWriterGetCounterFs).toBe(longest(true));
      expect(s.faultCounts).toEqual({
        BUG: of('fault').filter((e) => e.fault === 'BUG').length,
        OOPS: of('fault').filter((e) => e.fault === 'OOPS').length,
      });
      expect(s.faults.length).toBe(Math.min(16, of('fault').length));
    },
  );
});
