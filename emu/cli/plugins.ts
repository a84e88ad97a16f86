// SPDX-License-Identifier: GPL-2.0-only
/**
 * `--plugin FILE`: ES modules of device descriptors added to a registry before the scenarios load
 * (docs/adding-a-device.md, "In your own module"). Every failure is a UsageError naming the
 * plugin file and what is wrong (exit 2): a missing file, a syntax error, a throw at import, a
 * wrong export, an invalid descriptor, a type that is already defined.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Registry } from '../scenario/registry.js';
import { UsageError } from './errors.js';
import { asDescriptor, descriptorProblem, descriptorsOf } from './plugins-validate.js';

/** Loads each plugin in order into `registry`; `cwd` resolves relative paths. */
export async function loadPlugins(
  paths: readonly string[],
  registry: Registry,
  cwd: string = process.cwd(),
): Promise<void> {
  for (const path of paths) await loadPlugin(path, registry, cwd);
}

async function loadPlugin(path: string, registry: Registry, cwd: string): Promise<void> {
  const fail = (what: string) => new UsageError(`plugin ${path}: ${what}`);
  const file = resolve(cwd, path);
  if (!existsSync(file)) throw fail('no such file');
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw fail(importFailure(err));
  }
  const descriptors = descriptorsOf(module);
  if (typeof descriptors === 'string') throw fail(descriptors);
  const known = new Set(registry.devices().map((d) => d.type));
  descriptors.forEach((d, i) => {
    const problem = descriptorProblem(d);
    if (problem !== undefined) throw fail(`device ${i}: ${problem}`);
    const descriptor = asDescriptor(d);
    if (known.has(descriptor.type)) {
      throw fail(
        `device type ${descriptor.type} is already defined (built in, or by an earlier plugin)`,
      );
    }
    known.add(descriptor.type);
    registry.addDevice(descriptor);
  });
}

/** What went wrong importing a module, in one line: where Node reports a syntax error, that. */
function importFailure(err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  if (err instanceof SyntaxError) return `syntax error: ${message}`;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND') return `an import it makes is not found: ${message}`;
  return `throws when imported: ${message}`;
}
