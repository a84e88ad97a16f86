// SPDX-License-Identifier: GPL-2.0-only
/**
 * Device read speed (issue 4): counter reads per second per device type, through `peek` (the
 * inspection path, the common constant-frequency case) and through `read` (latency draws, jitter,
 * history retirement). Host time is read only here.
 */
import { performance } from 'node:perf_hooks';
import { AcpiPm } from '../../devices/acpi-pm/acpi-pm.js';
import { Oscillator } from '../../devices/clock/oscillator.js';
import { CycleCounter } from '../../devices/cycle-counter/cycle-counter.js';
import { Hpet } from '../../devices/hpet/hpet.js';
import { MmioCounter } from '../../devices/mmio-counter/mmio-counter.js';
import { constant, uniform } from '../../emu/base/distribution.js';
import { rational } from '../../emu/base/rational.js';
import { createRng } from '../../emu/base/rng.js';
import { FS_PER_MS, FS_PER_NS, FS_PER_US } from '../../emu/base/time.js';
import { SteppedHost } from '../devices/helpers/stepped-host.js';

const BUDGET_MS = 700;

/** Calls per second of `op(t)` at times advancing by `stepFs`, over about BUDGET_MS. */
function rate(op: (t: bigint) => unknown, stepFs: bigint): number {
  let t = FS_PER_MS;
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < BUDGET_MS) {
    for (let i = 0; i < 10_000; i++) {
      op(t);
      t += stepFs;
    }
    calls += 10_000;
    elapsed = performance.now() - start;
  }
  return Math.round((calls / elapsed) * 1000);
}

export async function bench(): Promise<Record<string, unknown>> {
  const host = new SteppedHost();
  const hpet = new Hpet({
    name: 'hpet0',
    readLatency: uniform(500n * FS_PER_NS, 1500n * FS_PER_NS),
    rng: createRng(1n),
    host,
  });
  hpet.write(0x010n, 64, 1n, 0n, 0);
  const drifting = new Hpet({
    name: 'hpet1',
    readLatency: constant(FS_PER_US),
    rng: createRng(2n),
    host: new SteppedHost(),
    clock: {
      driftPpm: rational(40n),
      wander: {
        stepPpm: rational(1n, 1000n),
        everyFs: 1000n * FS_PER_MS,
        minPpm: rational(-5n),
        maxPpm: rational(5n),
      },
    },
  });
  drifting.write(0x010n, 64, 1n, 0n, 0);
  const cyclone = new MmioCounter({
    name: 'cyclone',
    preset: 'cyclone',
    base: 0n,
    rng: createRng(3n),
  });
  const pm = new AcpiPm({ name: 'pm', glitch: 'piix4', rng: createRng(4n) });
  const itc = new CycleCounter({
    name: 'itc',
    cpus: 4,
    frequencyHz: rational(1_500_000_000n),
    readCostCycles: 24n,
    cpuFrequencyHz: rational(1_500_000_000n),
    rng: createRng(5n),
  });
  const wander = new Oscillator({
    nominalHz: rational(14_318_180n),
    rng: createRng(6n),
    clock: {
      wander: {
        stepPpm: rational(1n),
        everyFs: 10n * FS_PER_US,
        minPpm: rational(-5n),
        maxPpm: rational(5n),
      },
    },
  });
  const step = 997n * FS_PER_NS;
  return {
    unit: 'reads per second (host)',
    target: { hpetPeekPerSecond: 5_000_000 },
    hpetPeek64: rate((t) => hpet.peek(0x0f0n, 64, t), step),
    hpetPeek32: rate((t) => hpet.peek(0x0f0n, 32, t), step),
    hpetRead64: rate((t) => hpet.read(0x0f0n, 64, t, 0), step),
    hpetDriftingPeek64: rate((t) => drifting.peek(0x0f0n, 64, t), step),
    cyclonePeek: rate((t) => cyclone.peek(0n, 64, t), step),
    cycloneRead: rate((t) => cyclone.read(0n, 64, t, 0), step),
    acpiPmPiix4Read: rate((t) => pm.read(0n, 32, t, 0), step),
    itcPeek: rate((t) => itc.peekCycles(1, t), step),
    itcRead: rate((t) => itc.readCycles(1, t), step),
    oscillatorWander10usCountAt: rate((t) => wander.countAt(t), step),
  };
}
