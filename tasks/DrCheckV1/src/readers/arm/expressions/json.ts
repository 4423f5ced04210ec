/**
 * JSON text to a Value the way ARM's `json()` reads it (Newtonsoft.Json): standard JSON first, then
 * the lenient forms ARM accepts — single-quoted strings, unquoted property names, comments and trailing
 * commas (`json('{''one'': ''a''}')`). Nesting is bounded; `__proto__` stays an ordinary key.
 */
import { setProp, type Value } from '../../../../../../shared/model/value';
import { fail } from './errors';
import type { Obj } from './values';

const MAX_DEPTH = 256;

class LenientJson {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Value {
    const v = this.value(0);
    this.space();
    if (this.i < this.s.length) this.error('unexpected text after the JSON value');
    return v;
  }

  private error(what: string): never {
    return fail(`not valid JSON: ${what} at position ${this.i}`);
  }

  private space(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) this.i++;
      else if (c === 47 && s.charCodeAt(this.i + 1) === 47) {
        const nl = s.indexOf('\n', this.i);
        this.i = nl < 0 ? s.length : nl + 1;
      } else if (c === 47 && s.charCodeAt(this.i + 1) === 42) {
        const end = s.indexOf('*/', this.i + 2);
        if (end < 0) this.error('unterminated comment');
        this.i = end + 2;
      } else return;
    }
  }

  private value(depth: number): Value {
    if (depth > MAX_DEPTH) this.error(`nesting deeper than ${MAX_DEPTH} levels`);
    this.space();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'") return this.string(c);
    if (c === '-' || c === '+' || (c >= '0' && c <= '9') || c === '.') return this.number();
    const word = this.word();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null' || word === 'undefined') return null;
    return this.error(word ? `unexpected '${word}'` : c === undefined ? 'unexpected end' : `unexpected '${c}'`);
  }

  private word(): string {
    const start = this.i;
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      const wordChar = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 45;
      if (!wordChar) break;
      this.i++;
    }
    return this.s.slice(start, this.i);
  }

  private number(): number {
    const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) this.error('invalid number');
    this.i += m[0].length;
    return Number(m[0]);
  }

  private string(quote: string): string {
    const s = this.s;
    let out = '';
    this.i++;
    for (;;) {
      if (this.i >= s.length) this.error('unterminated string');
      const c = s[this.i++];
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = s[this.i++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          const hex = s.slice(this.i, this.i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.error('invalid \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 4;
          break;
        }
        default:
          if (e === undefined) this.error('unterminated string');
          out += e;
      }
    }
  }

  private array(depth: number): Value[] {
    const out: Value[] = [];
    this.i++;
    for (;;) {
      this.space();
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      out.push(this.value(depth + 1));
      this.space();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') {
        this.i--;
        this.error("expected ',' or ']'");
      }
    }
  }

  private object(depth: number): Obj {
    const out: Obj = {};
    this.i++;
    for (;;) {
      this.space();
      const c = this.s[this.i];
      if (c === '}') {
        this.i++;
        return out;
      }
      const key = c === '"' || c === "'" ? this.string(c) : this.word();
      if (!key && c !== '"' && c !== "'") this.error('expected a property name');
      this.space();
      if (this.s[this.i++] !== ':') {
        this.i--;
        this.error("expected ':'");
      }
      setProp(out, key, this.value(depth + 1));
      this.space();
      const d = this.s[this.i++];
      if (d === '}') return out;
      if (d !== ',') {
        this.i--;
        this.error("expected ',' or '}'");
      }
    }
  }
}

/** Parses JSON text as ARM's json() does. Throws FunctionError for invalid JSON. */
export function parseArmJson(text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch {
    // Not strict JSON (or too deep for the built-in parser): try the lenient reader.
  }
  return new LenientJson(text).parse();
}
