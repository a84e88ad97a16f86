// SPDX-License-Identifier: GPL-2.0-only
/** Devices seen as `CounterSubject`s by the counter laws, one adapter per device kind. */
import type { AcpiPm } from '../../../devices/acpi-pm/acpi-pm.js';
import type { Hpet, HpetSnapshot } from '../../../devices/hpet/hpet.js';
import type { SteppedHost } from '../helpers/stepped-host.js';
import type { CounterSubject } from './counter-laws.js';

const GEN_CONF = 0x010n;
const MAIN_COUNTER_VAL = 0x0f0n;

/** An HPET on a stepped host: sets ENABLE_CNF, then reads MAIN_COUNTER_VAL with 64-bit accesses. */
export function hpetSubject(hpet: Hpet, host: SteppedHost): CounterSubject {
  hpet.write(GEN_CONF, 64, 1n, 0n, 0);
  const advance = (t: bigint) => {
    if (t > host.nowFs) host.stepTo(t);
  };
  return {
    read: (t) => {
      advance(t);
      const { value, latencyFs } = hpet.read(MAIN_COUNTER_VAL, 64, t, 0);
      return { value, latencyFs };
    },
    peek: (t) => hpet.peek(MAIN_COUNTER_VAL, 64, t),
    snapshot: (t) => hpet.snapshot(t),
    restore: (s, t) => hpet.restore(s as HpetSnapshot, t),
    advance,
  };
}

/** An ACPI PM timer read through its 32-bit port. */
export function acpiPmSubject(pm: AcpiPm): CounterSubject {
  return {
    read: (t) => {
      const { value, latencyFs } = pm.read(0n, 32, t, 0);
      return { value, latencyFs };
    },
    peek: (t) => pm.peek(0n, 32, t),
    snapshot: () => pm.snapshot(),
    restore: (s) => pm.restore(s as ReturnType<AcpiPm['snapshot']>),
  };
}
