// SPDX-License-Identifier: GPL-2.0-only
/**
 * docs/examples/new-time-source in a project of a user's: the packed package (`npm pack`), vitest
 * and fast-check, nothing else of ours; offline. `npm install --offline` installs the tarball when
 * the npm cache holds its dependencies (CI after `npm ci`); otherwise the tarball is unpacked into
 * node_modules as npm would and its dependencies are linked from ours. vitest, @fast-check/vitest
 * and fast-check are linked from ours either way (one fast-check for the test and the arbitraries).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../emu/cli/bin.js';

const EXAMPLE = join(REPO, 'docs/examples/new-time-source');
const LINKED = ['vitest', '@fast-check/vitest', 'fast-check'];

function pack(into: string): string {
  const out = execFileSync('npm', ['pack', '--pack-destination', into, '--ignore-scripts'], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return join(into, out.trim().split('\n').at(-1)!);
}

function link(project: string, name: string): void {
  const at = join(project, 'node_modules', name);
  rmSync(at, { recursive: true, force: true });
  mkdirSync(join(at, '..'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules', name), at, 'dir');
}

function installOffline(project: string, tarball: string): void {
  const npm = spawnSync(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
    { cwd: project, stdio: 'ignore' },
  );
  if (npm.status === 0) return;
  const at = join(project, 'node_modules/timer-emu');
  mkdirSync(at, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', at, '--strip-components=1']);
  const deps = JSON.parse(readFileSync(join(at, 'package.json'), 'utf8')).dependencies;
  for (const name of Object.keys(deps as object)) link(project, name);
}

function userProject(): string {
  const dir = tempDir();
  const project = join(dir, 'user');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'user', private: true, type: 'module' }),
  );
  installOffline(project, pack(dir));
  for (const name of LINKED) link(project, name);
  cpSync(EXAMPLE, project, { recursive: true });
  return project;
}

/**
 * One vitest run in the user's project over the example as shipped and over `broken/`, the same
 * property file beside a copy of the scenario whose driver drops its jitter flag.
 */
function runUserVitest(project: string) {
  const broken = join(project, 'broken');
  mkdirSync(broken);
  cpSync(join(project, 'my-counter.property.test.ts'), join(broken, 'my-counter.property.test.ts'));
  const scenario = readFileSync(join(project, 'my-counter.yaml'), 'utf8');
  expect(scenario).toContain(', jitter: 1 }');
  writeFileSync(join(broken, 'my-counter.yaml'), scenario.replace(', jitter: 1 }', ' }'));
  const report = join(project, 'vitest-report.json');
  const r = spawnSync(
    process.execPath,
    [
      join(project, 'node_modules/vitest/vitest.mjs'),
      'run',
      // the two files in one module graph: a user runs one file, where isolation changes nothing,
      // and importing @fast-check/vitest (1.2 s under vitest 4.1) once instead of twice halves
      // the run
      '--no-isolate',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
  );
  const files = (
    JSON.parse(readFileSync(report, 'utf8')) as {
      testResults: { name: string; status: string; message: string; assertionResults: unknown[] }[];
    }
  ).testResults;
  const result = (dir: string) => {
    const f = files.find((t) => t.name === join(dir, 'my-counter.property.test.ts'));
    expect(f, `${dir}: ${r.stdout}${r.stderr}`).toBeDefined();
    return { status: f!.status, text: JSON.stringify(f) };
  };
  // the failure's cause (the property's message) is in the printed report, not in the JSON one;
  // only the broken copy fails, so every failure printed is its
  return {
    status: r.status,
    printed: r.stdout + r.stderr,
    shipped: result(project),
    broken: result(broken),
  };
}

describe('docs/examples/new-time-source with only the packed package', () => {
  let project = '';
  let run: ReturnType<typeof runUserVitest> | undefined;
  const userRun = () => {
    run ??= runUserVitest(project);
    return run;
  };
  beforeAll(() => {
    project = userProject();
  }, 300_000);

  it('ships timer-emu/testing and its dependencies, not our tests', () => {
    const pkg = join(project, 'node_modules/timer-emu');
    expect(existsSync(join(pkg, 'dist/emu/testing/index.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist/cli/timer-emu.js'))).toBe(true);
    expect(existsSync(join(pkg, 'test'))).toBe(false);
    expect(existsSync(join(pkg, 'dist/test'))).toBe(false);
  });

  it('the main entry loads, runs and serializes a scenario with the user device', () => {
    const script = join(project, 'use-api.mjs');
    writeFileSync(
      script,
      [
        "import { builtinRegistry, loadScenario, parseScenario, runScenario, serializeScenario } from 'timer-emu';",
        "import mySource from './my-source.js';",
        'const registry = builtinRegistry();',
        'registry.addDevice(mySource);',
        "const s = loadScenario('my-source.yaml', { registry });",
        'const run = runScenario(s, { registry });',
        'const again = parseScenario(serializeScenario(s, registry), "again.yaml", { registry });',
        'console.log(JSON.stringify({ passed: run.passed, reads: run.result.verdict.reads, same: again.devices[0].type === s.devices[0].type && again.durationFs === s.durationFs }));',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [script], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { passed: boolean; reads: number; same: boolean };
    expect(out.passed).toBe(true);
    expect(out.reads).toBeGreaterThan(100);
    expect(out.same).toBe(true);
  }, 120_000);

  it('timer-emu run --plugin runs the user device from the packed bin', () => {
    const pkg = join(project, 'node_modules/timer-emu');
    const bin = join(
      pkg,
      JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).bin['timer-emu'],
    );
    const r = spawnSync(
      process.execPath,
      [bin, 'run', '--plugin', './my-source.js', 'my-source.yaml'],
      {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/PASS\s+monotonic/);
  }, 120_000);

  it('the property file passes', () => {
    const r = userRun();
    expect(r.shipped.status, r.shipped.text).toBe('passed');
  }, 300_000);

  it('the property file finds the bug once the driver drops its jitter flag', () => {
    const r = userRun();
    expect(r.broken.status).toBe('failed');
    expect(r.status).toBe(1);
    expect(r.printed).toMatch(/broken\/my-counter\.property\.test\.ts/);
    expect(r.printed).toMatch(/monotonic: expected true, measured false/);
    expect(r.printed).toMatch(/the failing scenario \(save it and replay it/);
  }, 300_000);
});
