// SPDX-License-Identifier: GPL-2.0-only
/** The times of a reported operation, as the executor's `opTimed` observers see them. */

import type { TimeFs } from '../base/time.js';
import type { Cpu } from './cpu.js';
import type { OpTimes } from './executor-types.js';
import { joinTime } from './split-time.js';

/**
 * The start as a split time, the end as its CPU's time, each converted to a `bigint` only when
 * read. One object per executor, re-pointed before each report.
 */
export class LazyOpTimes implements OpTimes {
  cpu: Cpu | undefined = undefined;
  startHi = 0;
  startLo = 0;
  get startFs(): TimeFs {
    return joinTime(this.startHi, this.startLo);
  }
  get endFs(): TimeFs {
    return this.cpu!.nowFs;
  }
  get endHi(): number {
    return this.cpu!.hi;
  }
  get endLo(): number {
    return this.cpu!.lo;
  }
}
