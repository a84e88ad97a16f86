// SPDX-License-Identifier: GPL-2.0-only
/**
 * Ctrl-C (SIGINT) and SIGTERM during runs: the first signal asks the run to stop (it ends at the
 * next slice with the figures so far, marked incomplete, and its temporary files removed); a
 * second one removes the temporary files at once and exits with 128 + the signal number.
 */
import { EXIT_INTERRUPTED, EXIT_TERMINATED } from './exit-codes.js';

export type StopSignal = 'SIGINT' | 'SIGTERM';

const EXIT_CODE: Readonly<Record<StopSignal, number>> = {
  SIGINT: EXIT_INTERRUPTED,
  SIGTERM: EXIT_TERMINATED,
};

export interface InterruptHost {
  on(signal: StopSignal, listener: (signal: StopSignal) => void): unknown;
  off(signal: StopSignal, listener: (signal: StopSignal) => void): unknown;
  exit(code: number): never;
}

/** Listens while installed; `cleanups` (temporary files) run on an immediate exit. */
export class RunInterrupt {
  private received: StopSignal | null = null;
  private readonly cleanups = new Set<() => void>();
  private readonly stopListeners = new Set<() => void>();

  constructor(
    private readonly host: InterruptHost = process as unknown as InterruptHost,
    private readonly say: (line: string) => void = () => {},
  ) {}

  /** The first signal received, or null. */
  get signal(): StopSignal | null {
    return this.received;
  }

  readonly stopped = (): boolean => this.received !== null;

  /** The exit code of the stopped run, or null when no signal came. */
  exitCode(): number | null {
    return this.received === null ? null : EXIT_CODE[this.received];
  }

  /** Registers a cleanup for an immediate exit; returns its removal. */
  onExit(cleanup: () => void): () => void {
    this.cleanups.add(cleanup);
    return () => this.cleanups.delete(cleanup);
  }

  /** Registers a listener for the first signal (runs on other threads to stop); returns its removal. */
  onStop(listener: () => void): () => void {
    this.stopListeners.add(listener);
    return () => this.stopListeners.delete(listener);
  }

  private readonly listener = (signal: StopSignal): void => {
    if (this.received === null) {
      this.received = signal;
      this.say(`${signal}: stopping the run (again to quit at once)`);
      for (const stop of this.stopListeners) stop();
      return;
    }
    for (const cleanup of this.cleanups) cleanup();
    this.host.exit(EXIT_CODE[signal]);
  };

  install(): void {
    this.host.on('SIGINT', this.listener);
    this.host.on('SIGTERM', this.listener);
  }

  uninstall(): void {
    this.host.off('SIGINT', this.listener);
    this.host.off('SIGTERM', this.listener);
  }
}
