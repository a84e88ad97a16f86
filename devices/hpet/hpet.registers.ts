// SPDX-License-Identifier: GPL-2.0-only
/**
 * HPET register map and bit fields (IA-PC HPET 1.0a §2.3), and
 * the decoder that turns a bus access into a typed register.
 */
import type { AccessWidth } from '../device.js';

/** One timer block's MMIO window (IA-PC HPET 1.0a §2.3.1; Linux `HPET_MMAP_SIZE`). */
export const HPET_WINDOW_BYTES = 0x400n;
export const HPET_DEFAULT_BASE = 0xfed00000n;

export const GCAP_ID = 0x000n;
export const GEN_CONF = 0x010n;
export const GINTR_STA = 0x020n;
export const MAIN_COUNTER_VAL = 0x0f0n;
export const TIMER_BASE = 0x100n;
export const TIMER_STRIDE = 0x20n;
export const Tn_CONF_CAP = 0x0n;
export const Tn_COMPARATOR = 0x8n;
export const Tn_FSB_ROUTE = 0x10n;

/** GCAP_ID fields (IA-PC HPET 1.0a §2.3.4). */
export const GCAP_REV_ID_SHIFT = 0n;
export const GCAP_NUM_TIM_SHIFT = 8n;
export const GCAP_COUNT_SIZE_CAP = 1n << 13n;
export const GCAP_LEG_RT_CAP = 1n << 15n;
export const GCAP_VENDOR_ID_SHIFT = 16n;
export const GCAP_PERIOD_SHIFT = 32n;
/** the spec's upper bound on COUNTER_CLK_PERIOD: 10^8 fs, i.e. at least 10 MHz */
export const MAX_PERIOD_FS = 100_000_000n;

/** GEN_CONF bits (IA-PC HPET 1.0a §2.3.5); QEMU's write mask is 0x3, the rest read back 0. */
export const ENABLE_CNF = 1n << 0n;
export const LEG_RT_CNF = 1n << 1n;

/** Tn_CONF_CAP bits (IA-PC HPET 1.0a §2.3.8). */
export const Tn_INT_TYPE_CNF = 1n << 1n;
export const Tn_INT_ENB_CNF = 1n << 2n;
export const Tn_TYPE_CNF = 1n << 3n;
export const Tn_PER_INT_CAP = 1n << 4n;
export const Tn_SIZE_CAP = 1n << 5n;
export const Tn_VAL_SET_CNF = 1n << 6n;
export const Tn_32MODE_CNF = 1n << 8n;
export const Tn_INT_ROUTE_CNF_SHIFT = 9n;
export const Tn_INT_ROUTE_CNF_MASK = 0x1fn << Tn_INT_ROUTE_CNF_SHIFT;
export const Tn_FSB_EN_CNF = 1n << 14n;
export const Tn_FSB_INT_DEL_CAP = 1n << 15n;
export const Tn_INT_ROUTE_CAP_SHIFT = 32n;
/** bits software may write (QEMU: 0x7f4e); capability bits are read-only */
export const Tn_CONF_WRITABLE = 0x7f4en;

/** LegacyReplacement routing (IA-PC HPET 1.0a §2.4.2): timer 0 → I/O APIC INTI2, timer 1 → INTI8. */
export const LEGACY_PIN = [2, 8] as const;

export type GlobalRegister = 'GCAP_ID' | 'GEN_CONF' | 'GINTR_STA' | 'MAIN_COUNTER_VAL' | 'RESERVED';
export type TimerRegister = 'CONF_CAP' | 'COMPARATOR' | 'FSB_ROUTE';

/** A decoded access: which 64-bit register, and which bits of it (shift, len). */
export type HpetAccess =
  | {
      readonly kind: 'global';
      readonly reg: GlobalRegister;
      readonly shift: bigint;
      readonly len: bigint;
    }
  | {
      readonly kind: 'timer';
      readonly n: number;
      readonly reg: TimerRegister;
      readonly shift: bigint;
      readonly len: bigint;
    }
  | { readonly kind: 'invalid'; readonly reason: string };

const GLOBALS = new Map<bigint, GlobalRegister>([
  [GCAP_ID, 'GCAP_ID'],
  [GEN_CONF, 'GEN_CONF'],
  [GINTR_STA, 'GINTR_STA'],
  [MAIN_COUNTER_VAL, 'MAIN_COUNTER_VAL'],
]);

const TIMER_REGS: readonly (TimerRegister | null)[] = ['CONF_CAP', 'COMPARATOR', 'FSB_ROUTE', null];

/**
 * IA-PC HPET 1.0a §2.3.1: 32-bit accesses at +0 or +4 and 64-bit accesses at +0 of a 64-bit register; every
 * other width, misaligned or crossing access is invalid. Timers beyond `timers` decode as reserved.
 */
export function decode(offsetBytes: bigint, width: AccessWidth, timers: number): HpetAccess {
  if (offsetBytes < 0n || offsetBytes >= HPET_WINDOW_BYTES) {
    return {
      kind: 'invalid',
      reason: `offset 0x${offsetBytes.toString(16)} outside the HPET window`,
    };
  }
  const within = offsetBytes & 7n;
  if (!((width === 32 && (within === 0n || within === 4n)) || (width === 64 && within === 0n))) {
    return {
      kind: 'invalid',
      reason: `${width}-bit access at offset 0x${offsetBytes.toString(16)}`,
    };
  }
  const reg = offsetBytes - within;
  const shift = within * 8n;
  const len = BigInt(width);
  if (reg < TIMER_BASE) {
    return { kind: 'global', reg: GLOBALS.get(reg) ?? 'RESERVED', shift, len };
  }
  const n = Number((reg - TIMER_BASE) / TIMER_STRIDE);
  const timerReg = TIMER_REGS[Number(((reg - TIMER_BASE) % TIMER_STRIDE) / 8n)] ?? null;
  if (n >= timers || timerReg === null) return { kind: 'global', reg: 'RESERVED', shift, len };
  return { kind: 'timer', n, reg: timerReg, shift, len };
}

/** The bits (shift, len) of a 64-bit register value, as a read of that width returns them. */
export const extract = (value: bigint, shift: bigint, len: bigint): bigint =>
  BigInt.asUintN(Number(len), value >> shift);

/** Replace bits (shift, len) of old with value (QEMU's `deposit64`). */
export function deposit(old: bigint, shift: bigint, len: bigint, value: bigint): bigint {
  const mask = ((1n << len) - 1n) << shift;
  return (old & ~mask) | ((value << shift) & mask);
}
