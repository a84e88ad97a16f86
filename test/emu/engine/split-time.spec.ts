// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect } from 'vitest';
import { elapsedAtMost, splitDiff, splitTime } from '../../../emu/engine/split-time.js';
import { fc, test } from '../../property-test.js';

/** Times over the split range's interesting scales: near 0, around 2^32 and 2^53, up to 2^80 fs. */
const timeFs = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 40n }),
  fc.bigInt({ min: 2n ** 50n, max: 2n ** 56n }),
  fc.bigInt({ min: 0n, max: 2n ** 80n }),
);

// splitTime and joinTime themselves: scheduler-time.spec.ts
describe('split time differences', () => {
  test.prop([timeFs, timeFs])('splitDiff is the bigint difference', (a, b) => {
    expect(splitDiff(...splitTime(a), ...splitTime(b))).toBe(a - b);
  });

  test.prop([
    timeFs,
    fc.bigInt({ min: 0n, max: 2n ** 60n }),
    fc.bigInt({ min: 0n, max: 2n ** 80n }),
  ])(
    'elapsedAtMost is now − then ≤ limit, for limits below and above 2^53 fs',
    (then, elapsed, limit) => {
      const now = then + elapsed;
      const near = [limit, elapsed, elapsed - 1n, elapsed + 1n].filter((l) => l >= 0n);
      for (const l of near)
        expect(elapsedAtMost(...splitTime(now), ...splitTime(then), l, Number(l))).toBe(
          now - then <= l,
        );
    },
  );
});
