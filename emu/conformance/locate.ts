// SPDX-License-Identifier: GPL-2.0-only
/**
 * The column of a field in one line of JSON: where the value at a schema issue's path starts, or,
 * for a field that is missing, where the object that lacks it starts. The line has already been
 * parsed by `JSON.parse`, so the scan below may assume valid JSON.
 */

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

function skipWhitespace(text: string, at: number): number {
  let i = at;
  while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  return i;
}

/** The index just past the string literal that starts at `at` (a `"`). */
function skipString(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The index just past the number, `true`, `false` or `null` that starts at `at`. */
function skipScalar(text: string, at: number): number {
  let i = at;
  while (i < text.length && !',}]'.includes(text[i]!) && !WHITESPACE.has(text[i]!)) i++;
  return i;
}

/** The index just past the object or array that starts at `at`. */
function skipContainer(text: string, at: number): number {
  let depth = 0;
  let i = at;
  do {
    const c = text[i]!;
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  } while (depth > 0 && i < text.length);
  return i;
}

/** The index just past the JSON value that starts at `at`. */
function skipValue(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return skipString(text, at);
  return first === '{' || first === '[' ? skipContainer(text, at) : skipScalar(text, at);
}

/** Where member `key` of the object at `at` is written (its name and value), if it has one. */
function member(
  text: string,
  at: number,
  key: string,
): { name: number; value: number } | undefined {
  let i = skipWhitespace(text, at + 1);
  while (text[i] === '"') {
    const keyEnd = skipString(text, i);
    const name: unknown = JSON.parse(text.slice(i, keyEnd));
    const value = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    if (name === key) return { name: i, value };
    i = skipWhitespace(text, skipWhitespace(text, skipValue(text, value)) + 1);
  }
  return undefined;
}

/** The start of element `index` of the array at `at`, or undefined when it is shorter. */
function elementStart(text: string, at: number, index: number): number | undefined {
  let i = skipWhitespace(text, at + 1);
  for (let n = 0; n < index; n++) {
    if (text[i] === ']' || i >= text.length) return undefined;
    i = skipWhitespace(text, skipWhitespace(text, skipValue(text, i)) + 1);
  }
  return text[i] === ']' ? undefined : i;
}

function childStart(text: string, at: number, key: PropertyKey): number | undefined {
  if (text[at] === '{') return member(text, at, String(key))?.value;
  if (text[at] === '[' && typeof key === 'number') return elementStart(text, at, key);
  return undefined;
}

/** The index of the value at `path` in `line`, or of its nearest parent. */
function valueAt(line: string, path: readonly PropertyKey[]): number {
  let at = skipWhitespace(line, 0);
  for (const key of path) {
    const next = childStart(line, at, key);
    if (next === undefined) break;
    at = next;
  }
  return at;
}

/**
 * The 1-based column (in characters) of the value at `path` in `line`, or of its nearest parent;
 * with `key`, of that member's name in the object at `path` (an unknown key).
 */
export function locateCaseIssue(line: string, path: readonly PropertyKey[], key?: string): number {
  const at = valueAt(line, path);
  const name = key === undefined || line[at] !== '{' ? undefined : member(line, at, key)?.name;
  return (name ?? at) + 1;
}
