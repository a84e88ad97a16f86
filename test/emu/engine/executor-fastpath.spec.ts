// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect } from 'vitest';
import { test } from '../../property-test.js';
import { program, runProgram, thread } from './executor-programs.js';

describe('Executor fast path', () => {
  test.prop([program], { numRuns: 150 })('gives exactly the result of strict interleaving', (p) => {
    expect(runProgram(p, { strict: false, thread })).toEqual(
      runProgram(p, { strict: true, thread }),
    );
  });
});
