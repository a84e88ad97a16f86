// SPDX-License-Identifier: GPL-2.0-only
/**
 * The layout of a written scenario, as the bundled files are laid out: prose as a folded block,
 * a mapping or list of plain values on one line (`{ exponential: 20us }`, `[0, 2]`).
 */
import { Document, isScalar, parse, Scalar, visit } from 'yaml';

/**
 * Whether `text` reads back the same from a folded block: prose does; text that is all
 * whitespace, or whose lines start or end with spaces, may not, and keeps the default style.
 */
function foldsExactly(text: string): boolean {
  const doc = new Document({ d: text });
  const value = doc.get('d', true);
  if (!isScalar(value)) return false;
  value.type = Scalar.BLOCK_FOLDED;
  return (parse(doc.toString({ lineWidth: 100 })) as { d: unknown }).d === text;
}

/** Leaf collections longer than this many characters stay in block style. */
const FLOW_MAX_CHARS = 72;

export function styledYaml(data: Record<string, unknown>): string {
  const doc = new Document(data);
  visit(doc, {
    Pair(_, pair) {
      const v = pair.value;
      if (isScalar(pair.key) && pair.key.value === 'description' && isScalar(v)) {
        if (typeof v.value === 'string' && foldsExactly(v.value)) v.type = Scalar.BLOCK_FOLDED;
      }
    },
    Map(_, map) {
      if (map.items.every((p) => isScalar(p.value)) && String(map).length <= FLOW_MAX_CHARS) {
        map.flow = true;
      }
    },
    Seq(_, seq) {
      if (seq.items.every((i) => isScalar(i)) && String(seq).length <= FLOW_MAX_CHARS) {
        seq.flow = true;
      }
    },
  });
  return doc.toString({ lineWidth: 100 });
}
