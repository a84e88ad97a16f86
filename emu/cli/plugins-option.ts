// SPDX-License-Identifier: GPL-2.0-only
/** The `--plugin FILE` option (repeatable) of run, check and list, and the registry it gives. */
import type { Argv } from 'yargs';
import { builtinRegistry, type Registry } from '../scenario/registry.js';
import { loadPlugins } from './plugins.js';

export interface PluginArgs {
  readonly plugin?: string[];
}

export const pluginOption = <T>(y: Argv<T>) =>
  y.option('plugin', {
    type: 'string',
    array: true,
    requiresArg: true,
    describe: 'an ES module of device descriptors (docs/adding-a-device.md); repeatable',
  });

/** The built-in registry plus the device types of the given plugins. */
export async function registryWith(plugins: readonly string[] | undefined): Promise<Registry> {
  const registry = builtinRegistry();
  await loadPlugins(plugins ?? [], registry);
  return registry;
}
