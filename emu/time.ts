/**
 * Simulated time: an exact integer count of femtoseconds since the start of the run (`bigint`).
 * This is the reference representation (DESIGN.md, "Simulated time"); any faster form must be
 * held equal to it by a property test. Nothing below the CLI reads the host clock.
 */
export type TimeFs = bigint;

export const FS_PER_PS = 1_000n;
export const FS_PER_NS = 1_000_000n;
export const FS_PER_US = 1_000_000_000n;
export const FS_PER_MS = 1_000_000_000_000n;
export const FS_PER_S = 1_000_000_000_000_000n;
