// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { bothObservers } from '../../../emu/machine/run-observer.js';

describe('bothObservers', () => {
  it('calls the watch, then the extra observer, for every call either has', () => {
    const calls: string[] = [];
    const o = bothObservers(
      {
        callEnter: (cpu, hook) => calls.push(`watch enter ${cpu} ${hook}`),
        idle: (cpu) => calls.push(`watch idle ${cpu}`),
      },
      {
        callEnter: (cpu, hook) => calls.push(`extra enter ${cpu} ${hook}`),
        interrupt: (cpu) => calls.push(`extra irq ${cpu}`),
      },
    );
    o.callEnter!(1, 'get_counter');
    o.idle!(2, 0n);
    o.interrupt!(3, 0n);
    expect(calls).toEqual([
      'watch enter 1 get_counter',
      'extra enter 1 get_counter',
      'watch idle 2',
      'extra irq 3',
    ]);
  });
});
