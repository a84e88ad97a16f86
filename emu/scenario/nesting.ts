// SPDX-License-Identifier: GPL-2.0-only
/**
 * A bound on how deeply a scenario file nests mappings and lists (emu/base/limits.ts,
 * MAX_NESTING), checked on the text before the YAML parser sees it: the parser recurses once per
 * level and runs out of stack at about a thousand. A scan, not a parser: flow brackets outside
 * quotes and comments, block indentation levels, and `- ` entries that open a level on their line.
 * It may count a level too many for odd layouts; no real scenario comes near the bound.
 */
import { MAX_NESTING } from '../base/limits.js';

/** Where the nesting first goes deeper than MAX_NESTING, 1-based; undefined when it never does. */
export function tooDeepAt(text: string): { line: number; col: number } | undefined {
  const indents: number[] = [];
  let flow = 0;
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    const scan = scanLine(line, flow);
    if (flow === 0 && scan.block !== undefined) {
      while (indents.length > 0 && indents[indents.length - 1]! >= scan.block.indent) indents.pop();
      indents.push(scan.block.indent);
      if (indents.length + scan.block.dashes > MAX_NESTING) {
        return { line: i + 1, col: scan.block.indent + 1 };
      }
    }
    const base = indents.length + (scan.block?.dashes ?? 0);
    if (base + scan.deepest > MAX_NESTING) return { line: i + 1, col: scan.deepestCol + 1 };
    flow = scan.flowAfter;
  }
  return undefined;
}

interface LineScan {
  /** a block line's indentation and the `- ` entries that open it; undefined for a blank line */
  readonly block: { readonly indent: number; readonly dashes: number } | undefined;
  readonly flowAfter: number;
  readonly deepest: number;
  readonly deepestCol: number;
}

function scanLine(line: string, flowBefore: number): LineScan {
  const m = /^( *)((?:- +)*)/.exec(line)!;
  const rest = line.slice(m[0].length);
  const blank = rest.trim() === '' || rest.startsWith('#');
  const block =
    blank && m[2] === ''
      ? undefined
      : { indent: m[1]!.length, dashes: (m[2]!.match(/-/g) ?? []).length };
  const st: FlowScan = { flow: flowBefore, deepest: flowBefore, deepestCol: 0, quote: undefined };
  for (let j = m[0].length; j < line.length && stepFlow(st, line, j); j++);
  return { block, flowAfter: st.flow, deepest: st.deepest, deepestCol: st.deepestCol };
}

/** Flow nesting (`[`, `{`) along one line, quoted scalars skipped. */
interface FlowScan {
  flow: number;
  deepest: number;
  deepestCol: number;
  quote: string | undefined;
}

/** Takes the character at column j into `st`; false at a comment, which ends the line. */
function stepFlow(st: FlowScan, line: string, j: number): boolean {
  const ch = line[j]!;
  if (st.quote !== undefined) {
    if (ch === st.quote) st.quote = undefined;
    return true;
  }
  if (ch === '#' && (j === 0 || line[j - 1] === ' ')) return false;
  if ((ch === '"' || ch === "'") && opensQuote(line[j - 1])) st.quote = ch;
  else if (ch === '[' || ch === '{') openFlow(st, j);
  else if ((ch === ']' || ch === '}') && st.flow > 0) st.flow--;
  return true;
}

/** A quote opens a quoted scalar only where a scalar starts (an apostrophe inside a word does not). */
const opensQuote = (before: string | undefined): boolean =>
  before === undefined || ' [{,:'.includes(before);

/** A `[` or `{` at column j: one level deeper. */
function openFlow(st: FlowScan, j: number): void {
  st.flow++;
  if (st.flow > st.deepest) {
    st.deepest = st.flow;
    st.deepestCol = j;
  }
}
