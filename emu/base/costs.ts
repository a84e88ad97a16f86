// SPDX-License-Identifier: GPL-2.0-only
/**
 * What each operation of kernel code costs, in cycles of the executing CPU's core clock.
 *
 * The defaults describe a 2005-era Itanium 2 / x86 server. They are orders of magnitude, not a
 * timing model of one part; where a figure is a modelling choice it says so. MMIO and cycle-counter
 * reads additionally take the device's own latency (`BusAccess.latencyFs`), and a shared access to
 * a line another CPU wrote adds `cache_line_transfer` (emu/engine/memory.ts).
 *
 * Every cost but `cache_line_transfer` is at least one cycle, so a loop of operations always
 * advances simulated time (no livelock at one instant).
 */

export interface CostTable {
  /** load that hits the CPU's cache (Itanium 2 L1D: 1 cycle integer; L2 5–7: we take 2) */
  readonly load: number;
  /** store that hits (retires into the store buffer; modelling choice: 1) */
  readonly store: number;
  /** `cmpxchg8.acq` / `lock cmpxchg` with the line held (Itanium 2 ≈ 5–10, P4 ≈ 20+: we take 10) */
  readonly cmpxchg: number;
  /**
   * moving a line from another CPU's cache (cache-to-cache over the FSB / SN2 NUMAlink: 100–300
   * cycles on 2005 SMPs; we take 150)
   */
  readonly cache_line_transfer: number;
  /** `mov ar.itc` / `rdtsc` (Itanium 2 ≈ 30–40 cycles; P4 `rdtsc` ≈ 80: we take 36) */
  readonly rdtsc: number;
  /** `mov ar.itm` (modelling choice: as `mov ar.itc`) */
  readonly set_itm: number;
  /** issuing an uncached MMIO access; the device's latency comes on top (modelling choice: 10) */
  readonly mmio_issue: number;
  /** an indirect call to a TIME_SOURCE_FUNCTION and its return (modelling choice: 20) */
  readonly call: number;
  /** `hint @pause` / `pause` in a spin loop (P4 `pause` ≈ 40 cycles: we take 40) */
  readonly cpu_relax: number;
  /** `rsm psr.i` / `ssm psr.i` (irq save / restore; Itanium serialises: we take 5) */
  readonly irq_toggle: number;
  /** interrupt entry to the handler (ia64 ivt + `ia64_handle_irq`: several hundred; we take 500) */
  readonly irq_entry: number;
  /** interrupt exit (`rfi` path; we take 300) */
  readonly irq_exit: number;
  /** system call entry and exit (ia64 `break` / `epc` ≈ 200–1000 cycles; we take 400) */
  readonly syscall: number;
}

export const DEFAULT_COSTS: CostTable = {
  load: 2,
  store: 1,
  cmpxchg: 10,
  cache_line_transfer: 150,
  rdtsc: 36,
  set_itm: 36,
  mmio_issue: 10,
  call: 20,
  cpu_relax: 40,
  irq_toggle: 5,
  irq_entry: 500,
  irq_exit: 300,
  syscall: 400,
};

/** The defaults with `overrides` applied; throws on a cost that is not a valid whole cycle count. */
export function costTable(overrides: Partial<CostTable> = {}): CostTable {
  const table: CostTable = { ...DEFAULT_COSTS, ...overrides };
  for (const [name, cycles] of Object.entries(table)) {
    const min = name === 'cache_line_transfer' ? 0 : 1;
    if (!Number.isSafeInteger(cycles) || cycles < min || cycles > 1_000_000_000)
      throw new RangeError(`cost ${name}: ${cycles} is not a whole number of cycles >= ${min}`);
  }
  return table;
}
