// SPDX-License-Identifier: GPL-2.0-only
/**
 * Model-based check of the HPET's lazy scheduling: random register programs run against the device
 * and against a naive reference that steps every tick (the per-tick stepping the device avoids).
 * Commands land mid-tick; the counter increments at tick edges k·T.
 */
import { expect } from 'vitest';
import { Hpet } from '../../../devices/hpet/hpet.js';
import { fc, test } from '../../property-test.js';
import { constant } from '../helpers/distributions.js';
import { fakeRng } from '../helpers/fake-rng.js';
import { SteppedHost } from '../helpers/stepped-host.js';

const T = 10_000_000n;
const HALF = T / 2n;
const INT_ENB = 1n << 2n;
const PERIODIC = 1n << 3n;
const VAL_SET = 1n << 6n;
const MODE32 = 1n << 8n;
const LOW32 = (x: bigint) => BigInt.asUintN(32, x);
const TIMERS = 3;
/** timer n interrupts on I/O APIC pin n + 1 */
const route = (n: number) => BigInt(n + 1) << 9n;
const byTimeThenTimer = (a: { atFs: bigint; n: number }, b: { atFs: bigint; n: number }) =>
  a.atFs < b.atFs ? -1 : a.atFs > b.atFs ? 1 : a.n - b.n;

type Command =
  | { readonly op: 'step'; readonly ticks: bigint }
  | { readonly op: 'enable'; readonly on: boolean }
  | { readonly op: 'counter'; readonly value: bigint }
  | { readonly op: 'oneShot'; readonly n: number; readonly ahead: bigint; readonly mode32: boolean }
  | { readonly op: 'periodic'; readonly n: number; readonly period: bigint };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('step' as const), ticks: fc.bigInt({ min: 1n, max: 400n }) }),
  fc.record({ op: fc.constant('enable' as const), on: fc.boolean() }),
  fc.record({
    op: fc.constant('counter' as const),
    value: fc.oneof(
      fc.bigInt({ min: 0n, max: 1000n }),
      fc.bigInt({ min: 0xffff_ff00n, max: 0x1_0000_0010n }),
    ),
  }),
  fc.record({
    op: fc.constant('oneShot' as const),
    n: fc.integer({ min: 0, max: TIMERS - 1 }),
    ahead: fc.oneof(fc.constantFrom(-1n, 0n, 1n), fc.bigInt({ min: -3n, max: 300n })),
    mode32: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('periodic' as const),
    n: fc.integer({ min: 0, max: TIMERS - 1 }),
    period: fc.bigInt({ min: 1n, max: 120n }),
  }),
);

/** The reference: a per-tick simulation of the same registers. */
class NaiveHpet {
  enabled = false;
  counter = 0n;
  readonly cmp = Array<bigint>(TIMERS).fill((1n << 64n) - 1n);
  readonly period = Array<bigint>(TIMERS).fill(0n);
  readonly periodic = Array<boolean>(TIMERS).fill(false);
  readonly enb = Array<boolean>(TIMERS).fill(false);
  readonly mode32 = Array<boolean>(TIMERS).fill(false);

  private equal(n: number): boolean {
    return this.mode32[n] ? LOW32(this.counter) === this.cmp[n] : this.counter === this.cmp[n];
  }
  readonly fires: { atFs: bigint; n: number }[] = [];

  /** a comparator newly equal to the counter (written, or the counter enabled) fires at once */
  arm(n: number, now: bigint): void {
    if (this.enabled && this.enb[n] && this.equal(n)) this.match(n, now);
  }

  match(n: number, now: bigint): void {
    this.fires.push({ atFs: now, n });
    const bits = this.mode32[n] ? 32 : 64;
    if (this.periodic[n]) this.cmp[n] = BigInt.asUintN(bits, this.cmp[n]! + this.period[n]!);
  }

  /** GEN_CONF.ENABLE_CNF written */
  setEnabled(on: boolean, now: bigint): void {
    if (on && !this.enabled) {
      this.enabled = true;
      for (let n = 0; n < TIMERS; n++) this.arm(n, now);
    } else if (!on) this.enabled = false;
  }

  /** the main counter written: a write while the counter runs is lost (QEMU, Bochs) */
  setCounter(value: bigint): void {
    if (!this.enabled) this.counter = value;
  }

  /** timer n configured one-shot, its comparator written to `value` */
  oneShot(n: number, value: bigint, mode32: boolean, now: bigint): void {
    if (mode32 && !this.mode32[n]) {
      this.cmp[n] = LOW32(this.cmp[n]!);
      this.period[n] = LOW32(this.period[n]!);
    }
    this.enb[n] = true;
    this.periodic[n] = false;
    this.mode32[n] = mode32;
    this.cmp[n] = mode32 ? LOW32(value) : value;
    this.period[n] = this.cmp[n]!;
    this.arm(n, now);
  }

  /** timer n configured periodic: comparator `value` (VAL_SET), then the period */
  setPeriodic(n: number, value: bigint, period: bigint, now: bigint): void {
    this.enb[n] = true;
    this.periodic[n] = true;
    this.mode32[n] = false;
    this.cmp[n] = value;
    this.period[n] = period;
    this.arm(n, now);
  }

  /** the tick edge at time `edge` */
  tick(edge: bigint): void {
    if (!this.enabled) return;
    this.counter = BigInt.asUintN(64, this.counter + 1n);
    for (let n = 0; n < TIMERS; n++) {
      if (!this.enb[n]) continue;
      if (this.equal(n)) this.match(n, edge);
      // IA-PC HPET 1.0a §2.3.9: a one-shot 32-bit timer also fires when the counter wraps
      else if (this.mode32[n] && !this.periodic[n] && LOW32(this.counter) === 0n) {
        this.fires.push({ atFs: edge, n });
      }
    }
  }
}

const wrapExample: Command[] = [
  { op: 'counter', value: 0xffff_ff80n },
  { op: 'oneShot', n: 1, ahead: 300n, mode32: true },
  { op: 'enable', on: true },
  { op: 'step', ticks: 400n },
];

/** The device under test, driven through its registers as a driver would, beside the model. */
class Rig {
  readonly host = new SteppedHost();
  readonly hpet = new Hpet({
    name: 'h',
    periodFs: T,
    readLatency: constant(0n),
    rng: fakeRng(1n),
    host: this.host,
  });
  readonly model = new NaiveHpet();
  readonly fires: { atFs: bigint; n: number }[] = [];
  private tick = 0n;

  constructor() {
    this.host.stepTo(HALF);
  }

  private write(offset: bigint, value: bigint): void {
    this.hpet.write(offset, 64, value, this.host.nowFs, 0);
  }

  /** IA-PC HPET 1.0a §2.3.8: timer n's configuration at 0x100 + 0x20·n, its comparator at +8 */
  private timerConfig(n: number, value: bigint): void {
    this.write(0x100n + 0x20n * BigInt(n), value);
  }

  private comparator(n: number, value: bigint): void {
    this.write(0x108n + 0x20n * BigInt(n), value);
  }

  apply(c: Command): void {
    const now = this.host.nowFs;
    const model = this.model;
    switch (c.op) {
      case 'step':
        for (let k = 1n; k <= c.ticks; k++) model.tick((this.tick + k) * T);
        this.tick += c.ticks;
        this.host.stepTo(this.tick * T + HALF);
        break;
      case 'enable':
        this.write(0x010n, c.on ? 1n : 0n);
        model.setEnabled(c.on, now);
        break;
      case 'counter':
        this.write(0x0f0n, c.value);
        model.setCounter(c.value);
        break;
      case 'oneShot': {
        const value = BigInt.asUintN(64, model.counter + c.ahead);
        this.timerConfig(c.n, INT_ENB | route(c.n) | (c.mode32 ? MODE32 : 0n));
        this.comparator(c.n, value);
        model.oneShot(c.n, value, c.mode32, now);
        break;
      }
      case 'periodic': {
        const value = BigInt.asUintN(64, model.counter + c.period);
        this.timerConfig(c.n, INT_ENB | PERIODIC | VAL_SET | route(c.n));
        this.comparator(c.n, value);
        this.comparator(c.n, c.period);
        model.setPeriodic(c.n, value, c.period, now);
        break;
      }
    }
  }

  /** let the host deliver what is due now and collect the interrupts */
  settle(): void {
    this.host.stepTo(this.host.nowFs);
    for (const e of this.host.irqs.splice(0)) {
      if (e.line.kind === 'ioapic') this.fires.push({ atFs: e.atFs, n: e.line.pin - 1 });
    }
  }

  expectSameAsModel(): void {
    const nowFs = this.host.nowFs;
    expect(this.hpet.peek(0x0f0n, 64, nowFs)).toBe(this.model.counter);
    for (let n = 0; n < TIMERS; n++)
      expect(this.hpet.peek(0x108n + 0x20n * BigInt(n), 64, nowFs)).toBe(this.model.cmp[n]);
    expect([...this.fires].sort(byTimeThenTimer)).toEqual(
      [...this.model.fires].sort(byTimeThenTimer),
    );
  }
}

test.prop([fc.array(commandArb, { minLength: 1, maxLength: 40 })], {
  numRuns: 60,
  examples: [[wrapExample]],
})('the lazily scheduled HPET matches a per-tick reference', (commands) => {
  const rig = new Rig();
  for (const c of commands) {
    rig.apply(c);
    rig.settle();
    rig.expectSameAsModel();
  }
});
