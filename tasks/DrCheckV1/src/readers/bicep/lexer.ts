/**
 * Tokenizer for the Bicep language: identifiers, numbers, strings with `${}` interpolation, multi-line
 * `'''` strings, operators, comments, and newlines (which separate statements, object properties and
 * array items). Every token carries its line and column.
 */

export type TokKind = 'id' | 'num' | 'str' | 'op' | 'nl' | 'eof';

export interface Tok {
  k: TokKind;
  v: string;
  line: number;
  col: number;
  /** Interpolated string: literal parts and the source text of each `${…}` expression. */
  parts?: Array<string | { src: string; line: number; col: number }>;
}

export class BicepSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const OPS = ['...', '??', '?.', '.?', '==', '!=', '<=', '>=', '&&', '||', '=>', '::', '=~', '!~', '{', '}', '[', ']', '(', ')', ',', ':', '.', '?', '!', '=', '<', '>', '+', '-', '*', '/', '%', '@', '|'];
/** The operators by length: the longest that matches is the token (as OPS lists them, longest first). */
const OPS_BY_LENGTH = [3, 2, 1].map((n) => new Set(OPS.filter((o) => o.length === n)));

const isIdStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95; // A-Z a-z _
const isIdChar = (c: number) => isIdStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

export function tokenize(src: string, baseLine = 1, baseCol = 1): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = baseLine;
  let col = baseCol;
  const adv = (n: number) => {
    for (let k = 0; k < n; k++) {
      if (src.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
      i++;
    }
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      toks.push({ k: 'nl', v: '\n', line, col });
      adv(1);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      col++;
      continue;
    }
    // A `//` comment, or a linter directive (`#disable-next-line no-unused-params`), a comment to the reader:
    // to the end of the line (no line break on the way: the column moves by the length).
    if ((c === '/' && src[i + 1] === '/') || (c === '#' && /^#(disable-next-line|disable-diagnostics|restore-diagnostics)\b/.test(src.slice(i, i + 20)))) {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      col += stop - i;
      i = stop;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new BicepSyntaxError('unterminated comment', line, col);
      adv(end + 2 - i);
      continue;
    }
    const code = src.charCodeAt(i);
    if (isIdStart(code)) {
      const start = i;
      while (i < src.length && isIdChar(src.charCodeAt(i))) i++;
      toks.push({ k: 'id', v: src.slice(start, i), line, col });
      col += i - start;
      continue;
    }
    if (isDigit(code)) {
      const start = i;
      while (i < src.length && (isDigit(src.charCodeAt(i)) || src.charCodeAt(i) === 46)) i++;
      toks.push({ k: 'num', v: src.slice(start, i), line, col });
      col += i - start;
      continue;
    }
    if (c === "'") {
      const l = line;
      const cc = col;
      if (src.startsWith("'''", i)) {
        const end = src.indexOf("'''", i + 3);
        if (end < 0) throw new BicepSyntaxError('unterminated multi-line string', l, cc);
        let body = src.slice(i + 3, end);
        if (body.startsWith('\r\n')) body = body.slice(2);
        else if (body.startsWith('\n')) body = body.slice(1);
        adv(end + 3 - i);
        toks.push({ k: 'str', v: body, line: l, col: cc, parts: [body] });
        continue;
      }
      adv(1);
      const parts: Tok['parts'] = [];
      let lit = '';
      for (;;) {
        // A run of ordinary characters at once (none is a line break: the column moves by its length).
        let j = i;
        for (let ch = src.charCodeAt(j); j < src.length && ch !== 39 && ch !== 92 && ch !== 36 && ch !== 10; ch = src.charCodeAt(++j));
        if (j > i) {
          lit += src.slice(i, j);
          col += j - i;
          i = j;
        }
        if (i >= src.length || src[i] === '\n') throw new BicepSyntaxError('unterminated string', l, cc);
        const d = src[i];
        if (d === "'") {
          adv(1);
          break;
        }
        if (d === '\\') {
          const e = src[i + 1];
          const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };
          if (e === 'u' && src[i + 2] === '{') {
            const close = src.indexOf('}', i + 3);
            lit += String.fromCodePoint(parseInt(src.slice(i + 3, close), 16));
            adv(close + 1 - i);
            continue;
          }
          if (!(e in map)) throw new BicepSyntaxError(`invalid escape \\${e}`, line, col);
          lit += map[e];
          adv(2);
          continue;
        }
        if (d === '$' && src[i + 1] === '{') {
          if (lit) parts.push(lit);
          lit = '';
          adv(2);
          const el = line;
          const ec = col;
          let depth = 1;
          const start = i;
          while (i < src.length && depth > 0) {
            if (src[i] === '{') depth++;
            else if (src[i] === '}') depth--;
            else if (src[i] === "'") {
              // skip a nested string
              adv(1);
              while (i < src.length && src[i] !== "'") adv(src[i] === '\\' ? 2 : 1);
            } else if (src[i] === '\n') throw new BicepSyntaxError('unterminated interpolation', el, ec);
            if (depth > 0) adv(1);
          }
          if (depth > 0) throw new BicepSyntaxError('unterminated interpolation', el, ec);
          parts.push({ src: src.slice(start, i), line: el, col: ec });
          adv(1);
          continue;
        }
        lit += d;
        adv(1);
      }
      if (lit || !parts.length) parts.push(lit);
      toks.push({ k: 'str', v: parts.every((p) => typeof p === 'string') ? (parts as string[]).join('') : '', line: l, col: cc, parts });
      continue;
    }
    let op: string | undefined;
    for (let n = 3; n >= 1 && op === undefined; n--) {
      const candidate = src.slice(i, i + n);
      if (OPS_BY_LENGTH[3 - n].has(candidate)) op = candidate;
    }
    if (!op) throw new BicepSyntaxError(`unexpected character '${c}'`, line, col);
    toks.push({ k: 'op', v: op, line, col });
    adv(op.length);
  }
  toks.push({ k: 'eof', v: '', line, col });
  return toks;
}
