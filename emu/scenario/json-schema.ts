// SPDX-License-Identifier: GPL-2.0-only
/**
 * The JSON Schema of scenario files for editors (`# yaml-language-server: $schema=…`), generated
 * from the zod schema's input side. Regenerate docs/scenario.schema.json with
 * `npm run build && node dist/emu/scenario/json-schema.js` (a test keeps the file current).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { builtinRegistry, type Registry } from './registry.js';
import { scenarioSchemaOf } from './schema.js';

/** Where the committed schema lives, relative to the repository root. */
export const SCHEMA_PATH = 'docs/scenario.schema.json';

/** The JSON Schema of the scenarios `registry` accepts. */
export function scenarioJsonSchema(
  registry: Registry = builtinRegistry(),
): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchemaOf(registry), { io: 'input', target: 'draft-07' }) as Record<
    string,
    unknown
  >;
}

/** The file's exact text: two-space JSON and a final newline. */
export const scenarioJsonSchemaText = (registry: Registry = builtinRegistry()): string =>
  `${JSON.stringify(scenarioJsonSchema(registry), null, 2)}\n`;

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  writeFileSync(SCHEMA_PATH, scenarioJsonSchemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
