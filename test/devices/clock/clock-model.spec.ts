// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { clockConfig, clockModel, IDEAL_CLOCK } from '../../../devices/clock/clock-model.js';
import { rational } from '../../../emu/base/rational.js';
import { FS_PER_S } from '../../../emu/base/time.js';

describe('the clock model schema', () => {
  it('is the ideal clock when empty', () => {
    expect(clockModel.parse({})).toEqual(IDEAL_CLOCK);
  });

  it('reports a clock that could stop at the knob that sets it', () => {
    const at = (c: Record<string, unknown>) => clockModel.safeParse(c).error?.issues[0]?.path;
    expect(at({ drift_ppm: -1000000 })).toEqual(['drift_ppm']);
    expect(at({ wander: { step_ppm: 1, every: '1s', min_ppm: -1000000, max_ppm: 0 } })).toEqual([
      'wander',
      'min_ppm',
    ]);
    expect(at({ temperature: { amplitude_ppm: 1000000, period: '1h' } })).toEqual([
      'temperature',
      'amplitude_ppm',
    ]);
  });

  it('converts into the oscillator configuration, the jitter as a distribution', () => {
    const m = clockModel.parse({
      drift_ppm: 2.5,
      jumps: [{ at: '1s', by_cycles: -3 }],
      jitter: { cycles: 2 },
    });
    const c = clockConfig(m);
    expect(c.driftPpm).toEqual(rational(5n, 2n));
    expect(c.jumps).toEqual([{ atFs: FS_PER_S, byCycles: -3n }]);
    expect(c.jitter?.cycles.sample({} as never)).toBe(2n);
    expect(c.wander).toBeUndefined();
  });
});
