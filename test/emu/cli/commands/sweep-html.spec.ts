// SPDX-License-Identifier: GPL-2.0-only
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepCommand } from '../../../../emu/cli/commands/sweep.js';
import type { InterruptHost } from '../../../../emu/cli/interrupt.js';
import { cliInProcess, tempDir } from '../bin.js';

const SWEEP = ['sweep', 'hpet-basic', '--vary', 'machine.cpus=1,2', '--duration', '1ms', '-q'];

/** The JSON block the page's script reads. */
const pageData = (html: string): { document: { points: unknown[] }; charts: { id: string }[] } =>
  JSON.parse(/<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!);

describe('sweep --html', () => {
  it('writes the page of the sweep: a chart per numeric figure, the document as --json has it', async () => {
    const dir = tempDir();
    const page = join(dir, 'sweep.html');
    const r = await cliInProcess([...SWEEP, '--html', page, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(page, 'utf8');
    const data = pageData(html);
    expect(data.document).toEqual(JSON.parse(r.stdout));
    expect(data.charts.map((c) => c.id)).toEqual([
      'reads',
      'backward_steps',
      'max_abs_error_ns',
      'max_stall_ns',
      'cmpxchg_retries_per_read',
    ]);
    expect(html).toContain('<title>timer-emu sweep: hpet-basic</title>');
    expect(readdirSync(dir)).toEqual(['sweep.html']);
  });

  it('- writes the page on stdout, and the document on stderr', async () => {
    const r = await cliInProcess([...SWEEP, '--html', '-', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(pageData(r.stdout).document).toEqual(JSON.parse(r.stderr));
  });

  it('with --shard is a usage error: a shard has no whole table', async () => {
    const dir = tempDir();
    const page = join(dir, 'shard.html');
    const r = await cliInProcess([...SWEEP, '--shard', '1/2', '--html', page]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--html .*merge --html/);
    expect(r.stdout).toBe('');
    expect(existsSync(page)).toBe(false);
  });

  it('refuses to write over the scenario or to share a file with --csv', async () => {
    const dir = tempDir();
    const scenario = join(dir, 's.yaml');
    writeFileSync(scenario, readFileSync('scenarios/hpet-basic.yaml'));
    const over = await cliInProcess([
      'sweep',
      scenario,
      '--vary',
      'machine.cpus=1',
      '--html',
      scenario,
    ]);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/--html .* is the input/);
    const both = await cliInProcess([...SWEEP, '--csv', '-', '--html', '-']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--html - and --csv -: one file/);
  });
});

describe('sweep --html, stopped by a signal', () => {
  it('writes no page (an incomplete table would pass for the whole one)', async () => {
    const dir = tempDir();
    const page = join(dir, 'stopped.html');
    // SIGINT as soon as the sweep listens: no run completes
    const host: InterruptHost = {
      on: (signal, listener) => (signal === 'SIGINT' ? listener('SIGINT') : undefined),
      off: () => undefined,
      exit: () => {
        throw new Error('exit');
      },
    };
    const out = { stdout: '', stderr: '' };
    const io = {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
    };
    const code = await sweepCommand(
      { file: 'hpet-basic', vary: ['machine.cpus=1,2'], duration: '1ms', html: page, quiet: true },
      io,
      undefined,
      host,
    );
    expect(code).toBe(130);
    expect(out.stdout).toContain('INCOMPLETE');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('merge --html', () => {
  it('makes of the shards of a sweep the page of the unsharded sweep, byte for byte', async () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.html');
    expect((await cliInProcess([...SWEEP, '--html', whole])).code).toBe(0);
    const shards = [];
    for (const k of [1, 2]) {
      const r = await cliInProcess([...SWEEP, '--shard', `${k}/2`, '--json']);
      shards.push(join(dir, `shard-${k}.json`));
      writeFileSync(shards[k - 1]!, r.stdout);
    }
    const merged = join(dir, 'merged.html');
    const r = await cliInProcess(['merge', ...shards, '--html', merged]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).format).toBe('timer-emu-sweep');
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(whole, 'utf8'));
  });

  it("of a run's shards is a usage error naming the file", async () => {
    const dir = tempDir();
    const shard = join(dir, 'run-1.json');
    const r1 = await cliInProcess('run hpet-basic --duration 1ms --shard 1/1 --json -q'.split(' '));
    writeFileSync(shard, r1.stdout);
    const r = await cliInProcess(['merge', shard, '--html', join(dir, 'run.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--html: ${shard} is a run's shard`);
    expect(readdirSync(dir)).toEqual(['run-1.json']);
  });
});
