// SPDX-License-Identifier: GPL-2.0-only
/**
 * Loading a scenario file: YAML with positions (one LineCounter per file; syntax errors and
 * duplicate keys are errors), then the zod schema; every finding becomes one located line of a
 * ScenarioError (`file:line:col path: message`), all of them, in file order.
 */
import { readFileSync } from 'node:fs';
import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from 'yaml';
import { MAX_ERRORS_SHOWN, MAX_NESTING } from '../base/limits.js';
import {
  type FlatIssue,
  flattenIssues,
  formatIssue,
  formatPath,
  type PathKey,
  ScenarioError,
  type ScenarioIssue,
} from './errors.js';
import { lintScenario } from './lint.js';
import { tooDeepAt } from './nesting.js';
import { builtinRegistry, type Registry } from './registry.js';
import { scenarioSchemaOf } from './schema.js';
import type { Scenario } from './types.js';

/**
 * Read, parse and validate a scenario file against the device types and drivers of `registry`;
 * throws ScenarioError.
 */
export function loadScenario(file: string, registry: Registry = builtinRegistry()): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ScenarioError([{ file, path: '', message: `cannot read the file (${reason})` }]);
  }
  return parseScenarioText(text, file, registry);
}

/** Parse and validate scenario text; `file` names it in messages. Throws ScenarioError. */
export function parseScenarioText(
  text: string,
  file: string,
  registry: Registry = builtinRegistry(),
): Scenario {
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    throw new ScenarioError([
      {
        file,
        ...deep,
        path: '',
        message: `nested deeper than ${MAX_NESTING} mappings and lists (docs/cli.md, "Limits")`,
      },
    ]);
  }
  const lineCounter = new LineCounter();
  const doc = withoutErrorStacks(() => parseDocument(text, { lineCounter, prettyErrors: false }));
  const at = (offset: number) => lineCounter.linePos(offset);

  if (doc.errors.length > 0) {
    // the first errors in file order suffice: ScenarioError shows MAX_ERRORS_SHOWN and counts the rest
    const first = [...doc.errors]
      .sort((a, b) => a.pos[0] - b.pos[0])
      .slice(0, 4 * MAX_ERRORS_SHOWN);
    throw new ScenarioError(
      sorted(
        first.map((e) => ({
          file,
          ...at(e.pos[0]),
          path: '',
          message:
            e.code === 'DUPLICATE_KEY'
              ? `duplicate key ${keyText(text, e.pos[0])}`
              : `YAML syntax: ${e.message.split('\n')[0]}`,
        })),
      ),
      doc.errors.length,
    );
  }

  const keys = collectionKeys(doc, text);
  if (keys.length > 0) {
    throw new ScenarioError(
      keys.map((k) => ({ file, ...at(k.offset), path: '', message: k.message })),
    );
  }

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    throw new ScenarioError([
      { file, line: 1, col: 1, path: '', message: `YAML: ${(err as Error).message}` },
    ]);
  }
  const result = scenarioSchemaOf(registry).safeParse(data, { reportInput: true });
  const locate = (issue: FlatIssue): ScenarioIssue => locateIssue(doc, text, at, file, issue);
  if (!result.success) {
    throw new ScenarioError(sorted(flattenIssues(result.error.issues).map(locate)));
  }
  const warnings = [
    ...doc.warnings.map((w) =>
      formatIssue({ file, ...at(w.pos[0]), path: '', message: w.message }),
    ),
    ...sorted(lintScenario(result.data).map(locate)).map(formatIssue),
  ];
  return { ...result.data, warnings };
}

function locateIssue(
  doc: Document,
  text: string,
  at: (offset: number) => { line: number; col: number },
  file: string,
  issue: FlatIssue,
): ScenarioIssue {
  const node = issue.atKey ? keyNode(doc, issue.path) : undefined;
  const found = node ?? nearestNode(doc, issue.path);
  const range = found?.range;
  const pos = range ? at(range[0]) : { line: 1, col: 1 };
  let message = issue.message;
  if (issue.quoteSource && range) message += `: "${text.slice(range[0], range[1]).trim()}"`;
  return { file, ...pos, path: formatPath(issue.path), message };
}

/** The key node of the last path element, when its parent is a mapping. */
function keyNode(doc: Document, path: readonly PathKey[]): Node | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (!isMap(parent)) return undefined;
  const last = String(path[path.length - 1]);
  const pair = parent.items.find(
    (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === last,
  );
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

/** The node at `path`, or its nearest existing ancestor (a missing key points at its parent). */
function nearestNode(doc: Document, path: readonly PathKey[]): Node | undefined {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (node?.range) return node;
    const key = keyNode(doc, path.slice(0, n));
    if (key) return key;
  }
  return (doc.contents as Node | null) ?? undefined;
}

function sorted(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues
    .filter((i) => {
      const line = formatIssue(i);
      if (seen.has(line)) return false;
      seen.add(line);
      return true;
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

/** Longest key source quoted in the message for a key that is a list or a mapping. */
const KEY_QUOTED_CHARS = 40;

/**
 * Keys that are no name: a list or a mapping (`? [a, b]`, `{ a: 1 }: 2`), binary data
 * (`!!binary aGk=: 1`), or an alias of one. No field has such a name, and turning the document
 * into plain objects would make text of them, with a warning of the YAML library's on stderr and
 * the unknown key blamed on the mapping around it. Each is an error at the key itself, in file
 * order. A plain walk of the mappings and lists (the nesting is bounded before this runs): the
 * YAML library's `visit` cost 14 to 83 µs a bundled scenario against 0.5 to 5 µs.
 */
function collectionKeys(doc: Document, text: string): { offset: number; message: string }[] {
  const found: { offset: number; message: string }[] = [];
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const issue = keyIssue(doc, text, pair.key as Node | null);
        if (issue !== undefined) found.push(issue);
        walk(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) walk(item);
  };
  walk(doc.contents);
  return found.sort((a, b) => a.offset - b.offset);
}

/** The error for `key` when it is no name, quoting its source; undefined for a name. */
function keyIssue(
  doc: Document,
  text: string,
  key: Node | null,
): { offset: number; message: string } | undefined {
  const kind = key === null ? undefined : keyKind(doc, key);
  if (kind === undefined || !key?.range) return undefined;
  const source = text.slice(key.range[0], key.range[1]).trim().replace(/\s+/g, ' ');
  const shown =
    source.length > KEY_QUOTED_CHARS ? `${source.slice(0, KEY_QUOTED_CHARS - 1)}…` : source;
  return { offset: key.range[0], message: `a key is a name, not ${kind}: "${shown}"` };
}

/** What `key` is when it is no name (see `collectionKeys`); undefined for a name. */
function keyKind(doc: Document, key: Node): string | undefined {
  const resolved = isAlias(key) ? key.resolve(doc) : key;
  if (isCollection(resolved)) return 'a list or a mapping';
  if (isScalar(resolved) && typeof resolved.value === 'object' && resolved.value !== null)
    return 'binary data';
  return undefined;
}

/** The key written at `offset`, quoted, for the duplicate-key message. */
function keyText(text: string, offset: number): string {
  const m = /^("[^"]*"|'[^']*'|[^:,{}[\]\s]+)/.exec(text.slice(offset));
  const key = m?.[1] ?? text.slice(offset, offset + 1);
  return key.startsWith('"') || key.startsWith("'") ? key : `"${key}"`;
}

/**
 * Runs `f` with V8's stack capture off. The YAML parser makes an Error object for every issue it
 * collects (a junk file of 20 000 lines has 140 000), and capturing their stacks was two thirds of
 * the time to reject such a file; only the issues' positions and messages are shown.
 */
function withoutErrorStacks<T>(f: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return f();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
