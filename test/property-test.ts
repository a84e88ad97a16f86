// SPDX-License-Identifier: GPL-2.0-only
/**
 * `test.prop` for our own specs, in @fast-check/vitest's form: `test.prop(arbitraries,
 * parameters)(name, body, timeout)` runs `body` on values drawn from the arbitraries, one vitest
 * test with its fast-check seed in its name. @fast-check/vitest itself stays for users (the
 * example in docs/examples/new-time-source, docs/property-testing.md); importing it costs each
 * vitest worker about 2.5 s of CPU, since version 0.5 walks every chain of vitest 4.1's test
 * modifiers when it loads (docs/performance.md, "The test suite's time").
 *
 * The bodies are synchronous (fast-check's `property`, not `asyncProperty`): a body that returns
 * `false` or throws fails the run, and fast-check shrinks it and reports the seed and path.
 */
import fc from 'fast-check';
import { test as vitestTest } from 'vitest';

export { fc };

type Arbitraries<Ts extends [unknown, ...unknown[]]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };
// biome-ignore lint/suspicious/noConfusingVoidType: fast-check's predicate type, a body returns nothing or a boolean
type Body<Ts extends [unknown, ...unknown[]]> = (...values: Ts) => boolean | void;

/** A seed as @fast-check/vitest draws one when neither the parameters nor the global config set it. */
const drawSeed = (): number => Date.now() ^ (Math.random() * 0x1_0000_0000);

function prop<Ts extends [unknown, ...unknown[]]>(
  arbitraries: Arbitraries<Ts>,
  parameters: fc.Parameters<Ts> = {},
): (name: string, body: Body<Ts>, timeoutMs?: number) => void {
  return (name, body, timeoutMs) => {
    const seed = parameters.seed ?? fc.readConfigureGlobal().seed ?? drawSeed();
    const property = fc.property<Ts>(
      ...([...arbitraries, body] as Parameters<typeof fc.property<Ts>>),
    );
    vitestTest(
      `${name} (with seed=${seed})`,
      () => fc.assert(property, { ...parameters, seed }),
      timeoutMs,
    );
  };
}

/** vitest's `test` for a plain test, with `prop` for a property. */
export const test = Object.assign(
  (name: string, body: () => unknown, timeoutMs?: number): void => {
    vitestTest(name, body, timeoutMs);
  },
  { prop },
);
