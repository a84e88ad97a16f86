// SPDX-License-Identifier: GPL-2.0-only
/** The `--plugin FILE` option (repeatable) of run, check and list, and the registry it gives. */
import type { Argv } from 'yargs';
import { builtinRegistry, type Registry } from '../scenario/registry.js';
import { loadPlugins } from './plugins.js';

export interface PluginArgs {
  /** one path, or several when the option is repeated (not greedy: a positional may follow) */
  readonly plugin?: string | string[];
}

/** The `--plugin` paths as a list. */
export const pluginPaths = (v: string | readonly string[] | undefined): string[] =>
  v === undefined ? [] : [v].flat();

export const pluginOption = <T>(y: Argv<T>) =>
  y.option('plugin', {
    type: 'string',
    requiresArg: true,
    describe: 'an ES module of device descriptors (docs/adding-a-device.md); repeat for more',
  });

/** The built-in registry plus the device types of the given plugins. */
export async function registryWith(
  plugins: string | readonly string[] | undefined,
): Promise<Registry> {
  const registry = builtinRegistry();
  await loadPlugins(pluginPaths(plugins), registry);
  return registry;
}
