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

/** The start of member `key`'s value in the object at `at`, or undefined when it has none. */
function memberStart(text: string, at: number, key: string): number | undefined {
  let i = skipWhitespace(text, at + 1);
  while (text[i] === '"') {
    const keyEnd = skipString(text, i);
    const name: unknown = JSON.parse(text.slice(i, keyEnd));
    const value = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    if (name === key) return value;
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
  if (text[at] === '{') return memberStart(text, at, String(key));
  if (text[at] === '[' && typeof key === 'number') return elementStart(text, at, key);
  return undefined;
}

/** The 1-based column (in characters) of the value at `path` in `line`, or of its nearest parent. */
export function locateCaseIssue(line: string, path: readonly PropertyKey[]): number {
  let at = skipWhitespace(line, 0);
  for (const key of path) {
    const next = childStart(line, at, key);
    if (next === undefined) break;
    at = next;
  }
  return at + 1;
}
