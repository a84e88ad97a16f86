// SPDX-License-Identifier: GPL-2.0-only
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseVectorText, VectorInputError } from '../../../emu/conformance/load.js';
import { replayLoaded, replayVectorFile } from '../../../emu/conformance/replay-file.js';

const FIXTURES = 'test/fixtures/conformance';
const INTERPOLATOR_FILES = ['interpolator-2.6.18.jsonl', 'interpolator-2.6.13.jsonl'];

describe.each(INTERPOLATOR_FILES)('%s', (name) => {
  it('replays every case without a mismatch', () => {
    const result = replayVectorFile(`${FIXTURES}/${name}`);
    expect(result.cases.length).toBeGreaterThan(50);
    expect(result.cases.flatMap((c) => c.mismatches)).toEqual([]);
  });
});

/** The first case of the 2.6.18 file, as a mutable object. */
function firstCase(): { id: string; steps: Record<string, unknown>[] } {
  const line = readFileSync(`${FIXTURES}/interpolator-2.6.18.jsonl`, 'utf8').split('\n')[0]!;
  return JSON.parse(line);
}

function replayOne(c: unknown) {
  const [result] = replayLoaded('mem.jsonl', parseVectorText(JSON.stringify(c), 'mem.jsonl')).cases;
  return result!;
}

describe('mismatch records', () => {
  it('name the case, step, op, field, expected and actual value of a wrong expectation', () => {
    const c = firstCase();
    const index = c.steps.findIndex((s) => s.op === 'update');
    const step = c.steps[index] as { expect: { state: Record<string, { offset: string }> } };
    const actual = step.expect.state['1']!.offset;
    step.expect.state['1']!.offset = '12345';
    expect(replayOne(c).mismatches).toEqual([
      {
        caseId: c.id,
        stepIndex: index,
        op: 'update',
        field: 'state.1.offset',
        expected: '12345',
        actual,
      },
    ]);
  });

  it('report reads the step did not consume', () => {
    const c = firstCase();
    const index = c.steps.findIndex((s) => s.op === 'get_offset');
    (c.steps[index]!.reads as string[]).push('1');
    const mismatches = replayOne(c).mismatches;
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatchObject({ stepIndex: index, field: 'reads', expected: '2 reads' });
  });

  it('stop the case when a step needs more reads than scripted', () => {
    const c = firstCase();
    const index = c.steps.findIndex((s) => s.op === 'get_offset');
    c.steps[index]!.reads = [];
    const result = replayOne(c);
    expect(result.steps).toBe(index + 1);
    expect(result.mismatches).toMatchObject([{ stepIndex: index, field: 'completion' }]);
  });

  it('report a fault that was not expected, and an expected fault that did not happen', () => {
    const unexpected = firstCase();
    unexpected.steps.splice(2, 0, { op: 'reset', reads: [], expect: { ret: '0' } });
    expect(replayOne(unexpected).mismatches).toMatchObject([
      { stepIndex: 2, field: 'fault', expected: 'none', actual: 'OOPS' },
      { stepIndex: 2, field: 'ret', expected: '0', actual: 'absent' },
    ]);
    const missing = firstCase();
    missing.steps.splice(4, 0, { op: 'reset', reads: ['5'], expect: { fault: 'OOPS' } });
    // The reset that did happen changes what later steps see: only the first record is its own.
    expect(replayOne(missing).mismatches[0]).toMatchObject({
      stepIndex: 4,
      field: 'fault',
      expected: 'OOPS',
      actual: 'none',
    });
  });
});

describe('parseVectorText', () => {
  const good = JSON.stringify({
    id: 'a',
    kernel: '2.6.18',
    abi: 'lp64',
    steps: [{ op: 'jiffies', value: '1' }],
  });

  it('skips blank lines and numbers cases by their line', () => {
    const cases = parseVectorText(`${good}\n\n${good}\n`, 'f.jsonl');
    expect(cases.map((c) => c.where)).toEqual([
      { file: 'f.jsonl', line: 1 },
      { file: 'f.jsonl', line: 3 },
    ]);
  });

  it('sends cases with hz to the timekeeping replay unvalidated', () => {
    const [c] = parseVectorText(
      '{"id":"t","hz":250,"steps":[{"op":"tick","expect":{}}]}',
      'f.jsonl',
    );
    expect(c!.kind).toBe('timekeeping');
  });

  it.each([
    ['{"id":', 'f.jsonl:2: not valid JSON'],
    ['[1]', 'f.jsonl:2:1: a case must be a JSON object'],
    ['{"id":"x","kernel":"2.6.99","steps":[]}', 'f.jsonl:2:20: kernel:'],
    [
      '{"id":"x","kernel":"2.6.18","steps":[{"op":"update","delta_nsec":"9223372036854775808","reads":[]}]}',
      'f.jsonl:2:66: steps[0].delta_nsec: expected a signed 64-bit integer',
    ],
    [
      '{"id":"x","kernel":"2.6.18","steps":[{"op":"jiffies","value":"1.5"}]}',
      'f.jsonl:2:62: steps[0].value: expected a decimal integer string',
    ],
    ['{"id":"x","kernel":"2.6.18","steps":[{"op":"warp"}]}', 'f.jsonl:2:44: steps[0].op:'],
    [
      '{"id":"x","kernel":"2.6.18","steps":[{"op":"reset","reads":[],"expect":{"bogus":1}}]}',
      'f.jsonl:2:73: steps[0].expect: Unrecognized key: "bogus"',
    ],
    [
      '{"id":"x","kernel":"2.6.18","steps":[]}',
      'f.jsonl:2:37: steps: a case without steps checks nothing',
    ],
    ['{"id":"t","hz":250,"steps":[]}', 'f.jsonl:2:28: steps: a case without steps checks nothing'],
    [
      '{"id":"x","kernel":"2.6.18","note":1,"steps":[{"op":"jiffies","value":"1"}]}',
      'f.jsonl:2:29: case: Unrecognized key: "note"',
    ],
    [
      '{"id":"x","kernel":"2.6.18","steps":[{"op":"jiffies","value":"1","by":2}]}',
      'f.jsonl:2:66: steps[0]: Unrecognized key: "by"',
    ],
    [
      '{"id":"t","hz":250,"steps":[{"op":"tick","expect":{}, "cpu":1}]}',
      'f.jsonl:2:55: steps[0]: Unrecognized key: "cpu"',
    ],
  ])('rejects %s with file:line:column and the field', (line, message) => {
    let error: unknown;
    try {
      parseVectorText(`${good}\n${line}\n`, 'f.jsonl');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(VectorInputError);
    expect((error as Error).message.startsWith(message)).toBe(true);
  });
});
