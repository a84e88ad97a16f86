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

/** Writes `files` (path → source) into a fresh tree and lints it: exit status and rule names. */
function lint(name: string, files: Record<string, string>): { status: number; rules: string[] } {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'biome.json'), JSON.stringify({ extends: '//', root: false }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), `// SPDX-License-Identifier: GPL-2.0-only\n${text}`);
  }
  try {
    execFileSync(biome, ['lint', '--max-diagnostics=50', '.'], { cwd: dir, stdio: 'pipe' });
    return { status: 0, rules: [] };
  } catch (e) {
    const out = String((e as { stdout: Buffer }).stdout) + String((e as { stderr: Buffer }).stderr);
    const rules = [...out.matchAll(/lint\/\w+\/(\w+)/g)].map((m) => m[1]!);
    return { status: (e as { status: number }).status, rules: [...new Set(rules)] };
  }
}

const exporting = (what: string) => `export const ${what} = 1;\n`;

describe('biome.json layering rules', () => {
  it('reject emu/base importing the engine', () => {
    const r = lint('base-engine', {
      'emu/engine/scheduler.ts': exporting('Scheduler'),
      'emu/base/x.ts':
        "import { Scheduler } from '../engine/scheduler.js';\n\nexport const x = Scheduler;\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.rules).toEqual(['noRestrictedImports']);
  });

  it('reject the engine importing emu/trace, and a checker importing the machine', () => {
    const r = lint('upward', {
      'emu/trace/tracer.ts': exporting('Tracer'),
      'emu/machine/machine.ts': exporting('Machine'),
      'emu/engine/executor.ts':
        "import { Tracer } from '../trace/tracer.js';\n\nexport const e = Tracer;\n",
      'emu/checkers/c.ts':
        "import { Machine } from '../machine/machine.js';\n\nexport const c = Machine;\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.rules).toEqual(['noRestrictedImports']);
  });

  it('reject kernel code importing a device, and devices importing the engine', () => {
    const r = lint('kernel-device', {
      'devices/device.ts': exporting('D'),
      'emu/engine/bus.ts': exporting('Bus'),
      'interpolator/drivers/char/hpet.ts':
        "import { D } from '../../../devices/device.js';\n\nexport const h = D;\n",
      'devices/hpet/hpet.ts':
        "import { Bus } from '../../emu/engine/bus.js';\n\nexport const h = Bus;\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.rules).toEqual(['noRestrictedImports']);
  });

  it("reject emu/machine importing the engine's split time", () => {
    const r = lint('internal', {
      'emu/engine/split-time.ts': exporting('SPLIT'),
      'emu/machine/watch.ts':
        "import { SPLIT } from '../engine/split-time.js';\n\nexport const w = SPLIT;\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.rules).toEqual(['noRestrictedImports']);
  });

  it('reject emu/explain importing the cli, and the machine importing emu/explain', () => {
    const r = lint('explain', {
      'emu/cli/io.ts': exporting('IO'),
      'emu/explain/recorder.ts': exporting('R'),
      'emu/explain/text.ts': "import { IO } from '../cli/io.js';\n\nexport const t = IO;\n",
      'emu/machine/machine.ts':
        "import { R } from '../explain/recorder.js';\n\nexport const m = R;\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.rules).toEqual(['noRestrictedImports']);
  });

  it('accept the imports the layers allow', () => {
    const r = lint('allowed', {
      'emu/base/time.ts': exporting('FS'),
      'devices/device.ts': "import { FS } from '../emu/base/time.js';\n\nexport const D = FS;\n",
      'interpolator/ops.ts': exporting('OP'),
      'emu/engine/bus.ts':
        "import type { D } from '../../devices/device.js';\nimport type { OP } from '../../interpolator/ops.js';\nimport { FS } from '../base/time.js';\n\nexport type B = [typeof D, typeof OP];\nexport const Bus = FS;\n",
      'emu/machine/machine.ts':
        "import { Bus } from '../engine/bus.js';\n\nexport const M = Bus;\n",
    });
    expect(r).toEqual({ status: 0, rules: [] });
  });

  it('reject an import cycle', () => {
    const r = lint('cycle', {
      'emu/engine/a.ts': "import { b } from './b.js';\n\nexport const a = () => b;\n",
      'emu/engine/b.ts': "import { a } from './a.js';\n\nexport const b = () => a;\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.rules).toEqual(['noImportCycles']);
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
