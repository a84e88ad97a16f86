// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { FS_PER_NS, FS_PER_S } from '../../../emu/base/time.js';
import { TrueClock } from '../../../emu/machine/true-clock.js';
import { fc, test } from '../../property-test.js';

const DAY_NS = 86_400n * 1_000_000_000n;

describe('TrueClock', () => {
  test.prop([fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 0n, max: 10n ** 18n })])(
    'MONOTONIC is the time since boot; REALTIME adds the boot wall time',
    (tFs, bootNs) => {
      const c = new TrueClock(bootNs);
      expect(c.monotonicNs(tFs)).toBe(tFs / FS_PER_NS);
      expect(c.realtimeNs(tFs)).toBe(bootNs + tFs / FS_PER_NS);
    },
  );

  it('settimeofday starts a new epoch whose line passes through the set value', () => {
    const c = new TrueClock(0n);
    c.setWall(2n * FS_PER_S, 3600n * 1_000_000_000n);
    expect(c.epoch).toBe(1);
    expect(c.realtimeNs(3n * FS_PER_S)).toBe(3601n * 1_000_000_000n);
    // reads labelled with the old epoch keep the old line
    expect(c.realtimeNs(3n * FS_PER_S, 0)).toBe(3n * 1_000_000_000n);
  });

  it('an inserted leap second repeats 23:59:59: REALTIME steps back 1 s at midnight', () => {
    const c = new TrueClock(DAY_NS - 10n * 1_000_000_000n);
    c.leap(FS_PER_S, 'insert');
    expect(c.realtimeNs(10n * FS_PER_S - 1n)).toBe(DAY_NS - 1n);
    expect(c.realtimeNs(10n * FS_PER_S)).toBe(DAY_NS - 1_000_000_000n);
  });

  it('a deleted leap second skips 23:59:59', () => {
    const c = new TrueClock(DAY_NS - 10n * 1_000_000_000n);
    c.leap(FS_PER_S, 'delete');
    expect(c.realtimeNs(9n * FS_PER_S - 1n)).toBe(DAY_NS - 1_000_000_000n - 1n);
    expect(c.realtimeNs(9n * FS_PER_S)).toBe(DAY_NS);
  });
});
