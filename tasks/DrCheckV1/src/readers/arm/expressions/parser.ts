/**
 * Tokenizer and recursive-descent parser for the ARM template expression language
 * (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions):
 * `fn(arg, 'string', 12, -1).prop['key'][0]`, user functions `ns.fn()`, `''` escapes inside strings.
 */
import type { ExprNode } from './api';

export class ExpressionError extends Error {
  constructor(
    message: string,
    /** 0-based offset inside the expression text (without the surrounding brackets). */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly src: string,
    private readonly maxDepth: number,
  ) {}

  parse(): ExprNode {
    this.skip();
    const node = this.expression();
    this.skip();
    if (this.pos < this.src.length) throw new ExpressionError(`unexpected '${this.src[this.pos]}' after the expression`, this.pos);
    return node;
  }

  private skip(): void {
    while (this.pos < this.src.length && isSpace(this.src.charCodeAt(this.pos))) this.pos++;
  }

  private expression(): ExprNode {
    if (++this.depth > this.maxDepth) throw new ExpressionError(`expression nested deeper than ${this.maxDepth} levels`, this.pos);
    let node = this.primary();
    for (;;) {
      this.skip();
      const c = this.src[this.pos];
      if (c === '.') {
        this.pos++;
        this.skip();
        const start = this.pos;
        const name = this.identifier();
        node = { kind: 'member', object: node, property: { kind: 'string', value: name, start, end: this.pos }, start: node.start, end: this.pos };
      } else if (c === '[') {
        this.pos++;
        this.skip();
        const property = this.expression();
        this.skip();
        if (this.src[this.pos] !== ']') throw new ExpressionError(`expected ']'`, this.pos);
        this.pos++;
        node = { kind: 'member', object: node, property, start: node.start, end: this.pos };
      } else break;
    }
    this.depth--;
    return node;
  }

  private identifier(): string {
    const start = this.pos;
    if (this.pos >= this.src.length || !isIdentStart(this.src.charCodeAt(this.pos))) {
      throw new ExpressionError(this.pos >= this.src.length ? 'unexpected end of expression' : `unexpected '${this.src[this.pos]}'`, this.pos);
    }
    while (this.pos < this.src.length && isIdentPart(this.src.charCodeAt(this.pos))) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private primary(): ExprNode {
    this.skip();
    const start = this.pos;
    if (this.pos >= this.src.length) throw new ExpressionError('unexpected end of expression', this.pos);
    const c = this.src.charCodeAt(this.pos);
    if (c === 39 /* ' */) return this.string();
    if (isDigit(c) || (c === 45 /* - */ && isDigit(this.src.charCodeAt(this.pos + 1)))) {
      this.pos++;
      while (this.pos < this.src.length && (isDigit(this.src.charCodeAt(this.pos)) || this.src[this.pos] === '.')) this.pos++;
      const value = Number(this.src.slice(start, this.pos));
      if (Number.isNaN(value)) throw new ExpressionError(`invalid number '${this.src.slice(start, this.pos)}'`, start);
      return { kind: 'number', value, start, end: this.pos };
    }
    let name = this.identifier();
    let namespace: string | undefined;
    this.skip();
    if (this.src[this.pos] === '.') {
      // `ns.fn(` is a user-defined function; anything else after a dot is member access on a call result, handled by the caller.
      const save = this.pos;
      this.pos++;
      this.skip();
      if (this.pos < this.src.length && isIdentStart(this.src.charCodeAt(this.pos))) {
        const member = this.identifier();
        this.skip();
        if (this.src[this.pos] === '(') {
          namespace = name;
          name = member;
        } else this.pos = save;
      } else this.pos = save;
    }
    this.skip();
    if (this.src[this.pos] !== '(') {
      if (name === 'true' || name === 'false' || name === 'null') {
        throw new ExpressionError(`'${name}' is not a literal in template expressions; use ${name}()`, start);
      }
      throw new ExpressionError(`expected '(' after '${name}'`, this.pos);
    }
    this.pos++;
    const args: ExprNode[] = [];
    this.skip();
    if (this.src[this.pos] === ')') {
      this.pos++;
    } else {
      for (;;) {
        args.push(this.expression());
        this.skip();
        const d = this.src[this.pos];
        if (d === ',') {
          this.pos++;
          continue;
        }
        if (d === ')') {
          this.pos++;
          break;
        }
        throw new ExpressionError(d === undefined ? `missing ')' to close ${name}(` : `expected ',' or ')' in the arguments of ${name}(), found '${d}'`, this.pos);
      }
    }
    return { kind: 'call', name, ...(namespace ? { namespace } : {}), args, start, end: this.pos };
  }

  private string(): ExprNode {
    const start = this.pos;
    this.pos++;
    let value = '';
    for (;;) {
      const q = this.src.indexOf("'", this.pos);
      if (q < 0) throw new ExpressionError('unterminated string literal', start);
      value += this.src.slice(this.pos, q);
      if (this.src[q + 1] === "'") {
        value += "'";
        this.pos = q + 2;
        continue;
      }
      this.pos = q + 1;
      return { kind: 'string', value, start, end: this.pos };
    }
  }
}

const cache = new Map<string, ExprNode>();
const CACHE_LIMIT = 20000;

/** Parses expression text (the inside of `[...]`). Parsed trees are cached by text. */
export function parseExpression(text: string, maxDepth = 64): ExprNode {
  const hit = cache.get(text);
  if (hit) return hit;
  const node = new Parser(text, maxDepth).parse();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, node);
  return node;
}

/** True when a JSON string is a template expression (`[...]`) rather than a literal or an escaped `[[...`. */
export function isExpression(raw: string): boolean {
  return raw.length >= 2 && raw.charCodeAt(0) === 91 && raw.charCodeAt(raw.length - 1) === 93 && raw.charCodeAt(1) !== 91;
}
