// SPDX-License-Identifier: GPL-2.0-only
/** The scenarios bundled-a.spec.ts runs (the rest run in bundled-b.spec.ts). */
export const BUNDLED_A: readonly string[] = [
  'hpet-basic',
  'doc-example-no-mask',
  'unregister-last',
  'is-better-order',
  'is-better-order-reversed',
  'itc-jitter-smp',
  'itc-nojitter-backwards',
  'hpet-32bit-counter',
  'late-ticks',
  'settimeofday',
  'adjtime',
  'acpi-pm-glitch',
  'jump-at-tick',
  'jump-between-ticks',
];
