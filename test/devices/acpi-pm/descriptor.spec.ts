// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { AcpiPm } from '../../../devices/acpi-pm/acpi-pm.js';
import { acpiPmDevice } from '../../../devices/acpi-pm/descriptor.js';
import { FS_PER_S } from '../../../emu/base/time.js';
import { needs } from '../helpers/device-needs.js';

const entry = (keys: Record<string, unknown> = {}) =>
  acpiPmDevice.schema.parse({ type: 'acpi-pm', name: 'pm', ...keys });

describe('the acpi-pm descriptor', () => {
  it('claims the fixed port 0xb008 … 0xb00b and says why a second PM timer cannot have it', () => {
    const w = acpiPmDevice.busWindow(entry());
    expect(w).toMatchObject({ from: 0xb008n, to: 0xb00cn, key: 'type' });
    expect(w?.takenMessage?.(0)).toBe(
      "the ACPI PM timer's port 0xb008 is taken by devices[0]: a machine has one PM timer",
    );
  });

  it('rejects widths other than 24 and 32 bits', () => {
    expect(() => entry({ bits: 16 })).toThrow();
    expect(entry({ bits: 32 }).bits).toBe(32);
  });

  it('builds a PM timer read as one 32-bit register at its port, at 3 579 545 Hz', () => {
    const built = acpiPmDevice.create(entry({ bits: 32 }), needs());
    expect(built.kind).toBe('counter');
    expect(built.device).toBeInstanceOf(AcpiPm);
    const pm = built.device as AcpiPm;
    expect(pm.bits).toBe(32);
    expect(built.port.mmio).toBe(pm);
    expect(built.port.counterAddress).toBe(0xb008n);
    expect(built.port.counterWidth).toBe(32);
    expect(built.port.nominalHz).toBe(3_579_545n);
    expect(built.port.oscillators()).toEqual([pm.oscillator]);
    expect(pm.peek(0n, 32, FS_PER_S)).toBe(3_579_545n);
  });
});
