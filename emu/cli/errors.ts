// SPDX-License-Identifier: GPL-2.0-only
/**
 * A usage error or invalid user input (bad arguments, unreadable or malformed files): the CLI
 * prints the message alone, never a stack, and exits 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
