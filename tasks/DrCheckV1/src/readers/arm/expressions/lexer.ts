/**
 * Tokenizer for the ARM template expression language (the text between `[` and `]`):
 * identifiers, `'single-quoted'` strings with `''` escapes, integer and decimal numbers (a `-` directly
 * before a digit makes a negative number), `( ) [ ] , .` and whitespace. Works on char codes, no regexes.
 */
import { ExpressionError } from './errors';

export type TokenKind = 'ident' | 'string' | 'number' | '(' | ')' | '[' | ']' | ',' | '.' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Offset of the first character. */
  start: number;
  /** Offset just after the last character. */
  end: number;
  /** Identifier name, unescaped string contents, or number value. */
  value?: string | number;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36; // A-Z a-z _ $
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** The punctuation token a character is, or undefined (a switch: an object keyed by char codes is slow to miss). */
function punctuation(c: number): TokenKind | undefined {
  switch (c) {
    case 40:
      return '(';
    case 41:
      return ')';
    case 91:
      return '[';
    case 93:
      return ']';
    case 44:
      return ',';
    case 46:
      return '.';
    default:
      return undefined;
  }
}

/** Describes a character for error messages, escaping control characters. */
function describeChar(c: string | undefined): string {
  if (c === undefined) return 'the end of the expression';
  return /^[\x20-\x7e]$/.test(c) ? `'${c}'` : JSON.stringify(c);
}

/** Splits expression text into tokens; the last token is always `eof`. Throws ExpressionError. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    const punct = punctuation(c);
    if (punct !== undefined) {
      tokens.push({ kind: punct, start, end: ++i });
      continue;
    }
    if (c === 39 /* ' */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf("'", from);
        if (q < 0) throw new ExpressionError('unterminated string literal (a string starts here but has no closing quote)', start);
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 39) {
          value += "'";
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      tokens.push({ kind: 'string', start, end: i, value });
      continue;
    }
    if (isDigit(c) || (c === 45 /* - */ && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      if (i < n && isIdentPart(text.charCodeAt(i))) throw new ExpressionError(`invalid number '${text.slice(start, i + 1)}'`, start);
      tokens.push({ kind: 'number', start, end: i, value: Number(text.slice(start, i)) });
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'ident', start, end: i, value: text.slice(start, i) });
      continue;
    }
    throw new ExpressionError(`unexpected character ${describeChar(text[i])}`, start);
  }
  tokens.push({ kind: 'eof', start: n, end: n });
  return tokens;
}
