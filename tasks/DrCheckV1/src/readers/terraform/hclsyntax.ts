/**
 * A fast reader for HCL's native syntax (the `.tf` and `.tfvars` files people write), producing exactly the
 * document @cdktf/hcl2json produces, so the rest of the Terraform reader cannot tell which one ran.
 *
 * HashiCorp's parser (Go compiled to WebAssembly) stays the reference: it costs about 50 µs per resource
 * and dominated Terraform scans, so this reader takes the common case in one pass over the text and
 * returns `null` for anything it does not cover or that is not valid HCL (template directives, `~` strip
 * markers, provider-namespaced functions, non-ASCII identifiers, syntax errors, and the odd heredoc:
 * see below). Those files go to hcl2json, which also gives the exact error message and position.
 * `test/readers/terraform/hclsyntax.test.ts` checks the two agree on every Terraform file in the repository
 * and on snippets of each shape; it was also checked against hcl2json on the .tf files of the azurerm
 * provider, CAF, ALZ, AVM and other public modules, and on generated heredocs.
 *
 * The document shape, as hcl2json gives it:
 * - blocks nest by type then labels and always end in a list of bodies (`resource.<type>.<name>: [body]`);
 * - literal numbers, bools and null are JSON values; a unary `-`/`!` on a literal is folded;
 * - a string without interpolation is its decoded value (`$${` and `%%{` escapes are kept as written);
 *   a string with interpolations keeps them as `${<source>}`, with literal interpolations inlined, and a
 *   string that is only `"${x}"` is converted as `x` itself;
 * - a heredoc (`<<EOT` or `<<-EOT`) is a string like a quoted one, but its text is kept as written: no
 *   backslash escapes, each line with its line break (CRLF kept), so it always ends in one (or is empty).
 *   It ends at the first line that is the marker alone (spaces and tabs around it allowed; not a line
 *   with an interpolation), which must end in a line break. `<<-` removes from every line the smallest
 *   indentation among lines that are not blank (a space or a tab counts one; a line starting with an
 *   interpolation has none, so nothing is removed); blank lines keep theirs. Left to hcl2json: Unicode
 *   spaces around a marker, `<<-` indentation with \v, \f or Unicode spaces (Go trims all of these),
 *   and a `<<-` line whose removed indentation is followed by a possibly combining character (Go counts
 *   graphemes, and would remove the mark too);
 * - tuples and objects of any of these are JSON arrays and objects (object keys: a bare name, a string, a
 *   number, or `${(<source>)}` for a parenthesised key);
 * - every other expression is `${<source text>}` (a heredoc inside one is part of that text; the
 *   expression ends after the closing marker's trailing spaces, before its line break).
 * One deliberate difference: hcl2json rewrites a conditional inside a longer string or a heredoc as a
 * `%{if}` directive, which drcheck's evaluator does not read; here it stays `${a ? b : c}`, which it does.
 */

import { setProp } from '../../../../../shared/model/value';

/** Thrown inside the parser when the text leaves the covered subset; caught by {@link parseHclSyntax}. */
const BAIL: unique symbol = Symbol('bail');

// Kinds of a converted expression.
const LIT = 0; // number, bool, null
const TMPL = 1; // a quoted string
const TUPLE = 2;
const OBJECT = 3;
const WRAP = 4; // anything else: `${source}`
const COND = 5; // a conditional (also WRAP, but a template inlines it differently in hcl2json)
const FOLDED = 6; // a sign or negation folded onto a literal: a value, but an expression where a literal is required

const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const PERCENT = 37;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const COLON = 58;
const LT = 60;
const EQ = 61;
const GT = 62;
const QUESTION = 63;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;
const TILDE = 126;
const BANG = 33;
const AMP = 38;
const PLUS = 43;

const isIdStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdPart = (c: number) => isIdStart(c) || (c >= 48 && c <= 57) || c === MINUS;
const isDigit = (c: number) => c >= 48 && c <= 57;
/**
 * Whether a non-ASCII character after a space starts a character of its own (a grapheme cluster) rather than
 * joining the space as a combining mark would: Latin, Greek, Cyrillic, punctuation, symbols, arrows, box
 * drawing, CJK. Conservative; anything else is treated as joining.
 */
const standsAlone = (c: number) =>
  (c >= 0xa1 && c <= 0x2ff) || (c >= 0x370 && c <= 0x482) || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || (c >= 0x2190 && c <= 0x2bff) || (c >= 0x4e00 && c <= 0x9fff);
/** ASCII white space as Go's `bytes.TrimSpace` trims it (a heredoc's closing marker line). */
const isSpace = (c: number) => c === SPACE || c === TAB || c === CR || c === 11 || c === 12;

export type HclDoc = Record<string, unknown>;

/** A parsed file, whichever parser read it (see hcl.ts). */
export interface ParsedHcl {
  doc: HclDoc;
  /**
   * `resource.<type>.<name>`, `data.<type>.<name>`, `module.<name>` → 1-based line of the first such top-level block header;
   * `moved.<i>` → the line of the i-th top-level `moved` block (0-based, in the order of `doc.moved`).
   */
  lines: Map<string, number>;
}

class Parser {
  private pos = 0;
  /** End of the last token consumed (expression source ranges end here, before trailing space). */
  private end = 0;
  /** Kind of the expression last returned. */
  private kind = LIT;
  private lineAt = 0;
  private line = 1;
  readonly lines = new Map<string, number>();
  /** Top-level `moved` blocks met so far (they have no labels: each is keyed by its index, `moved.0`, …). */
  private moved = 0;

  constructor(private readonly text: string) {}

  private bail(): never {
    throw BAIL;
  }

  /** Skips spaces and comments; newlines too when `newlines` (inside brackets, parentheses, interpolations). */
  private skip(newlines: boolean): void {
    const t = this.text;
    const n = t.length;
    let i = this.pos;
    for (;;) {
      if (i >= n) break;
      const c = t.charCodeAt(i);
      if (c === SPACE || c === TAB || (newlines && c === NL)) {
        i++;
        continue;
      }
      if (c === CR) {
        // A CR is only white space as part of a CRLF line break; a lone one is an invalid character to HCL.
        if (t.charCodeAt(i + 1) !== NL) this.bail();
        i++;
        continue;
      }
      if (c === HASH || (c === SLASH && t.charCodeAt(i + 1) === SLASH)) {
        const e = t.indexOf('\n', i);
        i = e < 0 ? n : newlines ? e + 1 : e;
        continue;
      }
      if (c === SLASH && t.charCodeAt(i + 1) === STAR) {
        const e = t.indexOf('*/', i + 2);
        if (e < 0) this.bail();
        // A block comment spanning lines where a line break ends something: leave it to HashiCorp's parser.
        if (!newlines && t.lastIndexOf('\n', e) > i) this.bail();
        i = e + 2;
        continue;
      }
      break;
    }
    this.pos = i;
  }

  private peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  private expect(c: number): void {
    if (this.text.charCodeAt(this.pos) !== c) this.bail();
    this.pos++;
    this.end = this.pos;
  }

  private ident(): string {
    const t = this.text;
    const start = this.pos;
    if (!isIdStart(t.charCodeAt(start))) this.bail();
    let i = start + 1;
    while (isIdPart(t.charCodeAt(i))) i++;
    // Non-ASCII identifiers are valid HCL, but rare: HashiCorp's parser handles them.
    if (t.charCodeAt(i) >= 128) this.bail();
    this.pos = this.end = i;
    return t.slice(start, i);
  }

  private lineOf(offset: number): number {
    const t = this.text;
    for (let i = t.indexOf('\n', this.lineAt); i >= 0 && i < offset; i = t.indexOf('\n', i + 1)) this.line++;
    this.lineAt = offset;
    return this.line;
  }

  // ---- structure

  /** A body up to `}` (inside a block) or the end of the text. */
  body(inBlock: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let attrs: Array<[string, unknown]> | null = null;
    const t = this.text;
    for (;;) {
      this.skip(true);
      if (this.pos >= t.length) {
        if (inBlock) this.bail();
        break;
      }
      if (this.peek() === RBRACE) {
        if (!inBlock) this.bail();
        this.pos++;
        this.end = this.pos;
        break;
      }
      const nameAt = this.pos;
      const name = this.ident();
      this.skip(false);
      if (this.peek() === EQ && t.charCodeAt(this.pos + 1) !== EQ) {
        this.pos++;
        this.skip(false);
        const v = this.expr(false);
        attrs ??= [];
        for (const [k] of attrs) if (k === name) this.bail(); // "Attribute redefined"
        attrs.push([name, v]);
        this.lineEnd();
        continue;
      }
      this.block(out, name, nameAt, inBlock);
    }
    if (attrs) for (const [k, v] of attrs) setProp(out, k, v);
    return out;
  }

  /** After an attribute or a block: only a line break or the end of the text may follow. */
  private lineEnd(): void {
    this.skip(false);
    if (this.pos < this.text.length && this.peek() !== NL) this.bail();
  }

  private block(out: Record<string, unknown>, type: string, at: number, nested: boolean): void {
    const labels: string[] = [];
    for (;;) {
      const c = this.peek();
      if (c === LBRACE) break;
      if (c === QUOTE) labels.push(this.label());
      else if (isIdStart(c)) labels.push(this.ident());
      else this.bail();
      this.skip(false);
    }
    this.pos++;
    this.skip(false);
    let body: Record<string, unknown>;
    if (this.peek() === NL) {
      body = this.body(true);
    } else if (this.peek() === RBRACE) {
      this.pos++;
      body = {};
    } else {
      // A one-line block: at most one attribute.
      const name = this.ident();
      this.skip(false);
      if (this.peek() !== EQ || this.text.charCodeAt(this.pos + 1) === EQ) this.bail();
      this.pos++;
      this.skip(false);
      body = {};
      setProp(body, name, this.expr(false));
      this.skip(false);
      this.expect(RBRACE);
    }
    this.end = this.pos;
    this.lineEnd();

    if (!nested && labels.length && (((type === 'resource' || type === 'data') && labels.length === 2) || (type === 'module' && labels.length === 1))) {
      const key = `${type}.${labels.join('.')}`;
      if (!this.lines.has(key)) this.lines.set(key, this.lineOf(at));
    } else if (!nested && !labels.length && type === 'moved') this.lines.set(`moved.${this.moved++}`, this.lineOf(at));

    let target = out;
    let key = type;
    for (const label of labels) {
      if (Object.hasOwn(target, key)) {
        const next = target[key];
        if (!next || typeof next !== 'object' || Array.isArray(next)) this.bail();
        target = next as Record<string, unknown>;
      } else {
        const next = {};
        setProp(target, key, next);
        target = next;
      }
      key = label;
    }
    if (Object.hasOwn(target, key)) {
      const list = target[key];
      if (!Array.isArray(list)) this.bail();
      list.push(body);
    } else setProp(target, key, [body]);
  }

  /** A quoted block label: a plain string, no interpolation. */
  private label(): string {
    const v = this.quoted();
    if (this.kind !== TMPL || typeof v !== 'string' || v.includes('${') || v.includes('%{')) this.bail();
    return v;
  }

  // ---- expressions

  /** A whole expression; `newlines`: whether line breaks are insignificant here. */
  expr(newlines: boolean): unknown {
    const start = this.pos;
    const v = this.binary(newlines);
    this.skip(newlines);
    if (this.peek() === QUESTION) {
      this.pos++;
      this.skip(newlines);
      this.expr(newlines);
      this.skip(newlines);
      if (this.peek() !== COLON || this.text.charCodeAt(this.pos + 1) === COLON) this.bail();
      this.pos++;
      this.skip(newlines);
      this.expr(newlines);
      this.kind = COND;
      return this.wrap(start);
    }
    return v;
  }

  private wrap(start: number): string {
    return `\${${this.text.slice(start, this.end)}}`;
  }

  /** Length of the binary operator at the cursor, or 0. */
  private binaryOp(): number {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    const d = t.charCodeAt(this.pos + 1);
    switch (c) {
      case PLUS:
      case STAR:
        return 1;
      case MINUS:
        return 1;
      case PERCENT:
        return d === LBRACE ? 0 : 1;
      case SLASH:
        return d === SLASH || d === STAR ? 0 : 1;
      case EQ:
        return d === EQ ? 2 : 0;
      case BANG:
        return d === EQ ? 2 : 0;
      case LT:
        if (d === LT) this.bail(); // a heredoc after an operator
        return d === EQ ? 2 : 1;
      case GT:
        return d === EQ ? 2 : 1;
      case AMP:
        return d === AMP ? 2 : 0;
      case PIPE:
        return d === PIPE ? 2 : 0;
      default:
        return 0;
    }
  }

  private binary(newlines: boolean): unknown {
    const start = this.pos;
    let v = this.unary(newlines);
    let wrapped = false;
    for (;;) {
      this.skip(newlines);
      const len = this.binaryOp();
      if (!len) break;
      this.pos += len;
      this.skip(newlines);
      this.unary(newlines);
      wrapped = true;
    }
    if (!wrapped) return v;
    this.kind = WRAP;
    v = this.wrap(start);
    return v;
  }

  private unary(newlines: boolean): unknown {
    const c = this.peek();
    if (c !== MINUS && c !== BANG) return this.term(newlines);
    const start = this.pos;
    this.pos++;
    this.skip(newlines);
    const operandAt = this.pos;
    const v = this.unary(newlines);
    // hcl2json folds a sign or negation on a literal (not on a parenthesised one, nor on a string such as `"${1}"`).
    const first = this.text.charCodeAt(operandAt);
    if (this.kind === LIT && this.end > operandAt && first !== LPAREN && first !== QUOTE) {
      this.kind = FOLDED;
      if (c === MINUS && typeof v === 'number') return -v;
      if (c === BANG && typeof v === 'boolean') return !v;
      this.bail(); // -true, !1, -null: an error HashiCorp's parser reports
    }
    this.kind = WRAP;
    return this.wrap(start);
  }

  /** A primary expression and its traversals (`.attr`, `[index]`, `.*`, `[*]`). */
  private term(newlines: boolean): unknown {
    const start = this.pos;
    const v = this.primary(newlines);
    const t = this.text;
    let traversed = false;
    /** Whether an attribute-only splat (`.*`) was seen: another one after it is an error to HashiCorp's parser. */
    let attrSplat = false;
    for (;;) {
      const save = this.pos;
      this.skip(newlines);
      const c = this.peek();
      if (c === DOT) {
        const d = t.charCodeAt(this.pos + 1);
        if (d === STAR) {
          if (attrSplat) this.bail(); // "Nested splat expression not allowed" (conservatively: any second `.*`)
          attrSplat = true;
          this.pos += 2;
        } else if (isIdStart(d)) {
          this.pos++;
          this.ident();
        } else if (isDigit(d)) {
          this.pos++;
          while (isDigit(t.charCodeAt(this.pos))) this.pos++;
          // `x.0.1` scans as `x` `.` `0.1`: "Invalid legacy index syntax".
          if (t.charCodeAt(this.pos) === DOT && isDigit(t.charCodeAt(this.pos + 1))) this.bail();
        } else if (d === DOT) {
          this.pos = save; // `...` after a function argument
          break;
        } else this.bail();
        this.end = this.pos;
        traversed = true;
        continue;
      }
      if (c === LBRACKET) {
        this.pos++;
        const open = this.pos;
        // A full splat: `[*]`, with no line break around the star (HashiCorp's parser rejects one there).
        this.skip(false);
        if (this.peek() === STAR) {
          this.pos++;
          this.skip(false);
        } else {
          this.pos = open;
          this.skip(true);
          this.expr(true);
          this.skip(true);
        }
        this.expect(RBRACKET);
        traversed = true;
        continue;
      }
      this.pos = save;
      break;
    }
    if (!traversed) return v;
    this.kind = WRAP;
    return this.wrap(start);
  }

  private primary(newlines: boolean): unknown {
    const t = this.text;
    const c = this.peek();
    const start = this.pos;
    if (isDigit(c)) return this.number();
    if (c === QUOTE) return this.quoted();
    if (c === LPAREN) {
      this.pos++;
      this.skip(true);
      this.expr(true);
      this.skip(true);
      this.expect(RPAREN);
      this.kind = WRAP;
      return this.wrap(start);
    }
    if (c === LBRACKET) return this.tuple(start);
    if (c === LBRACE) return this.object(start);
    if (c === LT && t.charCodeAt(this.pos + 1) === LT) return this.heredoc();
    const name = this.ident();
    if (name === 'true' || name === 'false' || name === 'null') {
      this.kind = LIT;
      return name === 'null' ? null : name === 'true';
    }
    const save = this.pos;
    this.skip(newlines);
    if (this.peek() === COLON && t.charCodeAt(this.pos + 1) === COLON) this.bail(); // provider::ns::fn()
    if (this.peek() !== LPAREN) {
      this.pos = save;
      this.kind = WRAP;
      return this.wrap(start);
    }
    this.pos++;
    this.skip(true);
    while (this.peek() !== RPAREN) {
      this.expr(true);
      this.skip(true);
      if (t.startsWith('...', this.pos)) {
        this.pos += 3;
        this.skip(true);
        if (this.peek() !== RPAREN) this.bail();
        break;
      }
      this.afterItem(RPAREN);
    }
    this.expect(RPAREN);
    this.kind = WRAP;
    return this.wrap(start);
  }

  /** After an item of a tuple or an argument list: a comma (the next item may follow), or the closing bracket. */
  private afterItem(close: number): void {
    if (this.peek() === COMMA) {
      this.pos++;
      this.skip(true);
    } else if (this.peek() !== close) this.bail();
  }

  private number(): number {
    const t = this.text;
    let i = this.pos;
    while (isDigit(t.charCodeAt(i))) i++;
    if (t.charCodeAt(i) === DOT && isDigit(t.charCodeAt(i + 1))) {
      i++;
      while (isDigit(t.charCodeAt(i))) i++;
    }
    const e = t.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      const s = t.charCodeAt(j);
      if (s === PLUS || s === MINUS) j++;
      if (!isDigit(t.charCodeAt(j))) this.bail();
      while (isDigit(t.charCodeAt(j))) j++;
      i = j;
    }
    if (isIdStart(t.charCodeAt(i))) this.bail();
    // `1.1.0` is one invalid number literal to HashiCorp's scanner, not 1.1 indexed by 0.
    if (t.charCodeAt(i) === DOT && isDigit(t.charCodeAt(i + 1))) this.bail();
    const v = Number(t.slice(this.pos, i));
    this.pos = this.end = i;
    this.kind = LIT;
    return v;
  }

  /** `for` at the cursor, as a whole token, starts a for expression. */
  private atFor(): boolean {
    const t = this.text;
    if (!t.startsWith('for', this.pos)) return false;
    const d = t.charCodeAt(this.pos + 3);
    // Any `for` token is the keyword here (HashiCorp's parser then requires a variable name): `[for]` is an error.
    return !isIdPart(d) && !(d >= 128);
  }

  /** The rest of a for expression after `[` or `{`: `for k, v in coll : [k =>] v [...] [if cond]` and the closing bracket. */
  private forExpr(start: number, object: boolean): string {
    this.pos += 3;
    this.skip(true);
    this.ident();
    this.skip(true);
    if (this.peek() === COMMA) {
      this.pos++;
      this.skip(true);
      this.ident();
      this.skip(true);
    }
    if (this.ident() !== 'in') this.bail();
    this.skip(true);
    this.expr(true);
    this.skip(true);
    this.expect(COLON);
    this.skip(true);
    this.expr(true);
    this.skip(true);
    if (object) {
      if (this.peek() !== EQ || this.text.charCodeAt(this.pos + 1) !== GT) this.bail();
      this.pos += 2;
      this.skip(true);
      this.expr(true);
      this.skip(true);
      if (this.text.startsWith('...', this.pos)) {
        this.pos += 3;
        this.skip(true);
      }
    }
    if (this.text.startsWith('if', this.pos) && !isIdPart(this.text.charCodeAt(this.pos + 2))) {
      this.pos += 2;
      this.skip(true);
      this.expr(true);
      this.skip(true);
    }
    this.expect(object ? RBRACE : RBRACKET);
    this.kind = WRAP;
    return this.wrap(start);
  }

  private tuple(start: number): unknown {
    this.pos++;
    this.skip(true);
    if (this.atFor()) return this.forExpr(start, false);
    const items: unknown[] = [];
    while (this.peek() !== RBRACKET) {
      items.push(this.expr(true));
      this.skip(true);
      this.afterItem(RBRACKET);
    }
    this.expect(RBRACKET);
    this.kind = TUPLE;
    return items;
  }

  private object(start: number): unknown {
    this.pos++;
    this.skip(true);
    if (this.atFor()) return this.forExpr(start, true);
    const out: Record<string, unknown> = {};
    const t = this.text;
    for (;;) {
      this.skip(true);
      if (this.peek() === RBRACE) break;
      const key = this.objectKey();
      this.skip(false);
      const c = this.peek();
      if (c === EQ && t.charCodeAt(this.pos + 1) !== EQ && t.charCodeAt(this.pos + 1) !== GT) this.pos++;
      else if (c === COLON && t.charCodeAt(this.pos + 1) !== COLON) this.pos++;
      else this.bail();
      this.skip(false);
      setProp(out, key, this.expr(false));
      this.skip(false);
      const d = this.peek();
      if (d === COMMA) this.pos++;
      else if (d !== NL && d !== RBRACE) this.bail();
    }
    this.expect(RBRACE);
    this.kind = OBJECT;
    return out;
  }

  /** An object key as hcl2json writes it: a bare name or literal as text, a string as converted, `(expr)` wrapped. */
  private objectKey(): string {
    const c = this.peek();
    const start = this.pos;
    if (isIdStart(c)) {
      // A bare name or a dotted one (`azurerm.connectivity = azurerm` in a module's providers) is the key as written.
      this.ident();
      while (this.peek() === DOT && isIdStart(this.text.charCodeAt(this.pos + 1))) {
        this.pos++;
        this.ident();
      }
      const key = this.text.slice(start, this.pos);
      const save = this.pos;
      this.skip(false);
      const d = this.peek();
      if (d === LPAREN && key.indexOf('.') < 0) {
        // A function call as the key (`lower("Cosmos DB Built-in Data Reader") = "…"`): kept as an expression.
        this.pos = start;
        this.primary(false);
        const end = this.end;
        this.skip(false);
        const e = this.peek();
        if (e !== EQ && e !== COLON) this.bail();
        return `\${${this.text.slice(start, end)}}`;
      }
      if (d !== EQ && d !== COLON) this.bail(); // an index or an operator in a key: rare, left to HashiCorp's parser
      this.pos = save;
      return key;
    }
    if (isDigit(c)) {
      this.number();
      return this.text.slice(start, this.pos) === String(Number(this.text.slice(start, this.pos))) ? this.text.slice(start, this.pos) : this.bail();
    }
    if (c === QUOTE) {
      const v = this.quoted();
      if (typeof v !== 'string') this.bail(); // "${1}" as a key: rare, leave it to HashiCorp's parser
      return v;
    }
    if (c === LPAREN) {
      this.primary(true);
      return this.wrap(start);
    }
    return this.bail();
  }

  /** A quoted template. Sets `kind` to TMPL for a string, or to the inner expression's kind for a lone `"${x}"`. */
  private quoted(): unknown {
    const t = this.text;
    const quoteAt = this.pos;
    let i = this.pos + 1;
    let out = '';
    let litFrom = i;
    /** Whether the string has any literal text (or escape) besides its interpolations. */
    let literal = false;
    let interpolations = 0;
    let lone: unknown;
    let loneKind = LIT;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === QUOTE) break;
      if (Number.isNaN(c) || c === NL || c === CR) this.bail();
      if (c === BACKSLASH) {
        out += t.slice(litFrom, i);
        const d = t.charCodeAt(i + 1);
        if (d === 110) out += '\n';
        else if (d === 116) out += '\t';
        else if (d === 114) out += '\r';
        else if (d === QUOTE) out += '"';
        else if (d === BACKSLASH) out += '\\';
        else if (d === 117 || d === 85) {
          const len = d === 117 ? 4 : 8;
          const hex = t.slice(i + 2, i + 2 + len);
          if (hex.length !== len || !/^[0-9A-Fa-f]+$/.test(hex)) this.bail();
          const cp = parseInt(hex, 16);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) this.bail();
          out += String.fromCodePoint(cp);
          i += len;
        } else this.bail();
        i += 2;
        litFrom = i;
        literal = true;
        continue;
      }
      if ((c === DOLLAR || c === PERCENT) && t.charCodeAt(i + 1) === LBRACE) {
        out += t.slice(litFrom, i);
        const v = this.interpolation(i);
        i = litFrom = this.pos;
        interpolations++;
        lone = v;
        loneKind = this.kind;
        out += this.partText(v);
        continue;
      }
      literal = true;
      // `$${` / `%%{`: a literal `${` / `%{`, kept escaped as hcl2json keeps it.
      i += (c === DOLLAR || c === PERCENT) && t.charCodeAt(i + 1) === c && t.charCodeAt(i + 2) === LBRACE ? 3 : 1;
    }
    out += t.slice(litFrom, i);
    this.pos = this.end = i + 1;
    if (!literal && interpolations === 1) {
      // `"${x}"` alone converts as x itself; inside another template it stands for x's source (set by its interpolation).
      this.lone = { quoteAt: quoteAt, quoteEnd: i + 1, at: this.partAt, end: this.partEnd };
      this.kind = loneKind === COND || loneKind === FOLDED ? WRAP : loneKind;
      return loneKind === COND ? out : lone;
    }
    this.kind = TMPL;
    return out;
  }

  /** Source of the last {@link interpolation}'s expression: [partAt, partEnd). */
  private partAt = 0;
  private partEnd = 0;
  /** The last quoted string that was a lone `"${x}"`: its quotes [quoteAt, quoteEnd) and x's source [at, end). */
  private lone: { quoteAt: number; quoteEnd: number; at: number; end: number } | null = null;

  /** `${ expr }` with `i` on its `$`: the expression's value, its kind in `kind`; the cursor after the `}`. */
  private interpolation(i: number): unknown {
    if (this.text.charCodeAt(i) === PERCENT) this.bail(); // a template directive
    this.pos = i + 2;
    if (this.peek() === TILDE) this.bail();
    this.skip(true);
    const at = this.pos;
    const v = this.expr(true);
    const kind = this.kind;
    const lone = this.lone;
    if (lone && lone.quoteAt === at && lone.quoteEnd === this.end) {
      // `${"${x}"}`: hcl2json unwraps the inner string and writes x's source.
      this.partAt = lone.at;
      this.partEnd = lone.end;
    } else {
      this.partAt = at;
      this.partEnd = this.end;
    }
    this.skip(true);
    if (this.peek() !== RBRACE) this.bail(); // also `~}`
    this.pos++;
    this.kind = kind;
    return v;
  }

  /** The last {@link interpolation} as part of a longer template: a literal inlined as text, anything else `${source}`. */
  private partText(v: unknown): string {
    if (this.kind === LIT) {
      // Leave number formats JavaScript and cty spell differently (1e+21) to HashiCorp's parser.
      if (typeof v === 'number' && !/^-?\d+(\.\d+)?$/.test(String(v))) this.bail();
      // Inlined as written by cty (arbitrary precision): only a number of at most 15 significant digits is
      // spelled the same by JavaScript (`${9007199254740993}` is not 9007199254740992).
      if (typeof v === 'number' && (this.text.slice(this.partAt, this.partEnd).match(/\d/g)?.length ?? 0) > 15) this.bail();
      return String(v);
    }
    if (this.kind === TMPL) return v as string;
    return `\${${this.text.slice(this.partAt, this.partEnd)}}`;
  }

  /**
   * A heredoc, `<<MARKER` or `<<-MARKER` then a line break, up to a line that is the marker alone (spaces
   * around it allowed), whose line break must follow. Its text is kept as written (no backslash escapes;
   * `$${` and `%%{` kept escaped), each line with its line break (CRLF kept), interpolations as in a quoted
   * string. `<<-` removes from every line the smallest indentation of a line that is not blank, counting
   * a space or a tab as one; a line starting with an interpolation has none. The expression ends after
   * the marker line's trailing spaces, before its line break.
   */
  private heredoc(): string {
    const t = this.text;
    let i = this.pos + 2;
    const flush = t.charCodeAt(i) === MINUS;
    if (flush) i++;
    const markerAt = i;
    if (!isIdStart(t.charCodeAt(i))) this.bail();
    while (isIdPart(t.charCodeAt(++i)));
    const marker = t.slice(markerAt, i);
    if (t.charCodeAt(i) === CR) i++;
    if (t.charCodeAt(i) !== NL) this.bail(); // also a non-ASCII marker, a comment or anything else after it
    i++;
    const outerMarkAfter = this.markAfter;
    this.markAfter = Infinity;
    let out = '';
    let litFrom = i;
    /** Start of the current line, and of its text after its last interpolation. */
    let lineAt = i;
    let tailAt = i;
    // `<<-`: the smallest indentation, this line's (-1: blank, not counted) and where its text starts in `out`,
    // the starts of the lines to trim, and the smallest indentation of a line going on with a non-ASCII character.
    let minIndent = Infinity;
    let indent = flush ? this.indent(i) : -1;
    let indentAt = 0;
    let trim: number[] | null = null;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === NL) {
        if (tailAt === lineAt && this.isMarker(lineAt, i, marker)) break;
        if (indent >= 0) {
          if (indent < minIndent) minIndent = indent;
          (trim ??= []).push(indentAt);
        }
        i++;
        lineAt = tailAt = i;
        if (flush) {
          indent = this.indent(i);
          indentAt = out.length + (i - litFrom);
        }
        continue;
      }
      if (Number.isNaN(c) || (c === CR && t.charCodeAt(i + 1) !== NL)) this.bail(); // unterminated; a lone CR
      if ((c === DOLLAR || c === PERCENT) && t.charCodeAt(i + 1) === LBRACE) {
        out += t.slice(litFrom, i);
        const v = this.interpolation(i);
        out += this.partText(v);
        i = litFrom = tailAt = this.pos;
        continue;
      }
      i += (c === DOLLAR || c === PERCENT) && t.charCodeAt(i + 1) === c && t.charCodeAt(i + 2) === LBRACE ? 3 : 1;
    }
    out += t.slice(litFrom, lineAt);
    if (trim && minIndent > 0) {
      // A space then a combining mark is one character to HashiCorp's parser, which would trim the mark too.
      if (this.markAfter <= minIndent) this.bail();
      let trimmed = '';
      let from = 0;
      for (const at of trim) {
        trimmed += out.slice(from, at);
        from = at + minIndent;
      }
      out = trimmed + out.slice(from);
    }
    this.markAfter = outerMarkAfter;
    this.pos = this.end = t.charCodeAt(i - 1) === CR ? i - 1 : i;
    this.kind = TMPL;
    return out;
  }

  /** The smallest indentation in a `<<-` heredoc of a line going on with a non-ASCII character. */
  private markAfter = Infinity;

  /**
   * The indentation of a `<<-` heredoc line at `i` (spaces and tabs), or -1 for a blank line. A line
   * indented with other characters HashiCorp's parser counts as spaces (\v, \f, Unicode spaces) is left to it.
   */
  private indent(i: number): number {
    const t = this.text;
    let j = i;
    while (t.charCodeAt(j) === SPACE || t.charCodeAt(j) === TAB) j++;
    const c = t.charCodeAt(j);
    if (c === NL || (c === CR && t.charCodeAt(j + 1) === NL)) return -1;
    if (c === 11 || c === 12 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) this.bail();
    if (c >= 128 && j > i && j - i < this.markAfter && !standsAlone(c)) this.markAfter = j - i;
    return j - i;
  }

  /** Whether the line [from, to) is a heredoc's closing marker: the marker alone, spaces around it allowed. */
  private isMarker(from: number, to: number, marker: string): boolean {
    const t = this.text;
    let a = from;
    let b = to;
    while (a < b && isSpace(t.charCodeAt(a))) a++;
    while (b > a && isSpace(t.charCodeAt(b - 1))) b--;
    if (b - a === marker.length && t.startsWith(marker, a)) return true;
    // HashiCorp's parser also trims Unicode spaces (U+00A0, U+2003…): leave such a line to it.
    if (b > a && (t.charCodeAt(a) >= 128 || t.charCodeAt(b - 1) >= 128)) {
      const m = t.indexOf(marker, a);
      if (m >= 0 && m < b) this.bail();
    }
    return false;
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Parses HCL native syntax into hcl2json's document shape, or returns null when the text uses something
 * this reader leaves to HashiCorp's parser (including every syntax error).
 */
export function parseHclSyntax(text: string): ParsedHcl | null {
  if (text.charCodeAt(0) === 0xfeff) return null;
  // A lone surrogate (only possible in a string not decoded from UTF-8) reaches hcl2json as U+FFFD.
  if (LONE_SURROGATE.test(text)) return null;
  const p = new Parser(text);
  try {
    const doc = p.body(false);
    return { doc, lines: p.lines };
  } catch (e) {
    if (e === BAIL) return null;
    throw e;
  }
}
