// SPDX-License-Identifier: GPL-2.0-only
/**
 * The `acpi-pm` device type (docs/scenario.md, "type: acpi-pm"): the PM timer at its fixed I/O port,
 * one 32-bit register, so a machine has at most one.
 */
import { z } from 'zod';
import { type DistSpec, fromSpec } from '../../emu/base/distribution.js';
import { floor } from '../../emu/base/rational.js';
import { durationDist, obj } from '../../emu/base/values.js';
import { type ClockModel, clockConfig, clockModel } from '../clock/clock-model.js';
import { busPort, defineDevice } from '../descriptor.js';
import { deviceName } from '../device-name.js';
import {
  ACPI_PM_DEFAULT_PORT,
  ACPI_PM_HZ,
  ACPI_PM_WINDOW_BYTES,
  AcpiPm,
  type AcpiPmGlitch,
  PIIX4_DEFAULT_VALUE,
  type Piix4Value,
} from './acpi-pm.js';

export interface AcpiPmConfig {
  readonly type: 'acpi-pm';
  readonly name: string;
  readonly bits: 24 | 32;
  readonly readLatencyFs: DistSpec;
  readonly glitch: AcpiPmGlitch;
  /** what a read in a PIIX4 indeterminate window returns (acpi-pm.ts, Piix4Value) */
  readonly piix4Value: Piix4Value;
  readonly clock: ClockModel;
}

const schema = obj({
  type: z.literal('acpi-pm'),
  name: deviceName,
  bits: z.union([z.literal(24), z.literal(32)]).default(24),
  read_latency: durationDist.prefault('1us'),
  glitch: z.enum(['none', 'piix4']).default('none'),
  piix4_value: z
    .enum(['random', 'mix'])
    .default(PIIX4_DEFAULT_VALUE)
    .describe('what an indeterminate PIIX4 read returns: random (erratum rate) or mix (milder)'),
  clock: clockModel.prefault({}),
}).transform(
  (d): AcpiPmConfig => ({
    type: 'acpi-pm',
    name: d.name,
    bits: d.bits,
    readLatencyFs: d.read_latency,
    glitch: d.glitch,
    piix4Value: d.piix4_value,
    clock: d.clock,
  }),
);

const port = ACPI_PM_DEFAULT_PORT;

export const acpiPmDevice = defineDevice<AcpiPmConfig>({
  type: 'acpi-pm',
  summary: 'ACPI PM timer, 3.579545 MHz, 24 or 32 bits, optional PIIX4 read glitch',
  schema,
  counterAccess: 'mmio',
  perCpu: false,
  busWindow: () => ({
    from: port,
    to: port + ACPI_PM_WINDOW_BYTES,
    key: 'type',
    takenMessage: (byIndex) =>
      `the ACPI PM timer's port 0x${port.toString(16)} is taken by devices[${byIndex}]: a machine has one PM timer`,
  }),
  limits: () => [],
  create(c, needs) {
    const pm = new AcpiPm({
      name: c.name,
      bits: c.bits,
      readLatency: fromSpec(c.readLatencyFs, 'fs'),
      glitch: c.glitch,
      piix4Value: c.piix4Value,
      clock: clockConfig(c.clock),
      rng: needs.rng,
    });
    return {
      kind: 'counter',
      device: pm,
      // PM_TMR is one 32-bit register (ACPI 2.0 §4.7.2.1)
      port: busPort(pm, pm.oscillator, { width: 32, nominalHz: floor(ACPI_PM_HZ) }),
    };
  },
});
