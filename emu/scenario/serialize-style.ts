// SPDX-License-Identifier: GPL-2.0-only
/**
 * The layout of a written scenario, as the bundled files are laid out: prose as a folded block,
 * a mapping or list of plain values on one line (`{ exponential: 20us }`, `[0, 2]`).
 */
import { Document, isScalar, Scalar, visit } from 'yaml';

/** Leaf collections longer than this many characters stay in block style. */
const FLOW_MAX_CHARS = 72;

export function styledYaml(data: Record<string, unknown>): string {
  const doc = new Document(data);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'description' && isScalar(pair.value)) {
        pair.value.type = Scalar.BLOCK_FOLDED;
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
