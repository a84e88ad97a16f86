// SPDX-License-Identifier: GPL-2.0-only
/**
 * The layering rules of biome.json (docs/architecture.md) catch what they are meant to catch: a
 * forbidden import and an import cycle written into a scratch copy of the tree layout fail
 * `biome lint` with the rule's name; the allowed imports pass. And the engine's imports of the
 * kernel's operation types are type-only (Biome cannot tell a type import from a value import).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const biome = join(root, 'node_modules', '.bin', 'biome');
const scratch = mkdtempSync(join(tmpdir(), 'timer-emu-layers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'));
config.vcs = { enabled: false };
writeFileSync(join(scratch, 'biome.json'), JSON.stringify(config));

/** The scratch trees by name (path → source), declared while the specs are collected. */
const TREES = new Map<string, Record<string, string>>();

/** Declares the tree `name` of `files`; returns its name. */
function tree(name: string, files: Record<string, string>): string {
  TREES.set(name, files);
  return name;
}

interface Findings {
  /** Biome reported an error in the tree */
  readonly failed: boolean;
  /** the rules it reported there */
  readonly rules: string[];
}

/**
 * Writes every tree into its folder of `scratch` and runs `biome lint` once over them all: one
 * Biome start instead of one per tree (about 0.2 s of CPU each). Each tree has its own nested
 * biome.json, so the layer globs match within it. The default reporter heads each diagnostic with
 * `TREE/path:line:col lint/group/rule`, and its message line starts with × for an error.
 */
function lintAll(): Map<string, Findings> {
  const found = new Map<string, { failed: boolean; rules: string[] }>();
  for (const [name, files] of TREES) {
    const dir = join(scratch, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'biome.json'), JSON.stringify({ extends: '//', root: false }));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), `// SPDX-License-Identifier: GPL-2.0-only\n${text}`);
    }
    found.set(name, { failed: false, rules: [] });
  }
  let out = '';
  try {
    execFileSync(biome, ['lint', '--max-diagnostics=200', '.'], { cwd: scratch, stdio: 'pipe' });
  } catch (e) {
    out = String((e as { stdout: Buffer }).stdout) + String((e as { stderr: Buffer }).stderr);
  }
  const heading = /^([\w-]+)\/\S+:\d+:\d+ lint\/\w+\/(\w+).*\n(?:\s*\n)*\s*(\S)/gm;
  for (const [, name, rule, mark] of out.matchAll(heading)) {
    const f = found.get(name!);
    if (f === undefined) throw new Error(`biome reported a file outside the trees: ${name}`);
    if (mark === '×') f.failed = true;
    if (!f.rules.includes(rule!)) f.rules.push(rule!);
  }
  return found;
}

let findings: Map<string, Findings> | undefined;

/** What Biome found in the tree `name` (every tree is linted at the first call). */
function lint(name: string): Findings {
  findings ??= lintAll();
  return findings.get(name)!;
}

const exporting = (what: string) => `export const ${what} = 1;\n`;
/** A module that imports `what` from `from` and exports it again as `as`. */
const importing = (what: string, from: string, as: string) =>
  `import { ${what} } from '${from}';\n\nexport const ${as} = ${what};\n`;

describe('biome.json layering rules', () => {
  const baseEngine = tree('base-engine', {
    'emu/engine/scheduler.ts': exporting('Scheduler'),
    'emu/base/x.ts': importing('Scheduler', '../engine/scheduler.js', 'x'),
  });
  const upward = tree('upward', {
    'emu/trace/tracer.ts': exporting('Tracer'),
    'emu/machine/machine.ts': exporting('Machine'),
    'emu/engine/executor.ts': importing('Tracer', '../trace/tracer.js', 'e'),
    'emu/checkers/c.ts': importing('Machine', '../machine/machine.js', 'c'),
  });
  const kernelDevice = tree('kernel-device', {
    'devices/device.ts': exporting('D'),
    'emu/engine/bus.ts': exporting('Bus'),
    'interpolator/drivers/char/hpet.ts': importing('D', '../../../devices/device.js', 'h'),
    'devices/hpet/hpet.ts': importing('Bus', '../../emu/engine/bus.js', 'h'),
  });
  const internal = tree('internal', {
    'emu/engine/split-time.ts': exporting('SPLIT'),
    'emu/machine/watch.ts': importing('SPLIT', '../engine/split-time.js', 'w'),
  });
  const explain = tree('explain', {
    'emu/cli/io.ts': exporting('IO'),
    'emu/explain/recorder.ts': exporting('R'),
    'emu/explain/text.ts': importing('IO', '../cli/io.js', 't'),
    'emu/machine/machine.ts': importing('R', '../explain/recorder.js', 'm'),
  });
  const allowed = tree('allowed', {
    'emu/base/time.ts': exporting('FS'),
    'devices/device.ts': importing('FS', '../emu/base/time.js', 'D'),
    'interpolator/ops.ts': exporting('OP'),
    'emu/engine/bus.ts':
      "import type { D } from '../../devices/device.js';\nimport type { OP } from '../../interpolator/ops.js';\nimport { FS } from '../base/time.js';\n\nexport type B = [typeof D, typeof OP];\nexport const Bus = FS;\n",
    'emu/machine/machine.ts': importing('Bus', '../engine/bus.js', 'M'),
  });
  const cycle = tree('cycle', {
    'emu/engine/a.ts': "import { b } from './b.js';\n\nexport const a = () => b;\n",
    'emu/engine/b.ts': "import { a } from './a.js';\n\nexport const b = () => a;\n",
  });

  it.each([
    ['emu/base importing the engine', baseEngine, 'noRestrictedImports'],
    [
      'the engine importing emu/trace, and a checker importing the machine',
      upward,
      'noRestrictedImports',
    ],
    [
      'kernel code importing a device, and devices importing the engine',
      kernelDevice,
      'noRestrictedImports',
    ],
    ["emu/machine importing the engine's split time", internal, 'noRestrictedImports'],
    [
      'emu/explain importing the cli, and the machine importing emu/explain',
      explain,
      'noRestrictedImports',
    ],
    ['an import cycle', cycle, 'noImportCycles'],
  ] as const)('reject %s', (_, name, rule) => {
    const r = lint(name);
    expect(r.failed).toBe(true);
    expect(r.rules).toEqual([rule]);
  });

  it('accept the imports the layers allow', () => {
    const r = lint(allowed);
    expect(r).toEqual({ failed: false, rules: [] });
  });
});

describe('emu/engine', () => {
  it('imports interpolator/ops.ts for its types only', () => {
    const dir = join(root, 'emu', 'engine');
    const imports = readdirSync(dir).flatMap((f) =>
      [
        ...readFileSync(join(dir, f), 'utf8').matchAll(
          /^import (.*) from '[./]*interpolator\/.*$/gm,
        ),
      ].map((m) => `${f}: ${m[1]}`),
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((l) => !/^[\w.-]+: type /.test(l))).toEqual([]);
  });
});
