// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, test } from 'vitest';
import { MAX_NESTING } from '../../../emu/base/limits.js';
import { tooDeepAt } from '../../../emu/scenario/nesting.js';

const block = (levels: number): string =>
  Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n');

describe('tooDeepAt', () => {
  test('block mappings: the bound itself passes, one level more is located', () => {
    expect(tooDeepAt(block(MAX_NESTING))).toBeUndefined();
    expect(tooDeepAt(block(MAX_NESTING + 1))).toEqual({
      line: MAX_NESTING + 1,
      col: 2 * MAX_NESTING + 1,
    });
  });

  test('flow lists: located at the bracket that goes too deep', () => {
    expect(
      tooDeepAt(`a: ${'['.repeat(MAX_NESTING - 1)}${']'.repeat(MAX_NESTING - 1)}`),
    ).toBeUndefined();
    expect(tooDeepAt(`a: ${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}`)).toEqual({
      line: 1,
      col: 4 + MAX_NESTING - 1,
    });
  });

  test('brackets in quotes, comments and words do not count; dashes do', () => {
    const many = '['.repeat(200);
    expect(
      tooDeepAt(`a: "${many}"\nb: '${many}' # ${many}\nc: it's ${'{'.repeat(3)}`),
    ).toBeUndefined();
    expect(tooDeepAt(`a:\n${'- '.repeat(MAX_NESTING)}x`)).toEqual({ line: 2, col: 1 });
  });

  test('a flow collection spanning lines keeps its depth', () => {
    const lines = Array.from({ length: MAX_NESTING }, () => '  [').join('\n');
    // the mapping of `a` is the first level, its value the second
    expect(tooDeepAt(`a: ${lines}`)?.line).toBe(MAX_NESTING);
  });
});
