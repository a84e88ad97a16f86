// SPDX-License-Identifier: GPL-2.0-only
/**
 * A tiny seeded Rng for device tests (64-bit LCG, high 32 bits out). `fork` depends only on the
 * seed and the label, never on how much was drawn.
 */
import type { Rng } from '../../../emu/base/rng.js';

const A = 6364136223846793005n;
const C = 1442695040888963407n;

function mix(seed: bigint, label: string): bigint {
  let h = BigInt.asUintN(64, seed ^ 0xcbf29ce484222325n);
  for (const ch of label) h = BigInt.asUintN(64, (h ^ BigInt(ch.codePointAt(0)!)) * 0x100000001b3n);
  return h;
}

export function fakeRng(seed: bigint): Rng {
  let state = BigInt.asUintN(64, seed * A + C);
  const nextU32 = (): number => {
    state = BigInt.asUintN(64, state * A + C);
    return Number(state >> 32n);
  };
  const rng: Rng = {
    nextU32,
    below(n: number): number {
      const limit = 2 ** 32 - (2 ** 32 % n);
      for (;;) {
        const x = nextU32();
        if (x < limit) return x % n;
      }
    },
    belowBig(n: bigint): bigint {
      const bits = n.toString(2).length;
      for (;;) {
        let x = 0n;
        for (let b = 0; b < bits; b += 32) x = (x << 32n) | BigInt(nextU32());
        x = BigInt.asUintN(bits, x);
        if (x < n) return x;
      }
    },
    fork: (label: string): Rng => fakeRng(mix(seed, label)),
  };
  return rng;
}
