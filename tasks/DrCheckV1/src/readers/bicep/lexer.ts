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
      adv(1);
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') adv(1);
      continue;
    }
    if (c === '#' && /^#(disable-next-line|disable-diagnostics|restore-diagnostics)\b/.test(src.slice(i, i + 20))) {
      // Linter directives (`#disable-next-line no-unused-params`): comments to the reader.
      while (i < src.length && src[i] !== '\n') adv(1);
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new BicepSyntaxError('unterminated comment', line, col);
      adv(end + 2 - i);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const start = i;
      const l = line;
      const cc = col;
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i])) adv(1);
      toks.push({ k: 'id', v: src.slice(start, i), line: l, col: cc });
      continue;
    }
    if (/[0-9]/.test(c)) {
      const start = i;
      const l = line;
      const cc = col;
      while (i < src.length && /[0-9.]/.test(src[i])) adv(1);
      toks.push({ k: 'num', v: src.slice(start, i), line: l, col: cc });
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
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new BicepSyntaxError(`unexpected character '${c}'`, line, col);
    toks.push({ k: 'op', v: op, line, col });
    adv(op.length);
  }
  toks.push({ k: 'eof', v: '', line, col });
  return toks;
}
