// SPDX-License-Identifier: GPL-2.0-only
/**
 * Output files (`--trace`, `--vcd`) that never destroy anything the user did not name:
 *
 * - a regular file (or a new name) is written atomically: a temporary sibling created exclusively
 *   (`O_CREAT|O_EXCL|O_NOFOLLOW`, a random name in the same folder) is renamed over the target only
 *   when the run completes, and removed otherwise;
 * - a character device or a FIFO is streamed to directly (never replaced, never created);
 * - `-` is the standard output;
 * - a symbolic link is followed only to a device or a FIFO; a link to anything else is refused
 *   (the link or its target would be replaced without being named), as are folders and sockets.
 *
 * Errors of the environment while writing are `OutputIoError` (exit 74); what can be refused from
 * the command line alone is a `UsageError` (exit 2), decided before any run starts.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { errnoCode, OutputIoError, UsageError } from './errors.js';
import type { OutStream } from './io.js';

export type OutputKind = 'stdout' | 'stream' | 'atomic';

/** Where an output goes, decided from the command line and the file system before the run. */
export interface OutputPlan {
  /** the option that names it, e.g. `--trace` */
  readonly option: string;
  readonly path: string;
  readonly kind: OutputKind;
  /** what the path denotes, to tell two names of one file apart (`dev:ino` or a resolved path) */
  readonly identity: string;
  /** a symbolic link the user named, to a device or FIFO: opened through the link */
  readonly viaLink: boolean;
}

/** Bytes gathered before a write to the file (fewer system calls for many small records). */
const BUFFER_BYTES = 1 << 16;

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw new OutputIoError(path, errnoCode(err), 'write');
  }
}

const isStreamed = (s: Stats): boolean => s.isCharacterDevice() || s.isFIFO();

/** `dev:ino` of an existing file (following links), or null. */
export function fileIdentity(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/** The identity a new file at `path` will have: its folder's real path and its name. */
function newFileIdentity(path: string): string {
  const dir = dirname(resolve(path));
  let real = dir;
  try {
    real = realpathSync(dir);
  } catch {
    // a missing folder fails when the temporary file is created
  }
  return `new:${join(real, basename(path))}`;
}

/** Decides how `path` is written; refuses what would replace something the user did not name. */
export function planOutput(option: string, path: string): OutputPlan {
  if (path === '') throw new UsageError(`${option} needs a file name (or - for stdout)`);
  if (path === '-') return { option, path, kind: 'stdout', identity: 'stdout', viaLink: false };
  const l = lstatOrNull(path);
  if (l === null) {
    if (!isDirectory(dirname(path))) throw new UsageError(`${option} ${path}: no such folder`);
    return { option, path, kind: 'atomic', identity: newFileIdentity(path), viaLink: false };
  }
  const identity = fileIdentity(path) ?? newFileIdentity(path);
  if (l.isSymbolicLink()) return planLink(option, path, identity);
  if (isStreamed(l)) return { option, path, kind: 'stream', identity, viaLink: false };
  if (l.isFile()) return { option, path, kind: 'atomic', identity, viaLink: false };
  const what = l.isDirectory() ? 'a directory' : 'neither a file, a device nor a FIFO';
  throw new UsageError(`${option} ${path}: is ${what}`);
}

/** A link is written through only to a device or FIFO: anything else would be replaced unnamed. */
function planLink(option: string, path: string, identity: string): OutputPlan {
  let target: Stats | null = null;
  try {
    target = statSync(path);
  } catch {
    // a dangling link: refused below
  }
  if (target !== null && isStreamed(target))
    return { option, path, kind: 'stream', identity, viaLink: true };
  const to =
    target === null ? 'nothing' : target.isFile() ? 'a file' : 'neither a device nor a FIFO';
  throw new UsageError(
    `${option} ${path}: is a symbolic link to ${to}; name the file itself to overwrite it`,
  );
}

/**
 * Refuses outputs that are one of the inputs or one another (character devices such as /dev/null
 * may be named twice: writing to them destroys nothing).
 */
export function checkDistinct(inputs: readonly string[], outputs: readonly OutputPlan[]): void {
  const inputIds = new Map<string, string>();
  for (const input of inputs) {
    const id = fileIdentity(input);
    if (id !== null) inputIds.set(id, input);
  }
  const seen = new Map<string, OutputPlan>();
  for (const o of outputs) {
    const input = inputIds.get(o.identity);
    if (input !== undefined)
      throw new UsageError(`${o.option} ${o.path}: is the input ${input}; it would be replaced`);
    const other = seen.get(o.identity);
    if (other !== undefined && !isCharacterDevice(o.path))
      throw new UsageError(`${o.option} ${o.path} and ${other.option} ${other.path}: one file`);
    seen.set(o.identity, o);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isCharacterDevice(path: string): boolean {
  try {
    return statSync(path).isCharacterDevice();
  } catch {
    return false;
  }
}

/** An opened output: `write` as the run goes, then `commit` (complete run) or `abort`. */
export interface OutputFile {
  readonly path: string;
  readonly write: (chunk: string) => void;
  commit(): void;
  /** removes a temporary file; idempotent, synchronous (safe in a signal handler) */
  abort(): void;
}

/** Opens a planned output; `stdout` serves `-`. Throws `OutputIoError`. */
export function openOutput(plan: OutputPlan, stdout: OutStream): OutputFile {
  if (plan.kind === 'stdout') return stdoutOutput(plan.path, stdout);
  if (plan.kind === 'stream') return new FdOutput(plan.path, openStream(plan), null);
  const tmp = join(
    dirname(plan.path),
    `.${basename(plan.path)}.${randomBytes(8).toString('hex')}.tmp`,
  );
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  let fd: number;
  try {
    fd = openSync(tmp, flags, 0o666);
  } catch (err) {
    throw new OutputIoError(plan.path, errnoCode(err), 'write');
  }
  return new FdOutput(plan.path, fd, tmp);
}

function openStream(plan: OutputPlan): number {
  // no O_CREAT, no O_TRUNC: a device or FIFO is written to, never created or replaced
  const flags = constants.O_WRONLY | (plan.viaLink ? 0 : constants.O_NOFOLLOW);
  try {
    return openSync(plan.path, flags);
  } catch (err) {
    throw new OutputIoError(plan.path, errnoCode(err), 'write');
  }
}

function stdoutOutput(path: string, stdout: OutStream): OutputFile {
  return { path, write: (chunk) => void stdout.write(chunk), commit: () => {}, abort: () => {} };
}

/** A file descriptor with a write buffer; `tmp` is the temporary file to rename, if any. */
class FdOutput implements OutputFile {
  private fd: number | null;
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(
    readonly path: string,
    fd: number,
    private tmp: string | null,
  ) {
    this.fd = fd;
  }

  readonly write = (chunk: string): void => {
    if (this.fd === null) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= BUFFER_BYTES) this.flush();
  };

  private flush(): void {
    if (this.fd === null || this.pending.length === 0) return;
    const data = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingBytes = 0;
    try {
      for (let off = 0; off < data.length; ) off += writeSync(this.fd, data, off);
    } catch (err) {
      this.abort();
      throw new OutputIoError(this.path, errnoCode(err), 'write');
    }
  }

  commit(): void {
    if (this.fd === null) return;
    this.flush();
    const fd = this.fd;
    this.fd = null;
    try {
      closeSync(fd);
      if (this.tmp !== null) renameSync(this.tmp, this.path);
      this.tmp = null;
    } catch (err) {
      this.removeTmp();
      throw new OutputIoError(this.path, errnoCode(err), 'write');
    }
  }

  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // the descriptor is gone either way
      }
      this.fd = null;
    }
    this.removeTmp();
  }

  private removeTmp(): void {
    if (this.tmp === null) return;
    const tmp = this.tmp;
    this.tmp = null;
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or removed
    }
  }
}
