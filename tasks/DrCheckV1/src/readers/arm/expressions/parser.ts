/**
 * Recursive-descent parser for the ARM template expression language
 * (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions):
 *
 *   expression := primary ( '.' IDENT | '[' expression ']' )*
 *   primary    := STRING | NUMBER | IDENT ( '.' IDENT )? '(' ( expression ( ',' expression )* )? ')'
 *
 * `ns.fn()` is a user-defined function call. Nesting is bounded by `maxDepth` (calls, indexes and
 * member chains all count), so no input can overflow the stack here or in the evaluator. Parsed trees
 * are cached by text in a bounded map: templates repeat the same expressions over and over.
 */
import type { Value } from '../../../../../../shared/model/value';
import type { ExprNode } from './api';
import { ExpressionError } from './errors';
import { tokenize, type Token } from './lexer';

type CallNode = Extract<ExprNode, { kind: 'call' }>;

const DEFAULT_MAX_DEPTH = 64;

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private level = 0;
  /** Depth of the node the last parse function returned (1 for a literal). */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    this.tokens = tokenize(text);
  }

  parse(): { node: ExprNode; depth: number } {
    if (this.peek().kind === 'eof') throw new ExpressionError('empty expression', 0);
    const node = this.expression();
    const t = this.peek();
    if (t.kind !== 'eof') throw new ExpressionError(`unexpected ${this.describe(t)} after the end of the expression`, t.start);
    return { node, depth: this.depth };
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    return this.tokens[this.pos++];
  }

  private describe(t: Token): string {
    if (t.kind === 'eof') return 'end of expression';
    if (t.kind === 'ident') return `'${String(t.value)}'`;
    if (t.kind === 'string' || t.kind === 'number') return this.text.slice(t.start, t.end);
    return `'${t.kind}'`;
  }

  private tooDeep(at: number): ExpressionError {
    return new ExpressionError(`expression is nested deeper than ${this.maxDepth} levels`, at);
  }

  private expression(): ExprNode {
    const first = this.peek();
    if (++this.level > this.maxDepth) throw this.tooDeep(first.start);
    let node = this.primary();
    let depth = this.depth;
    for (;;) {
      const t = this.peek();
      if (t.kind === '.') {
        this.next();
        const name = this.next();
        if (name.kind !== 'ident') throw new ExpressionError(`expected a property name after '.', found ${this.describe(name)}`, name.start);
        node = { kind: 'member', object: node, property: { kind: 'string', value: name.value as string, start: name.start, end: name.end }, start: node.start, end: name.end };
        depth++;
      } else if (t.kind === '[') {
        this.next();
        if (this.peek().kind === ']') throw new ExpressionError("expected an index or a property name between '[' and ']'", this.peek().start);
        const property = this.expression();
        depth = Math.max(depth, this.depth) + 1;
        const close = this.next();
        if (close.kind !== ']') throw new ExpressionError(close.kind === 'eof' ? "missing ']' to close the index" : `expected ']' after the index, found ${this.describe(close)}`, close.start);
        node = { kind: 'member', object: node, property, start: node.start, end: close.end };
      } else break;
      if (depth > this.maxDepth) throw this.tooDeep(t.start);
    }
    this.level--;
    this.depth = depth;
    return node;
  }

  private primary(): ExprNode {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        this.depth = 1;
        return { kind: 'string', value: t.value as string, start: t.start, end: t.end };
      case 'number':
        this.depth = 1;
        return { kind: 'number', value: t.value as number, start: t.start, end: t.end };
      case 'ident':
        return this.call(t);
      case 'eof':
        throw new ExpressionError('unexpected end of expression: a value or a function call is missing', t.start);
      default:
        throw new ExpressionError(`unexpected ${this.describe(t)}: expected a string, a number or a function call`, t.start);
    }
  }

  private call(first: Token): CallNode {
    let name = first.value as string;
    let namespace: string | undefined;
    // `ns.fn(` is a user-defined function; `fn().prop` member access is handled by the caller.
    if (this.peek().kind === '.' && this.peek(1).kind === 'ident' && this.peek(2).kind === '(') {
      this.next();
      namespace = name;
      name = this.next().value as string;
    }
    const open = this.next();
    if (open.kind !== '(') {
      const lower = name.toLowerCase();
      if (!namespace && (lower === 'true' || lower === 'false' || lower === 'null')) {
        throw new ExpressionError(`'${name}' is not a literal in template expressions; write ${lower}()`, first.start);
      }
      throw new ExpressionError(`expected '(' after '${namespace ? `${namespace}.` : ''}${name}', found ${this.describe(open)}`, open.start);
    }
    const args: ExprNode[] = [];
    let depth = 0;
    if (this.peek().kind === ')') {
      this.next();
      this.depth = 1;
      return this.callNode(name, namespace, args, first.start, this.tokens[this.pos - 1].end);
    }
    for (;;) {
      args.push(this.expression());
      if (this.depth > depth) depth = this.depth;
      const sep = this.next();
      if (sep.kind === ',') continue;
      if (sep.kind === ')') {
        this.depth = depth + 1;
        if (this.depth > this.maxDepth) throw this.tooDeep(first.start);
        return this.callNode(name, namespace, args, first.start, sep.end);
      }
      const fn = `${namespace ? `${namespace}.` : ''}${name}`;
      if (sep.kind === 'eof') throw new ExpressionError(`missing ')' to close ${fn}(`, sep.start);
      throw new ExpressionError(`expected ',' or ')' in the arguments of ${fn}(), found ${this.describe(sep)}`, sep.start);
    }
  }

  private callNode(name: string, namespace: string | undefined, args: ExprNode[], start: number, end: number): CallNode {
    return namespace ? { kind: 'call', name, namespace, args, start, end } : { kind: 'call', name, args, start, end };
  }
}
export interface ParsedEntry {
  node: ExprNode;
  depth: number;
  /** True when nothing in the expression reads `copyIndex()`: its value is the same everywhere in one template scope. */
  loopFree: boolean;
  /** The last value it had, and the {@link EvalScope.memo} token of the scope it had it in. */
  memo?: object;
  value?: Value;
}

function readsCopyIndex(node: ExprNode): boolean {
  switch (node.kind) {
    case 'member':
      return readsCopyIndex(node.object) || readsCopyIndex(node.property);
    case 'call':
      return (!node.namespace && node.name.toLowerCase() === 'copyindex') || node.args.some(readsCopyIndex);
    default:
      return false;
  }
}

/**
 * Parsed trees are cached in two small generations rather than one big map (a map of every distinct
 * text grows slow: most texts, resource names, occur once). A text is parsed into the young
 * generation; met again while still there (a copy loop, an expression repeated in a template) it moves
 * to the old one. Each generation starts again when full.
 */
const YOUNG_LIMIT = 4096;
const OLD_LIMIT = 8192;

class ParseCache {
  readonly young = new Map<string, ParsedEntry>();
  readonly old = new Map<string, ParsedEntry>();
}

/** Keyed by expression text (the API). */
const byText = new ParseCache();
/** Keyed by the JSON string with its brackets: the template's own string, whose hash V8 keeps. */
const byRaw = new ParseCache();

function cached(cache: ParseCache, key: string, text: () => string, maxDepth: number): ParsedEntry {
  let entry = cache.old.get(key);
  if (entry === undefined) {
    entry = cache.young.get(key);
    if (entry === undefined) {
      const parsed = new Parser(text(), maxDepth).parse();
      entry = { node: parsed.node, depth: parsed.depth, loopFree: !readsCopyIndex(parsed.node), memo: undefined, value: undefined };
      if (cache.young.size >= YOUNG_LIMIT) cache.young.clear();
      cache.young.set(key, entry);
      return entry;
    }
    if (cache.old.size >= OLD_LIMIT) cache.old.clear();
    cache.old.set(key, entry);
  }
  if (entry.depth > maxDepth) throw new ExpressionError(`expression is nested deeper than ${maxDepth} levels`, 0);
  return entry;
}

/**
 * Parses expression text (the inside of `[...]`, without the brackets). Throws ExpressionError with
 * an offset into `text`. Trees are cached and shared: callers must not mutate them.
 */
export function parseExpression(text: string, maxDepth: number = DEFAULT_MAX_DEPTH): ExprNode {
  return cached(byText, text, () => text, maxDepth).node;
}

/**
 * Parses a JSON string that {@link isExpression} accepted, brackets included. Node offsets and error
 * offsets are relative to the text inside the brackets. Returns the cache entry: the tree, and where the
 * evaluator keeps the last value of a loop-free expression.
 */
export function parseBracketedEntry(raw: string, maxDepth: number = DEFAULT_MAX_DEPTH): ParsedEntry {
  return cached(byRaw, raw, () => raw.slice(1, -1), maxDepth);
}

/** True when a JSON string is a template expression (`[...]`), not a literal or an escaped `[[...]`. */
export function isExpression(raw: string): boolean {
  const n = raw.length;
  return n >= 2 && raw.charCodeAt(0) === 91 && raw.charCodeAt(n - 1) === 93 && raw.charCodeAt(1) !== 91;
}

/**
 * The literal a JSON string stands for when it is not an expression: `[[x]` escapes `[x]` (ARM drops
 * the first bracket only when the string would otherwise be an expression); other strings are as written.
 */
export function unescapeLiteral(raw: string): string {
  const n = raw.length;
  return n >= 3 && raw.charCodeAt(0) === 91 && raw.charCodeAt(1) === 91 && raw.charCodeAt(n - 1) === 93 ? raw.slice(1) : raw;
}
