// SPDX-License-Identifier: GPL-2.0-only
/**
 * Our VCD read by a real reader: GTKWave's `vcd2fst` converts it to FST, `fst2vcd` writes it back,
 * and the scope tree, the signal names and values are checked on GTKWave's rendering.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../emu/cli/io.js';
import { runCli } from '../../../emu/cli/main.js';
import { VcdTraceSink } from '../../../emu/trace/vcd-sink.js';

const VCD2FST = '/usr/bin/vcd2fst';
const FST2VCD = '/usr/bin/fst2vcd';
const gtkwave = existsSync(VCD2FST) && existsSync(FST2VCD);

interface Dump {
  /** every scope as its path (`top/cpu0`), in declaration order */
  readonly scopes: string[];
  /** signal path (`top/cpu0/read_ns`) → its changes in time order, ps and value */
  readonly signals: Map<string, [bigint, bigint][]>;
}

/** The VCD as GTKWave reads it: our file through vcd2fst, then fst2vcd's rendering parsed. */
function throughGtkwave(vcd: string): Dump {
  const d = mkdtempSync(join(tmpdir(), 'timer-emu-vcd-'));
  writeFileSync(join(d, 'a.vcd'), vcd);
  execFileSync(VCD2FST, [join(d, 'a.vcd'), join(d, 'a.fst')], { stdio: 'ignore' });
  return parse(execFileSync(FST2VCD, [join(d, 'a.fst')], { encoding: 'utf8' }));
}

function parse(text: string): Dump {
  const scopes: string[] = [];
  const path: string[] = [];
  const byId = new Map<string, [bigint, bigint][]>();
  const signals = new Map<string, [bigint, bigint][]>();
  let t = 0n;
  for (const line of text.split('\n')) {
    const w = line.trim().split(/\s+/);
    if (w[0] === '$scope') scopes.push([...path, w[2]!].join('/')) && path.push(w[2]!);
    else if (w[0] === '$upscope') path.pop();
    else if (w[0] === '$var') {
      const changes = byId.get(w[3]!) ?? [];
      byId.set(w[3]!, changes);
      signals.set([...path, w[4]!].join('/'), changes);
    } else if (line.startsWith('#')) t = BigInt(line.slice(1));
    else if (line.startsWith('b')) byId.get(w[1]!)?.push([t, BigInt(`0${w[0]}`)]);
    else if (/^[01][!-~]+$/.test(line)) byId.get(line.slice(1))?.push([t, BigInt(line[0]!)]);
  }
  return { scopes, signals };
}

const last = (d: Dump, name: string): bigint | undefined => d.signals.get(name)?.at(-1)?.[1];

describe.skipIf(!gtkwave)('VCD read by GTKWave (vcd2fst, fst2vcd; Debian package gtkwave)', () => {
  it('keeps the scope tree, the names, a negative error and the skip count', () => {
    let vcd = '';
    const s = new VcdTraceSink((c) => (vcd += c), { cpuCount: 2, devices: ['hpet0'] });
    s.record({
      type: 'read',
      t: 5_000_000n,
      start: 4_000_000n,
      cpu: 1,
      call: 'getnstimeofday',
      clock: 'realtime',
      valueNs: 1_000_000_007n,
      trueNs: 1_000_000_010n,
      errorNs: -3n,
    });
    s.record({ type: 'skip', t: 6_000_000n, cpu: 0, nsSkipped: 40n });
    s.record({ type: 'skip', t: 7_000_000n, cpu: 0, nsSkipped: 40n });
    s.end();
    const d = throughGtkwave(vcd);
    expect(d.scopes).toEqual([
      'machine',
      'machine/cpu0',
      'machine/cpu1',
      'machine/interpolator',
      'machine/kernel',
      'machine/hpet0',
    ]);
    expect([...d.signals.keys()].filter((k) => k.startsWith('machine/interpolator/'))).toEqual(
      ['offset', 'last_counter', 'last_cycle', 'nsec_per_cyc', 'skips'].map(
        (n) => `machine/interpolator/${n}`,
      ),
    );
    expect(d.signals.get('machine/cpu1/read_ns')?.at(-1)).toEqual([5000n, 1_000_000_007n]);
    expect(BigInt.asIntN(64, last(d, 'machine/cpu1/read_error_ns')!)).toBe(-3n);
    expect(d.signals.get('machine/interpolator/skips')?.at(-1)).toEqual([7000n, 2n]);
  });

  it("shows a run's last read per CPU, the device counter and jiffies", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timer-emu-vcd-run-'));
    const io: CliIo = {
      stdout: { write: () => {}, isTTY: false },
      stderr: { write: () => {} },
      env: {},
    };
    const [trace, vcdPath] = [join(dir, 't.jsonl'), join(dir, 't.vcd')];
    const argv = ['run', 'scenarios/hpet-basic.yaml', '--duration', '10ms', '--vcd', vcdPath];
    expect(await runCli([...argv, '--trace', trace, '--trace-kinds', 'read'], io)).toBe(0);
    const d = throughGtkwave(readFileSync(vcdPath, 'utf8'));
    const reads = readFileSync(trace, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((r) => r.type === 'read' && r.cpu === 0);
    const lastRead = reads.at(-1);
    expect(reads.length).toBeGreaterThan(10);
    expect(d.signals.get('hpet-basic/cpu0/read_ns')?.at(-1)).toEqual([
      BigInt(lastRead.t) / 1000n,
      BigInt(lastRead.valueNs),
    ]);
    expect(BigInt.asIntN(64, last(d, 'hpet-basic/cpu0/read_error_ns')!)).toBe(
      BigInt(lastRead.errorNs),
    );
    expect(last(d, 'hpet-basic/kernel/jiffies')).toBeGreaterThan(0n);
    expect(d.signals.get('hpet-basic/hpet0/counter')!.length).toBeGreaterThan(10);
    // the tick's update stored last_counter (beyond the initial value of $dumpvars)
    expect(d.signals.get('hpet-basic/interpolator/last_counter')!.length).toBeGreaterThan(1);
    // in_syscall: up at the last read's start, down at its end; the ITC's per-CPU counter read
    const inCall = d.signals.get('hpet-basic/cpu0/in_syscall')!;
    expect(inCall.slice(-2)).toEqual([
      [BigInt(lastRead.start) / 1000n, 1n],
      [BigInt(lastRead.t) / 1000n, 0n],
    ]);
    expect(d.scopes).toContain('hpet-basic/itc');
    expect(last(d, 'hpet-basic/itc/counter_cpu0')).toBeGreaterThan(0n);
    expect(d.signals.has('hpet-basic/cpu3/stalled')).toBe(true);
  });
});
