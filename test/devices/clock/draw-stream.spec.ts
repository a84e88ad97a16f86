// SPDX-License-Identifier: GPL-2.0-only
import { expect } from 'vitest';
import { DrawStream } from '../../../devices/clock/draw-stream.js';
import { fc, test } from '../../property-test.js';
import { fakeRng } from '../helpers/fake-rng.js';

test.prop([
  fc.bigInt({ min: 0n, max: 1000n }),
  fc.integer({ min: 0, max: 300 }),
  fc.integer({ min: 1, max: 50 }),
])('seeking to an index gives the same draws as drawing up to it', (seed, skip, blockSize) => {
  const straight = new DrawStream(fakeRng(seed), (r) => r.nextU32(), blockSize);
  const draws = Array.from({ length: skip + 5 }, () => straight.next());
  const seeking = new DrawStream(fakeRng(seed), (r) => r.nextU32(), blockSize);
  seeking.index = skip;
  expect(Array.from({ length: 5 }, () => seeking.next())).toEqual(draws.slice(skip));
  expect(seeking.index).toBe(skip + 5);
});
