// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { type InterruptHost, RunInterrupt, type StopSignal } from '../../../emu/cli/interrupt.js';

class FakeHost implements InterruptHost {
  readonly listeners = new Map<StopSignal, (s: StopSignal) => void>();
  exited: number | null = null;
  on(signal: StopSignal, l: (s: StopSignal) => void) {
    this.listeners.set(signal, l);
  }
  off(signal: StopSignal) {
    this.listeners.delete(signal);
  }
  exit(code: number): never {
    this.exited = code;
    return undefined as never;
  }
  send(signal: StopSignal) {
    this.listeners.get(signal)?.(signal);
  }
}

describe('RunInterrupt', () => {
  it('the first signal asks to stop; its exit code is 128 + the signal number', () => {
    const host = new FakeHost();
    const said: string[] = [];
    const i = new RunInterrupt(host, (l) => said.push(l));
    i.install();
    expect([i.stopped(), i.exitCode()]).toEqual([false, null]);
    host.send('SIGTERM');
    expect([i.stopped(), i.exitCode(), host.exited]).toEqual([true, 143, null]);
    expect(said).toEqual(['SIGTERM: stopping the run (again to quit at once)']);
  });

  it('a second signal runs the cleanups and exits at once', () => {
    const host = new FakeHost();
    const i = new RunInterrupt(host);
    const cleaned: string[] = [];
    i.onExit(() => cleaned.push('a'));
    const forget = i.onExit(() => cleaned.push('b'));
    forget();
    i.install();
    host.send('SIGINT');
    expect(cleaned).toEqual([]);
    host.send('SIGINT');
    expect(cleaned).toEqual(['a']);
    expect(host.exited).toBe(130);
  });

  it('listens only while installed', () => {
    const host = new FakeHost();
    const i = new RunInterrupt(host);
    i.install();
    i.uninstall();
    expect(host.listeners.size).toBe(0);
  });
});
