/**
 * JSON for ARM templates: values, comments, BOMs, and the line/column of every resource.
 *
 * Speed matters (a scan must stay within a small factor of a plain `JSON.parse` of the same files), so:
 * values come from the native `JSON.parse` when the file is plain JSON, and from `jsonc-parser` only when it
 * has comments or errors (ARM accepts `//` and `/* *\/` comments); positions come from one light pass that
 * records where each object inside a `resources` collection starts, and nothing else.
 */
import { positionAt, type Position } from '../position';
import { parse as parseJsonc, stripComments, type ParseError } from 'jsonc-parser';
import { jsonErrorWords } from '../json-errors';

export interface ParsedJson {
  value: unknown;
  /** Where each object in a `resources` array/object starts, by its path (`resources/0/resources/1`, `resources/stg`). */
  positions: Map<string, Position>;
}

export interface JsonError {
  message: string;
  line: number;
  column: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const SLASH = 47;
const STAR = 42;

/** End offset (exclusive) of the string literal starting at `i` (which is a quote). */
function skipString(text: string, i: number): number {
  for (let j = text.indexOf('"', i + 1); j >= 0; j = text.indexOf('"', j + 1)) {
    let k = j - 1;
    while (text.charCodeAt(k) === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
  }
  return text.length;
}

const RESOURCES = 'resources';

/**
 * One pass over the text recording where resource objects start (line and column, counted on the way).
 * Tracks a stack of containers; for each object where its last property key is (offsets, sliced only
 * for the path of a resource), for each array the current element index. Called only on text that
 * parsed; `multilineStrings` when its strings hold raw line breaks (which ARM accepts), so they are counted.
 */
export function scanResourcePositions(text: string, maxDepth: number, multilineStrings = false): Map<string, Position> & { tooDeep?: boolean } {
  const positions: Map<string, Position> & { tooDeep?: boolean } = new Map<string, Position>();
  const kinds: number[] = []; // 0 object, 1 array
  // object: offsets of its current key (-1: none); array: current element index in keyStart
  const keyStart: number[] = [];
  const keyEnd: number[] = [];
  /** 1 when the level's current key is `resources` (object levels only). */
  const isResources: number[] = [];
  let top = -1;
  let pendingStart = -1;
  let pendingEnd = -1;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32) {
      if (c === 10) {
        line++;
        lineStart = i + 1;
      }
      continue;
    }
    if (c === QUOTE) {
      const end = skipString(text, i);
      if (multilineStrings) {
        for (let k = text.indexOf('\n', i); k >= 0 && k < end; k = text.indexOf('\n', k + 1)) {
          line++;
          lineStart = k + 1;
        }
      }
      if (top >= 0 && kinds[top] === 0) {
        // A string in an object is a key when the next non-space character is ':'.
        let j = end;
        while (j < n && text.charCodeAt(j) <= 32) j++;
        if (text.charCodeAt(j) === 58) {
          pendingStart = i + 1;
          pendingEnd = end - 1;
        }
      }
      i = end - 1;
      continue;
    }
    if (c === SLASH) {
      const d = text.charCodeAt(i + 1);
      if (d === SLASH) {
        const e = text.indexOf('\n', i);
        // The line break itself is counted by the loop.
        i = e < 0 ? n : e - 1;
        continue;
      }
      if (d === STAR) {
        const e = text.indexOf('*/', i + 2);
        const stop = e < 0 ? n : e + 1;
        for (let k = text.indexOf('\n', i); k >= 0 && k < stop; k = text.indexOf('\n', k + 1)) {
          line++;
          lineStart = k + 1;
        }
        i = stop;
        continue;
      }
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (top >= 0 && kinds[top] === 0) {
        keyStart[top] = pendingStart;
        keyEnd[top] = pendingEnd;
        isResources[top] = pendingEnd - pendingStart === RESOURCES.length && text.startsWith(RESOURCES, pendingStart) ? 1 : 0;
      }
      // An object directly inside a `resources` array (or a symbolic `resources` object) is a resource.
      if (c === 123 && top >= 1 && kinds[top - 1] === 0 && isResources[top - 1] === 1) {
        positions.set(pathOf(text, kinds, keyStart, keyEnd, top), { line, column: i - lineStart + 1 });
      }
      top++;
      if (c === 123) {
        kinds[top] = 0;
        keyStart[top] = -1;
        keyEnd[top] = -1;
        isResources[top] = 0;
      } else {
        kinds[top] = 1;
        keyStart[top] = 0;
      }
      pendingStart = -1;
      pendingEnd = -1;
      if (top + 1 > maxDepth) {
        positions.tooDeep = true;
        break;
      }
      continue;
    }
    if (c === 125 /* } */ || c === 93 /* ] */) {
      if (top >= 0) top--;
      continue;
    }
    if (c === 44 /* , */) {
      if (top >= 0 && kinds[top] === 1) keyStart[top]++;
      pendingStart = -1;
      pendingEnd = -1;
    }
  }
  return positions;
}

/** `resources/0/properties/template/resources/stg`: the keys and indexes of the levels up to `top`. */
function pathOf(text: string, kinds: number[], keyStart: number[], keyEnd: number[], top: number): string {
  let p = '';
  for (let l = 0; l <= top; l++) {
    const part = kinds[l] === 1 ? String(keyStart[l]) : keyStart[l] < 0 ? '' : text.slice(keyStart[l], keyEnd[l]);
    p = l === 0 ? part : `${p}/${part}`;
  }
  return p;
}

/**
 * The text with each raw line break inside a string literal written as an escape (`\n`, `\r`), skipping
 * comments, and where those line breaks were (offsets in the text as written). Only called on text
 * JSON.parse rejected.
 */
function escapeLineBreaksInStrings(text: string): { text: string; breaks: number[] } {
  let out = '';
  let from = 0;
  const breaks: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 1;
      continue;
    }
    if (c !== QUOTE) continue;
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d === BACKSLASH) i++;
      else if (d === QUOTE) break;
      else if (d === 10 || d === 13) {
        out += text.slice(from, i) + (d === 10 ? '\\n' : '\\r');
        from = i + 1;
        breaks.push(i);
      }
    }
  }
  return breaks.length ? { text: out + text.slice(from), breaks } : { text, breaks };
}

/** An offset in the escaped text, back in the text as written: each escaped line break before it added one character. */
function originalOffset(breaks: number[], escapedOffset: number): number {
  let k = 0;
  while (k < breaks.length && breaks[k] + k + 1 < escapedOffset) k++;
  return escapedOffset - k;
}

/** Parses template text. Returns the value with positions, or the first syntax error with its position. */
export function parseTemplateJson(raw: string, maxDepth: number): ParsedJson | JsonError {
  const text = raw.charCodeAt(0) === 0xfeff ? ` ${raw.slice(1)}` : raw;
  let value: unknown;
  let multiline = false;
  try {
    value = JSON.parse(text);
  } catch {
    // ARM accepts line breaks inside strings (multi-line expressions); JSON does not. Escaped, the text has the
    // same value ARM reads; errors and positions still refer to the text as written.
    const { text: escaped, breaks } = escapeLineBreaksInStrings(text);
    multiline = breaks.length > 0;
    const errors: ParseError[] = [];
    try {
      // Comments blanked out, the native parser reads the values: it keeps a `__proto__` key as data, where
      // jsonc-parser's assignment would make it the object's prototype and lose it.
      value = JSON.parse(stripComments(escaped, ' '));
    } catch {
      value = parseJsonc(escaped, errors, { allowTrailingComma: false, disallowComments: false });
    }
    if (errors.length) {
      const e = errors[0];
      return { message: `invalid JSON: ${jsonErrorWords(e.error)}`, ...positionAt(text, originalOffset(breaks, e.offset)) };
    }
  }
  // One pass finds resource positions and, on the way, nesting deeper than the limit.
  const positions = scanResourcePositions(text, maxDepth, multiline);
  if (positions.tooDeep) return { message: `JSON nested deeper than ${maxDepth} levels`, line: 1, column: 1 };
  return { value, positions };
}
