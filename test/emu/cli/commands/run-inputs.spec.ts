// SPDX-License-Identifier: GPL-2.0-only
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenarioArg } from '../../../../emu/cli/commands/run-inputs.js';
import { REPO } from '../bin.js';

describe('resolveScenarioArg', () => {
  it.each(['hpet-basic', 'livelock-2.6.13'])('%s names the bundled scenario', (name) => {
    expect(resolveScenarioArg(name, REPO)).toBe(join(REPO, 'scenarios', `${name}.yaml`));
  });
  it.each(['no-such.yaml', 'dir/hpet-basic', 'livelock-2.6.99'])(
    '%s stays as given (its reading then fails, located)',
    (arg) => expect(resolveScenarioArg(arg, REPO)).toBe(arg),
  );
  it('- is a usage error pointing at /dev/stdin', () =>
    expect(() => resolveScenarioArg('-', REPO)).toThrow(/\/dev\/stdin/));
});
