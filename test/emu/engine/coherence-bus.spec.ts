// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { BUS_ADDRESS, BUS_NONE, BUS_TRANSFER, type BusNeed } from '../../../emu/engine/arbiter.js';
import { RoundRobinBus } from '../../../emu/engine/coherence-bus.js';
import { Memory } from '../../../emu/engine/memory.js';
import { splitTime } from '../../../emu/engine/split-time.js';
import { fc, test } from '../../property-test.js';

const T = 1_000n; // one transaction's hold, fs
/** The bus asked at `nowFs`, given as the executor gives it: a split time. */
const ask = (bus: RoundRobinBus, cpu: number, need: BusNeed, nowFs: bigint) =>
  bus.defer(cpu, need, ...splitTime(nowFs));

describe('round-robin bus', () => {
  it('grants waiting agents in rotating order after the last owner, whatever order they re-issue in', () => {
    const bus = new RoundRobinBus(4, T);
    expect(ask(bus, 1, BUS_TRANSFER, 0n)).toBe(0n); // rotating ID becomes 1
    // 3, 0, 2 request while the bus is busy: each waits for its end
    for (const cpu of [3, 0, 2]) expect(ask(bus, cpu, BUS_TRANSFER, 10n)).toBe(T - 10n);
    // they re-issue at T in the order 0, 3, 2: 2 follows 1, so 0 and 3 lose this event
    expect(ask(bus, 0, BUS_TRANSFER, T)).toBe(1n);
    expect(ask(bus, 3, BUS_TRANSFER, T)).toBe(1n);
    expect(ask(bus, 2, BUS_TRANSFER, T)).toBe(0n);
    // at T + 1 fs the bus is 2's: both wait for its end, where 3 (after 2) goes before 0
    expect(ask(bus, 0, BUS_TRANSFER, T + 1n)).toBe(T - 1n);
    expect(ask(bus, 3, BUS_TRANSFER, T + 1n)).toBe(T - 1n);
    expect(ask(bus, 0, BUS_TRANSFER, 2n * T)).toBe(1n);
    expect(ask(bus, 3, BUS_TRANSFER, 2n * T)).toBe(0n);
    expect(ask(bus, 0, BUS_TRANSFER, 3n * T)).toBe(0n);
    expect(bus.deferrals).toBe(8);
  });

  it('gives an idle bus to a lone requester at once, and never delays a hit', () => {
    const bus = new RoundRobinBus(4, T);
    expect(ask(bus, 2, BUS_TRANSFER, 5n)).toBe(0n);
    expect(ask(bus, 0, BUS_NONE, 6n)).toBe(0n);
    expect(ask(bus, 2, BUS_TRANSFER, 5n + T)).toBe(0n);
  });

  it('holds the bus for a transfer too long for the fast split-time sum (2^60 fs) exactly', () => {
    const long = 2n ** 60n;
    const bus = new RoundRobinBus(2, long);
    const start = 2n ** 70n + 5n;
    expect(ask(bus, 0, BUS_TRANSFER, start)).toBe(0n);
    expect(ask(bus, 1, BUS_TRANSFER, start + 7n)).toBe(long - 7n);
    expect(ask(bus, 1, BUS_TRANSFER, start + long - 1n)).toBe(1n);
    expect(ask(bus, 1, BUS_TRANSFER, start + long)).toBe(0n);
  });

  it('lets an address-only transaction take effect one hold after its grant, before any other grant', () => {
    const bus = new RoundRobinBus(2, T);
    expect(ask(bus, 0, BUS_ADDRESS, 0n)).toBe(T); // granted, completes at T
    expect(ask(bus, 1, BUS_TRANSFER, 10n)).toBe(T - 10n);
    // 1 re-issues at T before 0's completion is performed: it waits 1 fs more
    expect(ask(bus, 1, BUS_TRANSFER, T)).toBe(1n);
    expect(ask(bus, 0, BUS_ADDRESS, T)).toBe(0n); // the upgrade takes effect now
    expect(ask(bus, 1, BUS_TRANSFER, T + 1n)).toBe(0n);
  });

  test.prop([
    fc.array(
      fc.record({ cpu: fc.nat({ max: 3 }), need: fc.constantFrom(BUS_ADDRESS, BUS_TRANSFER) }),
      {
        minLength: 1,
        maxLength: 12,
      },
    ),
  ])('serves every agent of a saturated bus within one rotation of the others', (first) => {
    // Each CPU keeps one request outstanding, re-issuing it when told; a served CPU issues its
    // next one at once. Between two grants to the same CPU every other CPU is granted at most once.
    const bus = new RoundRobinBus(4, T);
    const next = new Map<number, bigint>(); // cpu → when it issues
    for (const r of first) next.set(r.cpu, 0n);
    const grants: number[] = [];
    for (let steps = 0; steps < 400 && grants.length < 40; steps++) {
      const [cpu, at] = [...next.entries()].sort((a, b) =>
        a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] - b[0],
      )[0]!;
      const need = first.find((r) => r.cpu === cpu)!.need;
      const wait = ask(bus, cpu, need, at);
      if (wait === 0n) grants.push(cpu);
      next.set(cpu, at + (wait === 0n ? 1n : wait));
    }
    const cpus = new Set(first.map((r) => r.cpu)).size;
    expect(grants.length).toBeGreaterThanOrEqual(20);
    for (let i = 0; i + cpus <= grants.length; i++)
      expect(new Set(grants.slice(i, i + cpus)).size).toBe(cpus);
  });
});

describe('what memory asks of the bus', () => {
  const recorder = () => {
    const needs: BusNeed[] = [];
    const arbiter = {
      deferrals: 0,
      defer: (_cpu: number, need: BusNeed) => {
        needs.push(need);
        return 0n;
      },
    };
    return { needs, memory: new Memory(3, arbiter) };
  };

  it('classifies each access from the line state', () => {
    const { needs, memory: m } = recorder();
    const rec = { a: 0n };
    const access = (cpu: number, exclusive: boolean) => {
      m.defer(cpu, rec, exclusive, exclusive, 0n);
      if (exclusive) m.store(cpu, rec, 'a', 1n);
      else m.load(cpu, rec, 'a');
    };
    access(0, false); // nobody wrote it: read from memory, address only
    access(0, true); // sole copy but not yet exclusive: an upgrade
    access(0, true); // exclusive: a hit
    access(1, false); // Modified in 0's cache: a transfer
    access(0, false); // 0 still holds a valid shared copy: a hit
    access(0, true); // shared with 1: an upgrade
    access(2, true); // no copy: a transfer
    expect(needs).toEqual([
      BUS_ADDRESS,
      BUS_ADDRESS,
      BUS_NONE,
      BUS_TRANSFER,
      BUS_NONE,
      BUS_ADDRESS,
      BUS_TRANSFER,
    ]);
  });
});
