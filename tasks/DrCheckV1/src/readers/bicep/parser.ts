/**
 * Recursive-descent parser for the Bicep language: the declarations DR posture depends on (param, var,
 * resource with nested children, module, output), decorators, and the full expression syntax (operators,
 * ternary, property access, safe access, calls, interpolated strings, arrays, objects, for loops, if
 * conditions, lambdas), user-defined types (`type`, type expressions of params, outputs and functions),
 * user-defined functions (`func`) and compile-time imports (`import { a } from 'x.bicep'`, `import * as t`).
 * Statements it does not read (extension, provider, assert, provider-style imports) are kept as "skipped"
 * with their position so the reader can say so.
 */
import { BicepSyntaxError, tokenize, type Tok } from './lexer';

export type Expr =
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'str'; parts: Array<string | Expr> }
  | { k: 'id'; name: string }
  | { k: 'member'; obj: Expr; name: string; safe?: boolean }
  | { k: 'index'; obj: Expr; index: Expr; safe?: boolean }
  | { k: 'call'; ns?: string; name: string; args: Expr[]; line?: number; col?: number }
  | { k: 'mcall'; obj: Expr; name: string; args: Expr[] }
  | { k: 'un'; op: string; x: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'arr'; items: Expr[] }
  | { k: 'obj'; props: Prop[]; resources: ResourceDecl[] }
  | { k: 'for'; item: string; index?: string; coll: Expr; body: Expr }
  | { k: 'if'; cond: Expr; body: Expr }
  | { k: 'lambda'; params: string[]; body: Expr }
  /** `...items` inside an array: its items spliced in. */
  | { k: 'spread'; x: Expr };

/**
 * An object property; `keyExpr` for an interpolated key (`'${id}': …`), whose `key` is then only its source
 * form; `spread` for `...value` (the properties of the object `value`, merged in order; `key` is then `...`).
 */
export interface Prop {
  key: string;
  keyExpr?: Expr;
  value: Expr;
  spread?: boolean;
}

export interface ResourceDecl {
  kind: 'resource';
  sym: string;
  type: string;
  existing: boolean;
  body: Expr;
  line: number;
  col: number;
}

/** A symbol of a compile-time import: `name` in the other file, `alias` here (`import { name as alias } from …`). */
export interface ImportedSymbol {
  name: string;
  alias: string;
}

export type Statement =
  /**
   * `typeName`: the user-defined type a param is declared with (`param cfg storageConfig`), to look its nullability up;
   * `allowed`: the `@allowed([...])` list of a `string`, `int`, `bool` or `object` parameter.
   */
  | { kind: 'param'; name: string; default?: Expr; nullable?: boolean; typeName?: string; allowed?: Expr; line: number; col: number }
  | { kind: 'var'; name: string; value: Expr; line: number; col: number }
  | ResourceDecl
  | { kind: 'module'; sym: string; path: string; body: Expr; line: number; col: number }
  | { kind: 'output'; name: string; value: Expr; line: number; col: number }
  | { kind: 'using'; path: string; line: number; col: number }
  /** A user-defined type: no runtime value; `nullable` when it admits null (`type maybe = string?`). */
  | { kind: 'type'; name: string; nullable: boolean; line: number; col: number }
  | { kind: 'func'; name: string; params: string[]; body: Expr; line: number; col: number }
  /** `import { a, b as c } from 'path'` (symbols) or `import * as ns from 'path'` (wildcard). */
  | { kind: 'import'; from: string; symbols: ImportedSymbol[]; wildcard?: string; line: number; col: number }
  | { kind: 'skipped'; what: string; line: number; col: number };

const SKIPPED = new Set(['extension', 'provider', 'assert', 'import']);

class Parser {
  private p = 0;
  constructor(
    private readonly t: Tok[],
    private readonly maxDepth: number,
  ) {}
  private depth = 0;

  private get cur(): Tok {
    return this.t[this.p];
  }
  private err(msg: string, tok = this.cur): never {
    throw new BicepSyntaxError(msg, tok.line, tok.col);
  }
  private isOp(v: string): boolean {
    return this.cur.k === 'op' && this.cur.v === v;
  }
  private eat(v: string): Tok {
    if (!this.isOp(v)) this.err(`expected '${v}' but found ${this.describe()}`);
    return this.t[this.p++];
  }
  private describe(tok = this.cur): string {
    return tok.k === 'eof' ? 'the end of the file' : tok.k === 'nl' ? 'a new line' : `'${tok.v}'`;
  }
  private skipNl(): void {
    while (this.cur.k === 'nl') this.p++;
  }
  private ident(): Tok {
    if (this.cur.k !== 'id') this.err(`expected a name but found ${this.describe()}`);
    return this.t[this.p++];
  }
  private stringLit(): string {
    const tok = this.cur;
    if (tok.k !== 'str' || tok.parts!.some((x) => typeof x !== 'string')) this.err(`expected a string literal but found ${this.describe()}`);
    this.p++;
    return tok.v;
  }

  program(): Statement[] {
    const out: Statement[] = [];
    for (;;) {
      this.skipNl();
      if (this.cur.k === 'eof') return out;
      // Decorators: dropped (they never change what is deployed), but for a parameter's allowed values.
      const allowed = this.decorators().filter(isAllowedDecorator).pop()?.args[0];
      const statement = this.statement();
      // Only for a single value: an array's (or a user type's) allowed list names the elements it may hold.
      out.push(allowed && statement.kind === 'param' && !statement.default && SINGLE_VALUE_TYPES.has(statement.typeName ?? '') ? { ...statement, allowed } : statement);
      const after = this.cur.k as string;
      if (after !== 'nl' && after !== 'eof') this.err(`unexpected ${this.describe()} after the declaration`);
    }
  }

  private statement(): Statement {
    const kw = this.ident();
    const at = { line: kw.line, col: kw.col };
    switch (kw.v) {
      case 'param': {
        const name = this.ident().v;
        if (this.cur.k === 'op' && this.cur.v === '=') {
          // .bicepparam: `param x = value`
          this.p++;
          return { kind: 'param', name, default: this.expr(), ...at };
        }
        const start = this.p;
        const nullable = this.typeExpr();
        if (this.isOp('=')) {
          this.p++;
          return { kind: 'param', name, default: this.expr(), ...at };
        }
        const typeName = this.p === start + 1 && this.t[start].k === 'id' ? this.t[start].v : undefined;
        return { kind: 'param', name, ...(nullable ? { nullable } : {}), ...(typeName ? { typeName } : {}), ...at };
      }
      case 'var': {
        const name = this.ident().v;
        if (!this.isOp('=')) this.typeExpr();
        this.eat('=');
        return { kind: 'var', name, value: this.expr(), ...at };
      }
      case 'resource':
        return this.resource(at);
      case 'module': {
        const sym = this.ident().v;
        const path = this.stringLit();
        this.eat('=');
        return { kind: 'module', sym, path, body: this.declBody(), ...at };
      }
      case 'output': {
        const name = this.ident().v;
        this.typeExpr();
        this.eat('=');
        return { kind: 'output', name, value: this.expr(), ...at };
      }
      case 'targetScope':
      case 'metadata': {
        if (kw.v === 'metadata') this.ident();
        this.eat('=');
        this.expr();
        return { kind: 'skipped', what: kw.v, ...at };
      }
      case 'type': {
        const name = this.ident().v;
        this.eat('=');
        if (this.nextIs('|')) this.skipNl(); // `type t =` then `| 'a'` lines
        return { kind: 'type', name, nullable: this.typeExpr(), ...at };
      }
      case 'func': {
        // func name(a string, b int[]) string => expression
        const name = this.ident().v;
        this.eat('(');
        this.skipNl();
        const params: string[] = [];
        while (!this.isOp(')')) {
          params.push(this.ident().v);
          this.typeExpr();
          this.skipNl();
          if (!this.isOp(',')) break;
          this.p++;
          this.skipNl();
        }
        this.eat(')');
        this.typeExpr();
        this.eat('=>');
        this.skipNl();
        return { kind: 'func', name, params, body: this.expr(), ...at };
      }
      case 'import':
        if (this.isOp('{') || this.isOp('*')) return this.compileTimeImport(at);
        break; // `import 'az@1.0.0'`, `import az as foo`: a provider import, skipped below
      case 'using': {
        const path = this.cur.k === 'str' ? this.stringLit() : (this.ident().v, '');
        return { kind: 'using', path, ...at };
      }
    }
    if (!SKIPPED.has(kw.v)) return this.err(`unknown declaration '${kw.v}'`, kw);
    // Skip to the end of the declaration, balancing brackets.
    let depth = 0;
    while (this.cur.k !== 'eof' && !(depth === 0 && this.cur.k === 'nl')) {
      if (this.cur.k === 'op' && '{[('.includes(this.cur.v)) depth++;
      if (this.cur.k === 'op' && '}])'.includes(this.cur.v)) depth--;
      this.p++;
    }
    return { kind: 'skipped', what: kw.v, ...at };
  }

  private resource(at: { line: number; col: number }): ResourceDecl {
    const sym = this.ident().v;
    const type = this.stringLit();
    let existing = false;
    if (this.cur.k === 'id' && this.cur.v === 'existing') {
      existing = true;
      this.p++;
    }
    this.eat('=');
    return { kind: 'resource', sym, type, existing, body: this.declBody(), ...at };
  }

  /** A resource or module body: an object, `if (cond) { }`, or `[for …: …]`. */
  private declBody(): Expr {
    // The body may start on the line after the `=` (`resource x '…' =` then `  if (deploy) {`).
    this.skipNl();
    if (this.cur.k === 'id' && this.cur.v === 'if') {
      this.p++;
      this.eat('(');
      const cond = this.expr();
      this.eat(')');
      return { k: 'if', cond, body: this.primary() };
    }
    return this.primary();
  }

  /** `import { a, b as c } from 'path'` or `import * as ns from 'path'`, after the keyword. */
  private compileTimeImport(at: { line: number; col: number }): Statement {
    const symbols: ImportedSymbol[] = [];
    let wildcard: string | undefined;
    const alias = (name: string) => {
      if (this.cur.k !== 'id' || this.cur.v !== 'as') return name;
      this.p++;
      return this.ident().v;
    };
    if (this.isOp('*')) {
      this.p++;
      if (!(this.cur.k === 'id' && this.cur.v === 'as')) this.err(`expected 'as' after 'import *' but found ${this.describe()}`);
      wildcard = alias('');
    } else {
      this.eat('{');
      this.skipNl();
      while (!this.isOp('}')) {
        const name = this.ident().v;
        symbols.push({ name, alias: alias(name) });
        this.separator('}', 'imported names');
      }
      this.eat('}');
    }
    if (!(this.cur.k === 'id' && this.cur.v === 'from')) this.err(`expected 'from' but found ${this.describe()}`);
    this.p++;
    return { kind: 'import', from: this.stringLit(), symbols, ...(wildcard ? { wildcard } : {}), ...at };
  }

  /** Whether the next token past new lines is the operator `op`. */
  private nextIs(op: string): boolean {
    let q = this.p;
    while (this.t[q].k === 'nl') q++;
    return this.t[q].k === 'op' && this.t[q].v === op;
  }

  /**
   * A type expression, read and dropped (types have no runtime value): `string`, `int[]`, `'a' | 'b'`,
   * `{ name: string, sku: ('LRS' | 'GRS')? }`, tuples `[string, int]`, `storageConfig`, `t.myType`,
   * `cfg.sku`, `list[*]`, `map.*`, `resourceInput<'T@v'>.properties`, `resource 'T@v'`, `(…)`.
   * Returns true when nullable (`string?`, `lockType?`, a union with null).
   */
  private typeExpr(): boolean {
    if (++this.depth > this.maxDepth) this.err(`type nested deeper than ${this.maxDepth} levels`);
    try {
      if (this.cur.k === 'nl' && this.nextIs('|')) this.skipNl(); // `param mode` then `  | 'Default'` lines
      if (this.isOp('|')) this.p++; // leading `|`
      let nullable = this.singularType();
      while (this.nextIs('|')) {
        this.skipNl();
        this.p++;
        this.skipNl();
        nullable = this.singularType() || nullable;
      }
      return nullable;
    } finally {
      this.depth--;
    }
  }

  private singularType(): boolean {
    let nullable = false;
    const tok = this.cur;
    if (this.isOp('(')) {
      this.p++;
      this.skipNl();
      nullable = this.typeExpr();
      this.skipNl();
      this.eat(')');
    } else if (this.isOp('{')) this.objectType();
    else if (this.isOp('[')) this.tupleType();
    else if (tok.k === 'str') this.stringLit();
    else if (tok.k === 'num') this.p++;
    else if (this.isOp('-') || this.isOp('!')) {
      this.p++;
      if (this.cur.k !== 'num' && !(this.cur.k === 'id' && ['true', 'false'].includes(this.cur.v))) this.err(`expected a literal after '${tok.v}' in a type but found ${this.describe()}`);
      this.p++;
    } else if (tok.k === 'id' && tok.v === 'resource' && this.t[this.p + 1]?.k === 'str') {
      this.p++;
      this.stringLit();
    } else if (tok.k === 'id') {
      this.p++;
      nullable = tok.v === 'null';
      this.typeReferenceTail();
    } else this.err(`expected a type but found ${this.describe()}`);
    for (;;) {
      if (this.isOp('[') && this.t[this.p + 1]?.v === ']') {
        this.p += 2;
        nullable = false;
      } else if (this.isOp('?')) {
        this.p++;
        nullable = true;
      } else return nullable;
    }
  }

  /** After a type name: `<'T@v'>` arguments, `.property`, `.*`, `[0]`, `[*]`. */
  private typeReferenceTail(): void {
    if (this.isOp('<')) {
      this.p++;
      for (;;) {
        this.typeExpr();
        if (!this.isOp(',')) break;
        this.p++;
      }
      this.eat('>');
    }
    for (;;) {
      if (this.isOp('.')) {
        this.p++;
        if (this.isOp('*')) this.p++;
        else this.ident();
      } else if (this.isOp('[') && (this.t[this.p + 1]?.k === 'num' || this.t[this.p + 1]?.v === '*')) {
        this.p += 2;
        this.eat(']');
      } else return;
    }
  }

  /** Decorators (`@description('…')`, `@minLength(3)`), before a declaration or a property or item of a type. */
  private decorators(): Expr[] {
    const out: Expr[] = [];
    while (this.isOp('@')) {
      this.p++;
      out.push(this.postfix(this.primary()));
      this.skipNl();
    }
    return out;
  }

  /** `{ name: string, sku?: 'LRS' | 'GRS', 'quoted-key': int, *: string }`, properties on lines or between commas. */
  private objectType(): void {
    this.eat('{');
    this.skipNl();
    while (!this.isOp('}')) {
      this.decorators();
      if (this.isOp('*')) this.p++;
      else if (this.cur.k === 'str') this.stringLit();
      else this.ident();
      if (this.isOp('?')) this.p++;
      this.eat(':');
      this.typeExpr();
      this.separator('}', 'properties');
    }
    this.eat('}');
  }

  /** `[string, int]` or one item per line. */
  private tupleType(): void {
    this.eat('[');
    this.skipNl();
    while (!this.isOp(']')) {
      this.decorators();
      this.typeExpr();
      this.separator(']', 'items');
    }
    this.eat(']');
  }

  private separator(close: string, what: string): void {
    if (this.isOp(',')) this.p++;
    else if (!this.isOp(close) && this.cur.k !== 'nl') this.err(`expected a new line or ',' between ${what} but found ${this.describe()}`);
    this.skipNl();
  }

  expr(): Expr {
    if (++this.depth > this.maxDepth) this.err(`expression nested deeper than ${this.maxDepth} levels`);
    try {
      // Lambdas: `x => …` and `(a, b) => …`
      if (this.cur.k === 'id' && this.t[this.p + 1]?.k === 'op' && this.t[this.p + 1].v === '=>') {
        const name = this.ident().v;
        this.p++;
        this.skipNl(); // the body may start on the next line
        return { k: 'lambda', params: [name], body: this.expr() };
      }
      if (this.isOp('(')) {
        // The parameters may be written one a line (`(\n  cur,\n  next\n) => …`).
        const pastNl = (i: number) => {
          while (this.t[i]?.k === 'nl') i++;
          return i;
        };
        let q = pastNl(this.p + 1);
        const names: string[] = [];
        while (this.t[q]?.k === 'id' && (this.t[pastNl(q + 1)]?.v === ',' || this.t[pastNl(q + 1)]?.v === ')')) {
          names.push(this.t[q].v);
          q = pastNl(q + 1);
          if (this.t[q].v === ',') q = pastNl(q + 1);
        }
        if (this.t[q]?.v === ')' && this.t[q + 1]?.v === '=>') {
          this.p = q + 2;
          this.skipNl();
          return { k: 'lambda', params: names, body: this.expr() };
        }
      }
      const c = this.binary(0);
      // Bicep allows line breaks before the `?` and the `:` of a ternary (`(cond)\n  ? a\n  : b`), and after them.
      if (this.nextIs('?')) {
        this.skipNl();
        this.p++;
        this.skipNl();
        const a = this.expr();
        if (this.nextIs(':')) this.skipNl();
        this.eat(':');
        this.skipNl();
        return { k: 'cond', c, a, b: this.expr() };
      }
      return c;
    } finally {
      this.depth--;
    }
  }

  private static PREC: Record<string, number> = { '??': 1, '||': 2, '&&': 3, '==': 4, '!=': 4, '=~': 4, '!~': 4, '<': 5, '>': 5, '<=': 5, '>=': 5, '+': 6, '-': 6, '*': 7, '/': 7, '%': 7 };

  private binary(min: number): Expr {
    let left = this.unary();
    for (;;) {
      const prec = this.cur.k === 'op' ? Parser.PREC[this.cur.v] : undefined;
      if (prec === undefined || prec <= min) return left;
      const op = this.t[this.p++].v;
      this.skipNl();
      left = { k: 'bin', op, a: left, b: this.binary(prec) };
    }
  }

  private unary(): Expr {
    if (this.isOp('!') || this.isOp('-')) {
      const op = this.t[this.p++].v;
      return { k: 'un', op, x: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private args(): Expr[] {
    this.eat('(');
    const out: Expr[] = [];
    this.skipNl();
    while (!this.isOp(')')) {
      out.push(this.expr());
      this.skipNl();
      if (this.isOp(',')) {
        this.p++;
        this.skipNl();
      } else break;
    }
    this.eat(')');
    return out;
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      if (this.isOp('::')) {
        // A nested resource through its parent: `vault::key`, `vnet::subnet::x` (a qualified symbol name).
        // `loop[i]::child` names the child of one instance: read as the child symbol (its name is per instance anyway).
        const left = e.k === 'index' && e.obj.k === 'id' ? e.obj : e;
        if (left.k !== 'id') this.err("'::' needs a resource symbol on its left");
        this.p++;
        e = { k: 'id', name: `${left.name}::${this.ident().v}` };
      } else if (this.isOp('.') || this.isOp('?.') || this.isOp('.?')) {
        // `x.?name` and `x.?[i]` (Bicep's safe dereference: null when missing), `x?.name` kept as its alias.
        const safe = this.t[this.p++].v !== '.';
        if (this.isOp('[')) {
          this.p++;
          const index = this.expr();
          this.eat(']');
          e = { k: 'index', obj: e, index, ...(safe ? { safe } : {}) };
          continue;
        }
        const name = this.ident().v;
        if (this.isOp('(')) e = { k: 'mcall', obj: e, name, args: this.args() };
        else e = { k: 'member', obj: e, name, ...(safe ? { safe } : {}) };
      } else if (this.isOp('[')) {
        this.p++;
        let safe = false;
        if (this.isOp('?')) {
          this.p++;
          safe = true;
        }
        const index = this.expr();
        this.eat(']');
        e = { k: 'index', obj: e, index, ...(safe ? { safe } : {}) };
      } else if (this.isOp('!')) {
        // non-null assertion `x!`
        if (this.t[this.p + 1]?.k === 'op' && ['=', '('].includes(this.t[this.p + 1].v)) return e;
        this.p++;
      } else return e;
    }
  }

  primary(): Expr {
    const tok = this.cur;
    if (tok.k === 'num') {
      this.p++;
      return { k: 'lit', v: Number(tok.v) };
    }
    if (tok.k === 'str') {
      this.p++;
      if (tok.parts!.every((x) => typeof x === 'string')) return { k: 'lit', v: tok.v };
      return {
        k: 'str',
        parts: tok.parts!.map((x) => {
          if (typeof x === 'string') return x;
          const inner = new Parser(tokenize(x.src, x.line, x.col), this.maxDepth);
          const ex = inner.expr();
          inner.skipNl();
          if (inner.cur.k !== 'eof') inner.err(`unexpected ${inner.describe()} in an interpolation`);
          return ex;
        }),
      };
    }
    if (tok.k === 'id') {
      this.p++;
      if (tok.v === 'true' || tok.v === 'false') return { k: 'lit', v: tok.v === 'true' };
      if (tok.v === 'null') return { k: 'lit', v: null };
      if (this.isOp('(')) return { k: 'call', name: tok.v, args: this.args(), line: tok.line, col: tok.col };
      if (this.isOp('.') && this.t[this.p + 1]?.k === 'id' && this.t[this.p + 2]?.k === 'op' && this.t[this.p + 2].v === '(' && (tok.v === 'az' || tok.v === 'sys')) {
        this.p++;
        const name = this.ident().v;
        return { k: 'call', ns: tok.v, name, args: this.args(), line: tok.line, col: tok.col };
      }
      return { k: 'id', name: tok.v };
    }
    if (tok.k === 'op' && tok.v === '(') {
      this.p++;
      this.skipNl();
      const e = this.expr();
      this.skipNl();
      this.eat(')');
      return e;
    }
    if (tok.k === 'op' && tok.v === '[') return this.array();
    if (tok.k === 'op' && tok.v === '{') return this.object();
    return this.err(`unexpected ${this.describe()}`);
  }

  private array(): Expr {
    this.eat('[');
    this.skipNl();
    if (this.cur.k === 'id' && this.cur.v === 'for') {
      this.p++;
      let item: string;
      let index: string | undefined;
      if (this.isOp('(')) {
        this.p++;
        item = this.ident().v;
        this.eat(',');
        index = this.ident().v;
        this.eat(')');
      } else item = this.ident().v;
      if (this.ident().v !== 'in') this.err("expected 'in' in a for loop", this.t[this.p - 1]);
      const coll = this.expr();
      this.eat(':');
      this.skipNl();
      // `if (…) { }` filters (resources, modules); otherwise any expression: `a.name`, `y * 2`, `{ … }`.
      const first = this.t[this.p];
      const body = first.k === 'id' && first.v === 'if' && this.t[this.p + 1]?.v === '(' ? this.declBody() : this.expr();
      this.skipNl();
      this.eat(']');
      return { k: 'for', item, index, coll, body };
    }
    const items: Expr[] = [];
    while (!this.isOp(']')) {
      if (this.isOp('...')) {
        this.p++;
        items.push({ k: 'spread', x: this.expr() });
      } else items.push(this.expr());
      if (this.isOp(',')) this.p++;
      this.skipNl();
    }
    this.eat(']');
    return { k: 'arr', items };
  }

  private object(): Expr {
    this.eat('{');
    this.skipNl();
    const props: Prop[] = [];
    const resources: ResourceDecl[] = [];
    while (!this.isOp('}')) {
      this.decorators();
      if (this.cur.k === 'id' && this.cur.v === 'resource' && this.t[this.p + 1]?.k === 'id') {
        const kw = this.t[this.p++];
        resources.push(this.resource({ line: kw.line, col: kw.col }));
      } else if (this.isOp('...')) {
        this.p++;
        props.push({ key: '...', value: this.expr(), spread: true });
      } else {
        const keyTok = this.cur;
        let key: string;
        let keyExpr: Expr | undefined;
        if (keyTok.k === 'id') {
          key = keyTok.v;
          this.p++;
        } else if (keyTok.k === 'str' && keyTok.parts!.some((x) => typeof x !== 'string')) {
          key = keyTok.parts!.map((x) => (typeof x === 'string' ? x : `\${${x.src}}`)).join('');
          keyExpr = this.primary();
        } else if (keyTok.k === 'str') key = this.stringLit();
        else return this.err(`expected a property name but found ${this.describe()}`);
        this.eat(':');
        props.push({ key, ...(keyExpr ? { keyExpr } : {}), value: this.expr() });
      }
      this.separator('}', 'properties');
    }
    this.eat('}');
    return { k: 'obj', props, resources };
  }
}

const SINGLE_VALUE_TYPES = new Set(['string', 'int', 'bool', 'object']);

/** `@allowed([...])` or `@sys.allowed([...])`, with its one list. */
function isAllowedDecorator(d: Expr): d is Extract<Expr, { k: 'call' }> {
  return d.k === 'call' && d.name === 'allowed' && (d.ns === undefined || d.ns === 'sys') && d.args.length === 1 && d.args[0].k === 'arr';
}

/** Parses a .bicep or .bicepparam file. Throws BicepSyntaxError with line and column. */
export function parseBicep(text: string, maxDepth = 64): Statement[] {
  return new Parser(tokenize(text.replace(/^\uFEFF/, '')), maxDepth).program();
}

export { BicepSyntaxError };
