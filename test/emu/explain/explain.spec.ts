// SPDX-License-Identifier: GPL-2.0-only
/**
 * The narration agrees with the run: the value a read story computes from the loads it saw is the
 * value the read returned, and a tick story's delta_nsec is the tick length.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain } from '../../../emu/explain/explain.js';
import type { Selection } from '../../../emu/explain/recorder.js';
import { loadScenario } from '../../../emu/scenario/load.js';

const bundled = (name: string) =>
  loadScenario(join(import.meta.dirname, '..', '..', '..', 'scenarios', `${name}.yaml`));
const NS_PER_S = 1_000_000_000n;
const sel = (s: Partial<Selection>): Selection => ({
  cpu: 0,
  read: null,
  atFs: null,
  ticks: null,
  ...s,
});

describe('explain: reads', () => {
  it.each([
    [0, 3],
    [1, 40],
    [3, 250],
  ])(
    'hpet-basic cpu %i read %i: xtime + offset + GET_TI_NSECS is the value returned',
    (cpu, read) => {
      const e = explain(bundled('hpet-basic'), {
        selection: sel({ cpu, read }),
        arith: false,
        behindCycles: 1n,
      });
      const r = e.read!;
      expect(r.index).toBe(read);
      expect(r.cpu).toBe(cpu);
      expect(r.xtimeSec * NS_PER_S + r.xtimeNsec + r.interpolatedNs).toBe(r.valueNs);
      expect(r.errorNs).toBe(r.valueNs - r.trueNs);
    },
  );

  it('tells a gettimeofday read as ns truncated to µs', () => {
    const e = explain(bundled('settimeofday'), {
      selection: sel({ cpu: 0, read: 7 }),
      arith: false,
      behindCycles: 1n,
    });
    const r = e.read!;
    const sum = r.xtimeSec * NS_PER_S + r.xtimeNsec + r.interpolatedNs;
    expect(r.valueNs).toBe(sum - (sum % 1000n));
    if (sum % 1000n !== 0n) expect(r.notes.join('\n')).toContain('gettimeofday returns µs');
  });

  it('tells the stall of a CPU whose ITC is behind last_cycle', () => {
    const e = explain(bundled('itc-jitter-smp'), {
      selection: sel({ cpu: 2, read: 3 }),
      arith: false,
      behindCycles: 1n,
    });
    const pass = e.read!.counter.passes.at(-1)!;
    expect(pass.outcome).toBe('stall');
    expect(e.read!.counter.count).toBe(pass.lastCycle);
  });
});

describe('explain: ticks', () => {
  it('tells ticks 1 to 5 of hpet-basic, each with delta_nsec the tick length and its stores', () => {
    const e = explain(bundled('hpet-basic'), {
      selection: sel({ ticks: { from: 1, to: 5 } }),
      arith: false,
      behindCycles: 1n,
    });
    expect(e.ticks.map((t) => t.index)).toEqual([1, 2, 3, 4, 5]);
    for (const t of e.ticks) {
      expect(t.deltaNsec).toBe(4_000_000n);
      const last = t.stores.at(-1)!;
      expect(last).toEqual({ field: 'last_counter', value: t.counter.count });
      const offset = t.stores.find((s) => s.field === 'offset')!.value;
      expect(offset).toBe(t.branch === 'carry' ? t.givenNs - t.deltaNsec : 0n);
    }
  });
});

describe('explain: a difference that wraps', () => {
  const FS_PER_NS = 1_000_000n;

  it('tells a CPU behind last_counter under an all-ones mask as a leap of about 2^48 ns', () => {
    const e = explain(bundled('itc-nojitter-backwards'), {
      selection: sel({ cpu: 2, atFs: 36_000_500n * FS_PER_NS }),
      arith: false,
      behindCycles: 1n,
    });
    const r = e.read!;
    expect(r.counter.count).toBeLessThan(r.lastCounter);
    expect(r.ns).toBeGreaterThan(1n << 47n);
    expect(r.notes.join('\n')).toContain(`the read leaps ${r.ns} ns ahead`);
  });

  it('tells a 40-bit mask across the counter wrap as the true distance, no leap', () => {
    const e = explain(bundled('cyclone-40bit-wrap'), {
      selection: sel({ cpu: 0, atFs: 1_002_200_000n * FS_PER_NS }),
      arith: false,
      behindCycles: 1n,
    });
    const r = e.read!;
    expect(r.counter.count).toBeLessThan(r.lastCounter);
    expect(r.masked).toBe((r.counter.count - r.lastCounter) & ((1n << 40n) - 1n));
    const notes = r.notes.join('\n');
    expect(notes).toContain(`${r.ns} ns, no leap`);
    expect(notes).not.toContain('leaps');
  });
});
