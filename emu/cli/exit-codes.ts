// SPDX-License-Identifier: GPL-2.0-only
/**
 * The exit codes of `timer-emu` (docs/cli.md): the grep/diff convention for 0-2, then the
 * sysexits.h codes for the environment (74, EX_IOERR) and for our own bugs (70, EX_SOFTWARE), and
 * 128 + the signal number for a run stopped by a signal.
 */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;
export const EXIT_IO = 74;
/** 128 + SIGINT (2) */
export const EXIT_INTERRUPTED = 130;
/** 128 + SIGTERM (15) */
export const EXIT_TERMINATED = 143;
