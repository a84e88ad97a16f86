// SPDX-License-Identifier: GPL-2.0-only
/**
 * Runs beyond one thread and one invocation: `--jobs 2` on the real bin prints what `--jobs 1`
 * prints; shards merged give the unsharded document byte for byte, also when the shards are run
 * by the real bin under the shipped Kubernetes Indexed Job command and Slurm array script. The
 * references, the shards of the merge tests and the usage errors run the same entry point in
 * process (`cliInProcess`): what they test is the sharding and the merge, not the process.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, cliInProcess, REPO, runBin, tempDir } from './bin.js';

const SCENARIOS = ['hpet-basic', 'itc-jitter-smp', 'late-ticks'];
const SHORT = ['--duration', '200us'];

/** A folder holding a `timer-emu` command that runs this build, for the batch scripts' PATH. */
function shimPath(): string {
  const dir = tempDir();
  const shim = join(dir, 'timer-emu');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(shim, 0o755);
  return `${dir}:${process.env.PATH ?? ''}`;
}

const unshardedRuns = new Map<number, Promise<string>>();

/** The unsharded `--json` document of SCENARIOS over `seeds` seeds, run once for every test. */
function unsharded(seeds: number): Promise<string> {
  const cached = unshardedRuns.get(seeds);
  if (cached !== undefined) return cached;
  const run = cliInProcess([
    'run',
    ...SCENARIOS,
    ...SHORT,
    '--seeds',
    String(seeds),
    '--json',
    '-q',
    '--jobs',
    '1',
  ]).then((r) => {
    expect(r.code).toBeLessThanOrEqual(1);
    return r.stdout;
  });
  unshardedRuns.set(seeds, run);
  return run;
}

/** `timer-emu merge` of the folder's JSON documents (in process: the merge reads only files). */
async function mergeFolder(dir: string): Promise<string> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(dir, f));
  const r = await cliInProcess(['merge', ...files]);
  // exit 1: a run failed its expectations; the document is still the result
  expect(r.code, r.stderr).toBeLessThanOrEqual(1);
  return r.stdout;
}

describe('run --jobs, --seeds, --shard and merge', () => {
  it('--jobs 2 prints exactly what --jobs 1 prints, human and JSON', async () => {
    for (const format of [[], ['--json']]) {
      const args = ['run', ...SCENARIOS, ...SHORT, '--seeds', '2', '--no-color', ...format];
      const one = await cliInProcess([...args, '--jobs', '1']);
      const two = await runBin([...args, '--jobs', '2']);
      expect(two.code).toBe(one.code);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stdout.length).toBeGreaterThan(100);
    }
  }, 120_000);

  it('three shards, merged in any order, equal the unsharded run byte for byte', async () => {
    const whole = await unsharded(2);
    const dir = tempDir();
    for (const k of [2, 3, 1]) {
      const r = await cliInProcess([
        'run',
        ...SCENARIOS,
        ...SHORT,
        '--seeds',
        '2',
        '--json',
        '-q',
        '--shard',
        `${k}/3`,
      ]);
      expect(JSON.parse(r.stdout).shard.positions).toEqual([k - 1, k + 2]);
      writeFileSync(join(dir, `shard-${k}.json`), r.stdout);
    }
    expect(await mergeFolder(dir)).toBe(whole);
  }, 120_000);

  it('the Kubernetes Indexed Job command, run for every index, merges to the unsharded run', async () => {
    const manifest = parse(
      readFileSync(join(REPO, 'deploy/kubernetes/timer-emu-job.yaml'), 'utf8'),
    );
    const container = manifest.spec.template.spec.containers[0];
    const shards = Number(container.env.find((e: { name: string }) => e.name === 'SHARDS').value);
    expect(manifest.spec.completionMode).toBe('Indexed');
    expect(manifest.spec.completions).toBe(shards);
    const results = tempDir();
    const env = {
      ...process.env,
      PATH: shimPath(),
      SHARDS: '3',
      SCENARIOS: SCENARIOS.join(' '),
      SEEDS: '2',
      JOBS: '1',
      TIMER_EMU_OPTIONS: SHORT.join(' '),
      RESULTS_DIR: results,
    };
    for (let index = 0; index < 3; index++)
      execFileSync(container.command[0], [...container.command.slice(1), container.args[0]], {
        env: { ...env, JOB_COMPLETION_INDEX: String(index) },
        cwd: REPO,
      });
    expect(await mergeFolder(results)).toBe(await unsharded(2));
  }, 120_000);

  it('the Slurm array script, run as every task, merges to the unsharded run', async () => {
    const results = tempDir();
    const script = join(REPO, 'deploy/slurm/timer-emu-array.sh');
    expect(readFileSync(script, 'utf8')).toMatch(/^#SBATCH --array=1-\d+$/m);
    for (let task = 1; task <= 3; task++)
      execFileSync('bash', [script], {
        cwd: REPO,
        env: {
          ...process.env,
          PATH: shimPath(),
          SLURM_ARRAY_TASK_ID: String(task),
          SLURM_ARRAY_TASK_COUNT: '3',
          SCENARIOS: SCENARIOS.join(' '),
          SEEDS: '2',
          TIMER_EMU_OPTIONS: SHORT.join(' '),
          RESULTS_DIR: results,
        },
      });
    expect(await mergeFolder(results)).toBe(await unsharded(2));
  }, 120_000);

  it('sweep: --jobs 2 equals --jobs 1, and three shards merge to the unsharded table', async () => {
    const args = ['sweep', 'hpet-basic', '--vary', 'machine.cpus=1,2,3', '--seeds', '2'];
    const opts = [...SHORT, '--json', '-q'];
    const one = await cliInProcess([...args, ...opts, '--jobs', '1']);
    const two = await runBin([...args, ...opts, '--jobs', '2']);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const dir = tempDir();
    for (const k of [1, 2, 3]) {
      const r = await cliInProcess([...args, ...opts, '--shard', `${k}/3`]);
      writeFileSync(join(dir, `shard-${k}.json`), r.stdout);
    }
    expect(await mergeFolder(dir)).toBe(one.stdout);
  }, 120_000);

  it('a bad --jobs, --seeds or --shard is a usage error before anything runs', async () => {
    for (const bad of [
      ['--jobs', '0'],
      ['--seeds', 'x'],
      ['--shard', '4/3'],
    ]) {
      const r = await cliInProcess(['run', 'hpet-basic', ...bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(bad[0]);
      expect(r.stdout).toBe('');
    }
  }, 60_000);
});
