// SPDX-License-Identifier: GPL-2.0-only
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTimekeepingCase } from '../../emu/conformance/replay-timekeeping.js';

const FILE = 'test/fixtures/conformance/timekeeping-2.6.18.jsonl';

const cases = readFileSync(FILE, 'utf8')
  .split('\n')
  .map((line, i) => ({ line: i + 1, text: line }))
  .filter(({ text }) => text.trim() !== '')
  .map(({ line, text }) => ({ line, raw: JSON.parse(text) as { id: string } }));

describe('timekeeping-2.6.18 vectors', () => {
  it('holds the recorded cases', () => {
    expect(cases.length).toBe(31);
  });

  it.each(cases.map((c) => [c.raw.id, c] as const))('%s', (_id, c) => {
    const result = replayTimekeepingCase(c.raw, { file: FILE, line: c.line });
    expect(result.mismatches.slice(0, 5)).toEqual([]);
    expect(result.steps).toBeGreaterThan(2);
  });
});

describe('the timekeeping replay reports what differs', () => {
  const first = () =>
    structuredClone(cases[0]!.raw) as unknown as {
      steps: { op: string; reads?: string[]; expect: { xtime?: string[] } }[];
    };
  const where = { file: FILE, line: 1 };

  it('a wrong expected value', () => {
    const c = first();
    const tick = c.steps.findIndex((s) => s.op === 'tick');
    c.steps[tick]!.expect.xtime![1] = '1';
    const r = replayTimekeepingCase(c, where);
    expect(r.mismatches[0]).toMatchObject({
      stepIndex: tick,
      op: 'tick',
      field: 'xtime.1',
      expected: '1',
    });
  });

  it('time_maxerror and time_esterror, when a case gives them: NTP_PHASE_LIMIT is MAXPHASE << 5', () => {
    const withNtp = (maxerror: string) => {
      const c = first() as unknown as { steps: { expect: { ntp?: Record<string, unknown> } }[] };
      const ntp = c.steps[0]!.expect.ntp!;
      ntp.time_maxerror = maxerror;
      ntp.time_esterror = maxerror;
      return replayTimekeepingCase(c, where).mismatches;
    };
    // include/linux/timex.h: 512 000 us << 5; (MAXPHASE / MINSEC) << 5 would be 1 024 000
    expect(withNtp('16384000')).toEqual([]);
    expect(withNtp('1024000').map((m) => [m.field, m.actual])).toEqual([
      ['ntp.time_maxerror', '16384000'],
      ['ntp.time_esterror', '16384000'],
    ]);
  });

  it('a step that leaves scripted reads unused', () => {
    const c = first();
    const tick = c.steps.findIndex((s) => s.op === 'tick');
    c.steps[tick]!.reads!.push('5');
    const r = replayTimekeepingCase(c, where);
    expect(r.mismatches[0]).toMatchObject({
      stepIndex: tick,
      field: 'reads',
      expected: '2 reads',
      actual: '1 reads',
    });
  });

  it('an invalid case', () => {
    const r = replayTimekeepingCase({ id: 'x', hz: 250, steps: [{ op: 'warp' }] }, where);
    expect(r.mismatches).toHaveLength(1);
    expect(r.mismatches[0]!.op).toBe('case');
  });
});
