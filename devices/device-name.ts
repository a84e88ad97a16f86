// SPDX-License-Identifier: GPL-2.0-only
/** The `name` key every device entry has (docs/scenario.md, "devices"). */
import { z } from 'zod';

export const deviceName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, {
    error: 'a device name is letters, digits, "_" and "-", starting with a letter',
  })
  .describe('unique name, used by interpolators, events and the tick source');
