// SPDX-License-Identifier: GPL-2.0-only
import type { ScenarioIssue } from '../scenario/errors.js';

/**
 * A usage error or invalid user input (bad arguments, unreadable or malformed files): the CLI
 * prints the message alone, never a stack, and exits 2. `issues` carries the located findings of
 * invalid scenario files, for the JSON error document.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly issues: readonly ScenarioIssue[] = [],
  ) {
    super(message);
  }
}

/**
 * An I/O error of the environment on an output (disk full, EIO, permission denied): the CLI
 * prints the message, which names the path, and exits 74.
 */
export class OutputIoError extends Error {
  override readonly name = 'OutputIoError';
  constructor(
    readonly path: string,
    readonly code: string,
    what: string,
  ) {
    super(`cannot ${what} ${path}: ${ioReason(code)}`);
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device (ENOSPC)',
  EDQUOT: 'disk quota exceeded (EDQUOT)',
  EIO: 'input/output error (EIO)',
  EACCES: 'permission denied (EACCES)',
  EPERM: 'operation not permitted (EPERM)',
  EROFS: 'read-only file system (EROFS)',
  EPIPE: 'the reader closed the pipe (EPIPE)',
  ENOENT: 'no such folder (ENOENT)',
  ENOTDIR: 'a part of the path is not a folder (ENOTDIR)',
};

function ioReason(code: string): string {
  return REASONS[code] ?? code;
}

/** The errno code of a Node error, or 'EIO' for a thrown value without one. */
export function errnoCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'EIO';
}
