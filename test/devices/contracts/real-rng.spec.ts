// SPDX-License-Identifier: GPL-2.0-only
/** The same laws with the project's own seeded stream and distributions (emu/rng, emu/distribution). */
import { describe, it } from 'vitest';
import { AcpiPm } from '../../../devices/acpi-pm/acpi-pm.js';
import { Hpet } from '../../../devices/hpet/hpet.js';
import { exponential, uniform } from '../../../emu/base/distribution.js';
import { rational } from '../../../emu/base/rational.js';
import { createRng } from '../../../emu/base/rng.js';
import { FS_PER_NS, FS_PER_S } from '../../../emu/base/time.js';
import { SteppedHost } from '../helpers/stepped-host.js';
import { assertCounterLaws, type CounterCase, phaseModelCount } from './counter-laws.js';
import { acpiPmSubject, hpetSubject } from './subjects.js';

const hpet: CounterCase = {
  name: 'hpet with createRng, exponential latency and jitter',
  bits: 64,
  exactCountAt: phaseModelCount(rational(FS_PER_S, 69_841_279n), rational(25n)),
  readMayStepBack: true,
  make(seed) {
    const host = new SteppedHost();
    const d = new Hpet({
      name: 'hpet0',
      readLatency: exponential(1000n * FS_PER_NS),
      rng: createRng(seed).fork('hpet0'),
      host,
      clock: { driftPpm: rational(25n), jitter: { cycles: uniform(0n, 2n) } },
    });
    return hpetSubject(d, host);
  },
};

const pm: CounterCase = {
  name: 'acpi-pm piix4 with createRng',
  bits: 24,
  exactCountAt: phaseModelCount(rational(3_579_545n)),
  readMayStepBack: true,
  make(seed) {
    const d = new AcpiPm({ name: 'pm', glitch: 'piix4', rng: createRng(seed).fork('pm') });
    return acpiPmSubject(d);
  },
};

describe.each([hpet, pm])('$name', (c) => {
  it('obeys the counter laws', () => assertCounterLaws(c));
});
