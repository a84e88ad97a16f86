// SPDX-License-Identifier: GPL-2.0-only
import { describe, expect, it } from 'vitest';
import { FS_PER_MS, FS_PER_US } from '../../../../emu/base/time.js';
import {
  bytesText,
  estimateTraceBytes,
  expectedReads,
} from '../../../../emu/cli/commands/trace-estimate.js';
import { parseTraceFilter } from '../../../../emu/cli/commands/trace-options.js';
import { UsageError } from '../../../../emu/cli/errors.js';
import { parseScenarioText } from '../../../../emu/scenario/load.js';

describe('parseTraceFilter', () => {
  it('defaults to the measurement records; --trace-ops adds the executor records', () => {
    expect([...parseTraceFilter({}).kinds]).toEqual([
      'read',
      'get_counter',
      'update',
      'skip',
      'tuning',
      'stall',
      'fault',
    ]);
    expect(parseTraceFilter({ traceOps: true }).kinds.has('op')).toBe(true);
    expect(parseTraceFilter({ traceOps: true }).kinds.has('refused')).toBe(true);
    expect(parseTraceFilter({ traceKinds: 'refused' }).kinds).toEqual(new Set(['refused']));
  });

  it('reads kinds, a window with open ends and CPU ranges', () => {
    const f = parseTraceFilter({
      traceKinds: 'read,skip',
      traceWindow: '10ms..20ms',
      traceCpus: '0,2-3',
    });
    expect([...f.kinds]).toEqual(['read', 'skip']);
    expect([f.fromFs, f.toFs]).toEqual([10n * FS_PER_MS, 20n * FS_PER_MS]);
    expect([...f.cpus!]).toEqual([0, 2, 3]);
    expect(parseTraceFilter({ traceWindow: '..5us' })).toMatchObject({ toFs: 5n * FS_PER_US });
    expect('fromFs' in parseTraceFilter({ traceWindow: '..5us' })).toBe(false);
  });

  it.each([
    [{ traceKinds: 'read,bogus' }, /'bogus' is not a record kind/],
    [{ traceWindow: '20ms..10ms' }, /empty/],
    [{ traceWindow: '10ms' }, /FROM\.\.TO/],
    [{ traceWindow: 'x..1ms' }, /FROM/],
    [{ traceCpus: '3-1' }, /empty range/],
    [{ traceCpus: 'a' }, /not a CPU/],
  ])('refuses %o', (o, message) => {
    expect(() => parseTraceFilter(o)).toThrow(UsageError);
    expect(() => parseTraceFilter(o)).toThrow(message);
  });
});

describe('size estimate', () => {
  const s = parseScenarioText(
    `
name: est
duration: 1s
machine: { cpus: 4 }
devices: [{ type: itc, name: itc, frequency: 1GHz }]
interpolators: [{ driver: itc, device: itc }]
workload: [{ cpus: all, call: getnstimeofday, interval: 9us }]
`,
    'est.yaml',
  );

  it('reads from the rate (think time + 1us a read), narrowed by window and CPUs', () => {
    expect(expectedReads(s, FS_PER_MS * 1000n, {})).toBe(4n * 100_000n);
    const f = { fromFs: 0n, toFs: 10n * FS_PER_MS, cpus: new Set([1]) };
    expect(expectedReads(s, FS_PER_MS * 1000n, f)).toBe(1000n);
  });

  it('operation records make the estimate grow by far', () => {
    const reads = parseTraceFilter({ traceKinds: 'read' });
    const ops = parseTraceFilter({ traceOps: true });
    expect(estimateTraceBytes(s, FS_PER_MS * 1000n, ops)).toBeGreaterThan(
      10n * estimateTraceBytes(s, FS_PER_MS * 1000n, reads),
    );
    expect(bytesText(1_470_000_000n)).toBe('1.5 GB');
    expect(bytesText(999n)).toBe('999 B');
  });
});
