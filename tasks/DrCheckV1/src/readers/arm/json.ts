/**
 * JSON for ARM templates: values, comments, BOMs, and the line/column of every resource.
 *
 * Speed matters (a scan must stay within a small factor of a plain `JSON.parse` of the same files), so:
 * values come from the native `JSON.parse` when the file is plain JSON, and from `jsonc-parser` only when it
 * has comments or errors (ARM accepts `//` and `/* *\/` comments); positions come from one light pass that
 * records where each object inside a `resources` collection starts, and nothing else.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';

export interface ParsedJson {
  value: unknown;
  /** Offset of each object in a `resources` array/object, by its path (`resources/0/resources/1`, `resources/stg`). */
  positions: Map<string, number>;
  /** 1-based line and column of an offset. */
  where(offset: number): { line: number; column: number };
}

export interface JsonError {
  message: string;
  line: number;
  column: number;
}

function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
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

/**
 * One pass over the text recording where resource objects start. Tracks a stack of containers; for each
 * object the last property key seen, for each array the current element index.
 */
export function scanResourcePositions(text: string, maxDepth: number): Map<string, number> & { tooDeep?: boolean } {
  const positions: Map<string, number> & { tooDeep?: boolean } = new Map<string, number>();
  const kinds: number[] = []; // 0 object, 1 array
  const keys: Array<string | number> = []; // object: last key; array: index
  let pendingKey: string | null = null;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = skipString(text, i);
      const top = kinds.length - 1;
      if (top >= 0 && kinds[top] === 0) {
        // A string in an object is a key when the next non-space character is ':'.
        let j = end;
        while (j < n && text.charCodeAt(j) <= 32) j++;
        if (text.charCodeAt(j) === 58) pendingKey = text.slice(i + 1, end - 1);
      }
      i = end - 1;
      continue;
    }
    if (c === SLASH) {
      const d = text.charCodeAt(i + 1);
      if (d === SLASH) {
        const e = text.indexOf('\n', i);
        i = e < 0 ? n : e;
        continue;
      }
      if (d === STAR) {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 1;
        continue;
      }
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const top = kinds.length - 1;
      if (top >= 0) {
        if (kinds[top] === 0) keys[top] = pendingKey ?? '';
        // element of an array: index already current
      }
      if (c === 123 && top >= 0) {
        const parentKey = kinds[top] === 1 ? (top >= 1 ? keys[top - 1] : undefined) : keys[top];
        const isResource = kinds[top] === 1 ? parentKey === 'resources' && kinds[top - 1] === 0 : top >= 1 && keys[top - 1] === 'resources' && kinds[top - 1] === 0 && kinds[top] === 0;
        if (isResource) positions.set(keys.slice(0, top + 1).join('/'), i);
      }
      kinds.push(c === 123 ? 0 : 1);
      keys.push(c === 123 ? '' : 0);
      pendingKey = null;
      if (kinds.length > maxDepth) {
        positions.tooDeep = true;
        break;
      }
      continue;
    }
    if (c === 125 /* } */ || c === 93 /* ] */) {
      kinds.pop();
      keys.pop();
      continue;
    }
    if (c === 44 /* , */) {
      const top = kinds.length - 1;
      if (top >= 0 && kinds[top] === 1) keys[top] = (keys[top] as number) + 1;
      pendingKey = null;
    }
  }
  return positions;
}

const ERROR_WORDS: Record<string, string> = {
  InvalidSymbol: 'invalid character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/** Parses template text. Returns the value with positions, or the first syntax error with its position. */
export function parseTemplateJson(raw: string, maxDepth: number): ParsedJson | JsonError {
  const text = raw.charCodeAt(0) === 0xfeff ? ` ${raw.slice(1)}` : raw;
  const where = lineIndex(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    value = parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: false });
    if (errors.length) {
      const e = errors[0];
      const code = printParseErrorCode(e.error);
      return { message: `invalid JSON: ${ERROR_WORDS[code] ?? code}`, ...where(e.offset) };
    }
  }
  // One pass finds resource positions and, on the way, nesting deeper than the limit.
  const positions = scanResourcePositions(text, maxDepth);
  if (positions.tooDeep) return { message: `JSON nested deeper than ${maxDepth} levels`, line: 1, column: 1 };
  return { value, positions, where };
}
