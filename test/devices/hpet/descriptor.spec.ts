// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { hpetDevice } from '../../../devices/hpet/descriptor.js';
import type { Hpet } from '../../../devices/hpet/hpet.js';
import { FS_PER_S } from '../../../emu/base/time.js';
import { needs } from '../helpers/device-needs.js';

const entry = (keys: Record<string, unknown> = {}) =>
  hpetDevice.schema.safeParse({ type: 'hpet', name: 'h', ...keys });

describe('the hpet descriptor', () => {
  it('rounds a frequency to the nearest whole-fs period, and refuses both', () => {
    expect(entry({ frequency: '14.31818MHz' }).data?.periodFs).toBe(69_841_279n);
    expect(entry({ frequency: '30MHz' }).data?.periodFs).toBe(33_333_333n);
    expect(entry({ frequency: '15MHz' }).data?.periodFs).toBe(66_666_667n);
    const both = entry({ frequency: '10MHz', period_fs: 100_000_000 });
    expect(both.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['frequency'], 'give period_fs or frequency, not both'],
    ]);
  });

  it('refuses a counter slower than 10 MHz at the key that set it', () => {
    const slow = entry({ period_fs: 100_000_001 });
    expect(slow.error?.issues[0]?.path).toEqual(['period_fs']);
    expect(entry({ frequency: '9MHz' }).error?.issues[0]?.path).toEqual(['frequency']);
  });

  it('claims a 1 KiB window at its base', () => {
    const c = entry({ base: '0xfed10000' }).data!;
    expect(hpetDevice.busWindow(c)).toEqual({ from: 0xfed10000n, to: 0xfed10400n, key: 'base' });
  });

  it('builds an HPET whose main counter runs from time 0 and is read at base + 0xf0', () => {
    const built = hpetDevice.create(entry({ period_fs: 100_000_000 }).data!, needs());
    expect(built.kind).toBe('hpet');
    const hpet = built.device as Hpet;
    expect(hpet.enabled).toBe(true);
    expect(hpet.counterAt(FS_PER_S)).toBe(10_000_000n);
    expect(built.port.counterAddress).toBe(0xfed000f0n);
    expect(built.port.counterWidth).toBe(64);
    expect(built.port.nominalHz).toBe(10_000_000n);
    expect(built.port.mmio).toBe(hpet);
  });
});
