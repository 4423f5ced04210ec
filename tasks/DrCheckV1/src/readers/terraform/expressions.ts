/**
 * HCL expressions as hcl2json hands them over (`"${...}"` strings and templates): a small Pratt parser
 * and evaluator for the expression syntax only (the HCL file syntax is parsed by hcl2json). Everything
 * Terraform only knows at plan or apply time is Unknown with the reason and the expression text.
 */
import { containsUnknown, eachAlternativeIfKnown, eitherBranch, isObject, isUnknown, setProp, Unknown, withoutAlternatives, type Value } from '../../../../../shared/model/value';
import { BudgetExceeded, HclError } from './errors';
import { ACCEPTS_NULL, asNumber, FUNCTIONS, isSet, list, PLAN_TIME, READS_CHARACTERS, setOf, standInAmong, str, UnknownInside, UnsupportedRegex, valuesEqual } from './functions';

export { BudgetExceeded, HclError } from './errors';
export { escapeRe } from './functions';

/** Evaluation steps shared by every expression of one module run, so no expression (or set of them) can expand without bound. */
export interface Budget {
  left: number;
  readonly max: number;
  /** Instances one `dynamic` block may expand to (limits.maxLoopInstances, as for count and for_each). */
  readonly maxInstances?: number;
  /** Called once, with the expression as written, when the budget runs out. */
  onExceeded?: (expression: string) => void;
  exceeded?: boolean;
}

type Node =
  | { k: 'lit'; v: Value }
  | { k: 'tmpl'; parts: Array<string | Node> }
  | { k: 'id'; name: string }
  | { k: 'get'; obj: Node; attr: string }
  | { k: 'idx'; obj: Node; index: Node }
  /** `a[*]`, or the legacy attribute-only `a.*` (`legacy`: an index after it applies to the result, not to each element). */
  | { k: 'splat'; obj: Node; legacy?: boolean }
  /** `(x)`: kept, so that `(a[*].b)[0]` indexes the list the splat made. */
  | { k: 'paren'; x: Node }
  | { k: 'call'; name: string; args: Node[]; expand: boolean }
  | { k: 'un'; op: string; x: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'cond'; c: Node; a: Node; b: Node }
  | { k: 'tuple'; items: Node[] }
  | { k: 'object'; items: Array<[Node, Node]> }
  | { k: 'for'; key?: string; value: string; coll: Node; keyExpr?: Node; valExpr: Node; cond?: Node; object: boolean; group: boolean };

// ---- lexer
type Tok = { t: 'num' | 'str' | 'id' | 'op' | 'eof'; v: string; parts?: Array<string | Node> };

const OPS = ['==', '!=', '<=', '>=', '&&', '||', '=>', '...', '.*', '[*]', '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '(', ')', '[', ']', '{', '}', ',', '.', '='];

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const comment = commentEnd(src, i);
    if (comment > i) {
      i = comment;
      continue;
    }
    if (c >= '0' && c <= '9') {
      // After a `.` only an index (`a.0.b`, the legacy form of `a[0].b`); elsewhere a number with its fraction and exponent.
      const after = toks.length > 0 && toks[toks.length - 1].t === 'op' && toks[toks.length - 1].v === '.';
      const m = (after ? /[0-9]+/y : /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y);
      m.lastIndex = i;
      const v = m.exec(src)![0];
      toks.push({ t: 'num', v });
      i += v.length;
      continue;
    }
    if (c === '<' && src[i + 1] === '<') {
      const heredoc = readHeredoc(src, i);
      toks.push({ t: 'str', v: '', parts: heredoc.parts });
      i = heredoc.end;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_-]/.test(src[j])) j++;
      // A provider-defined function (Terraform 1.8+): `provider::azurerm::normalise_resource_id` is one name.
      if (src.slice(i, j) === 'provider') {
        const m = /::[A-Za-z_][A-Za-z0-9_-]*::[A-Za-z_][A-Za-z0-9_-]*/y;
        m.lastIndex = j;
        if (m.exec(src)) j = m.lastIndex;
      }
      toks.push({ t: 'id', v: src.slice(i, j) });
      i = j;
      continue;
    }
    if (c === '"') {
      const { parts, end } = readTemplate(src, i + 1, '"');
      toks.push({ t: 'str', v: '', parts });
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new HclError(`unexpected character '${c}'`);
    toks.push({ t: 'op', v: op });
    i += op.length;
  }
  toks.push({ t: 'eof', v: '' });
  return toks;
}

/**
 * Where a comment starting at `i` ends (`# …` and `// …` at the line break, a block comment just after its closing
 * star and slash), or `i` when none starts there. hcl2json and drcheck's own HCL reader keep the comments inside an
 * expression that spans lines in its text, as written.
 */
function commentEnd(src: string, i: number): number {
  const c = src[i];
  if (c === '#' || (c === '/' && src[i + 1] === '/')) {
    const nl = src.indexOf('\n', i);
    return nl < 0 ? src.length : nl;
  }
  if (c === '/' && src[i + 1] === '*') {
    const close = src.indexOf('*/', i + 2);
    if (close < 0) throw new HclError('unterminated /* comment');
    return close + 2;
  }
  return i;
}

/**
 * The index just past the `}` that closes the interpolation whose `${` (or `%{`) is at `i`, skipping the strings,
 * nested braces and comments inside it (a `{` or a quote in `# was { LRS` is not code); -1 when it is not closed.
 */
function interpolationEnd(src: string, i: number): number {
  let depth = 1;
  let j = i + 2;
  while (j < src.length) {
    const ch = src[j];
    if (ch === '"') {
      j = readTemplate(src, j + 1, '"').end + 1;
      continue;
    }
    const comment = commentEnd(src, j);
    if (comment > j) {
      j = comment;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return j + 1;
    j++;
  }
  return -1;
}

/** Expressions as written, by what the HCL reader handed over (messages quote the same expressions again and again). */
const written = new Map<string, string>();

/**
 * An expression as the user wrote it, for messages: hcl2json (and drcheck's own reader, which gives the same document)
 * hands over an expression that is not a plain string as `${<source>}`; that wrapping is the reader's, not the user's.
 * A template (`"st${var.x}"`) is shown as its text.
 */
export function asWritten(raw: string): string {
  let shown = written.get(raw);
  if (shown !== undefined) return shown;
  shown = raw;
  if (raw.startsWith('${')) {
    try {
      if (interpolationEnd(raw, 0) === raw.length) shown = raw.slice(2, -1).replace(/^~|~$/g, '').trim();
    } catch {
      // An unterminated string or comment inside: shown as handed over.
    }
  }
  if (written.size > 20000) written.clear();
  written.set(raw, shown);
  return shown;
}

/** A `%{ … }` directive of a template, before the template's parts are nested. */
type Directive = { d: 'if' | 'else' | 'endif' | 'for' | 'endfor'; cond?: Node; key?: string; value?: string; coll?: Node };
/** A template's pieces in order: literal text, interpolations and directives, with the strip markers (`~`) they carry. */
type Piece = { lit: string } | { node: Node; stripBefore: boolean; stripAfter: boolean } | { dir: Directive; stripBefore: boolean; stripAfter: boolean };

/**
 * Reads a template (string body) up to `close`: `${…}` interpolations are parsed as expressions, and `%{if}`/`%{else}`/
 * `%{endif}` and `%{for … in …}`/`%{endfor}` directives as the conditional and the joined `for` expression they
 * stand for. A `~` next to a brace strips the whitespace (line breaks included) of the literal text on that side, as
 * in HCL, where a heredoc's literal text is one piece per line (`heredoc`; `flush` for `<<-`, whose indentation is
 * removed after the strip markers are applied, as HCL does it).
 */
function readTemplate(src: string, start: number, close: string | null, heredoc?: { flush: boolean }): { parts: Array<string | Node>; end: number } {
  const pieces: Piece[] = [];
  let lit = '';
  let i = start;
  let end = -1;
  while (i < src.length) {
    const c = src[i];
    if (close !== null && c === close) {
      end = i;
      break;
    }
    if (c === '\\' && close !== null) {
      const n = src[i + 1];
      // `\uNNNN` and `\UNNNNNNNN`: the character of that code point.
      const hex = n === 'u' ? /^[0-9a-fA-F]{4}/.exec(src.slice(i + 2, i + 6)) : n === 'U' ? /^[0-9a-fA-F]{8}/.exec(src.slice(i + 2, i + 10)) : null;
      if (hex) {
        lit += String.fromCodePoint(Number.parseInt(hex[0], 16));
        i += 2 + hex[0].length;
        continue;
      }
      lit += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
      i += 2;
      continue;
    }
    if ((c === '$' || c === '%') && src[i + 1] === c && src[i + 2] === '{') {
      lit += `${c}{`;
      i += 3;
      continue;
    }
    if ((c === '$' || c === '%') && src[i + 1] === '{') {
      // Find the matching brace, skipping nested strings, braces and comments.
      const j = interpolationEnd(src, i);
      if (j < 0) throw new HclError(`unterminated ${c}{ in a string`);
      if (lit) pieces.push({ lit });
      lit = '';
      let inner = src.slice(i + 2, j - 1);
      const stripBefore = inner.startsWith('~');
      const stripAfter = inner.endsWith('~') && inner.length > (stripBefore ? 1 : 0);
      inner = inner.slice(stripBefore ? 1 : 0, stripAfter ? -1 : undefined);
      pieces.push(c === '$' ? { node: parseExpr(inner), stripBefore, stripAfter } : { dir: directive(inner), stripBefore, stripAfter });
      i = j;
      continue;
    }
    lit += c;
    i++;
    if (heredoc && c === '\n') {
      pieces.push({ lit });
      lit = '';
    }
  }
  if (close !== null && end < 0) throw new HclError('unterminated string');
  if (lit) pieces.push({ lit });
  stripWhitespace(pieces);
  if (heredoc?.flush) flushIndentation(pieces);
  const at = { i: 0 };
  const parts = nest(pieces, at);
  if (at.i < pieces.length) throw new HclError(`%{${(pieces[at.i] as { dir: Directive }).dir.d}} without its opening directive`);
  return { parts, end: end < 0 ? i : end };
}

/** Reads the inside of a `%{ … }` directive (strip markers removed). */
function directive(inner: string): Directive {
  const m = /^\s*(if|else|endif|for|endfor)\b/.exec(inner);
  if (!m) throw new HclError(`unknown template directive '%{${inner.trim()}}'`);
  const d = m[1] as Directive['d'];
  const rest = inner.slice(m[0].length);
  if (d === 'if') return { d, cond: parseExpr(rest) };
  if (d === 'for') {
    const f = /^\s*([A-Za-z_][\w-]*)\s*(?:,\s*([A-Za-z_][\w-]*)\s*)?in\b/.exec(rest);
    if (!f) throw new HclError("expected '%{for NAME in COLLECTION}' or '%{for KEY, VALUE in COLLECTION}'");
    return f[2] === undefined ? { d, value: f[1], coll: parseExpr(rest.slice(f[0].length)) } : { d, key: f[1], value: f[2], coll: parseExpr(rest.slice(f[0].length)) };
  }
  if (rest.trim()) throw new HclError(`unexpected '${rest.trim()}' in %{${d}}`);
  return { d };
}

/** Applies strip markers: `~` after the opening brace trims the text before; `~` before the closing brace trims the text after. */
function stripWhitespace(pieces: Piece[]): void {
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k];
    if ('lit' in p) continue;
    const before = pieces[k - 1];
    const after = pieces[k + 1];
    if (p.stripBefore && before && 'lit' in before) before.lit = before.lit.replace(/\s+$/, '');
    if (p.stripAfter && after && 'lit' in after) after.lit = after.lit.replace(/^\s+/, '');
  }
}

/**
 * Removes a `<<-` heredoc's indentation as HCL does: the fewest leading spaces among the pieces that start a line (a
 * line that is blank does not count; one that starts with an interpolation or a directive has none), removed from each
 * of those pieces. A line whose break a strip marker removed does not start a line, so the next one keeps its spaces.
 */
function flushIndentation(pieces: Piece[]): void {
  let fewest = Infinity;
  let lineStart = true;
  const starts: Array<{ lit: string }> = [];
  for (const p of pieces) {
    if (lineStart) {
      lineStart = false;
      if (!('lit' in p)) fewest = 0;
      else {
        const spaces = /^\s*/.exec(p.lit)![0].length;
        if (spaces < p.lit.length || !p.lit.endsWith('\n')) {
          fewest = Math.min(fewest, spaces);
          starts.push(p);
        }
      }
    }
    if ('lit' in p && p.lit.endsWith('\n')) lineStart = true;
  }
  if (fewest === Infinity || fewest === 0) return;
  for (const p of starts) p.lit = p.lit.slice(fewest);
}

/** A template's parts as a string: its text when it has no interpolation, else a template to render. */
const templateOf = (parts: Array<string | Node>): Node =>
  parts.length === 0 ? { k: 'lit', v: '' } : parts.every((p) => typeof p === 'string') ? { k: 'lit', v: parts.join('') } : { k: 'tmpl', parts };

/** A template as a value: one interpolation alone is that expression's value, unconverted (`"${1.5}"` is a number). */
const templateNode = (parts: Array<string | Node>): Node => (parts.length === 1 && typeof parts[0] !== 'string' ? parts[0] : templateOf(parts));

/**
 * Nests a template's pieces from `at.i` until a directive that closes the enclosing one (left at `at.i`): `%{if}` becomes a
 * conditional of two templates, `%{for}` the `join("", [for …: template])` it stands for.
 */
function nest(pieces: Piece[], at: { i: number }): Array<string | Node> {
  const parts: Array<string | Node> = [];
  while (at.i < pieces.length) {
    const p = pieces[at.i];
    if ('lit' in p) {
      if (p.lit) parts.push(p.lit);
      at.i++;
      continue;
    }
    if ('node' in p) {
      parts.push(p.node);
      at.i++;
      continue;
    }
    const { dir } = p;
    if (dir.d === 'else' || dir.d === 'endif' || dir.d === 'endfor') return parts;
    at.i++;
    const body = nest(pieces, at);
    const next = (pieces[at.i] as { dir: Directive } | undefined)?.dir.d;
    if (dir.d === 'if') {
      let otherwise: Array<string | Node> = [];
      if (next === 'else') {
        at.i++;
        otherwise = nest(pieces, at);
      }
      if ((pieces[at.i] as { dir: Directive } | undefined)?.dir.d !== 'endif') throw new HclError('%{if} without its %{endif}');
      at.i++;
      parts.push({ k: 'tmpl', parts: [{ k: 'cond', c: dir.cond!, a: templateOf(body), b: templateOf(otherwise) }] });
      continue;
    }
    if (next !== 'endfor') throw new HclError('%{for} without its %{endfor}');
    at.i++;
    const each: Node = { k: 'for', key: dir.key, value: dir.value!, coll: dir.coll!, valExpr: templateOf(body), object: false, group: false };
    parts.push({ k: 'call', name: 'join', args: [{ k: 'lit', v: '' }, each], expand: false });
  }
  return parts;
}

/**
 * Reads a heredoc inside an expression (`trimspace(<<EOT … EOT)`), from its `<<` at `i`: its lines up to the one that
 * is the marker alone, each with its line break, as a template (`<<-`: without its indentation). Returns its parts and
 * the index just past the closing marker.
 */
function readHeredoc(src: string, i: number): { parts: Array<string | Node>; end: number } {
  const m = /<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/y;
  m.lastIndex = i;
  const head = m.exec(src);
  if (!head) throw new HclError("expected a heredoc marker after '<<'");
  const [, indent, marker] = head;
  const lines: string[] = [];
  let at = i + head[0].length;
  for (;;) {
    if (at >= src.length) throw new HclError(`heredoc without its closing ${marker}`);
    const nl = src.indexOf('\n', at);
    const stop = nl < 0 ? src.length : nl + 1;
    const line = src.slice(at, stop);
    if (line.trim() === marker) {
      at += line.indexOf(marker) + marker.length;
      break;
    }
    lines.push(line);
    at = stop;
  }
  return { parts: readTemplate(lines.join(''), 0, null, { flush: indent === '-' }).parts, end: at };
}

// ---- parser
const PREC: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

class Parser {
  private p = 0;
  constructor(private readonly toks: Tok[]) {}
  peek(v?: string): boolean {
    const t = this.toks[this.p];
    return v === undefined ? true : t.t === 'op' && t.v === v;
  }
  eat(v: string): void {
    if (!this.peek(v)) throw new HclError(`expected '${v}' but found '${this.toks[this.p].v || 'end'}'`);
    this.p++;
  }
  done(): void {
    if (this.toks[this.p].t !== 'eof') throw new HclError(`unexpected '${this.toks[this.p].v}'`);
  }
  expr(): Node {
    const c = this.binary(0);
    if (this.peek('?')) {
      this.p++;
      const a = this.expr();
      this.eat(':');
      const b = this.expr();
      return { k: 'cond', c, a, b };
    }
    return c;
  }
  binary(min: number): Node {
    let left = this.unary();
    for (;;) {
      const t = this.toks[this.p];
      const prec = t.t === 'op' ? PREC[t.v] : undefined;
      if (prec === undefined || prec <= min) return left;
      this.p++;
      left = { k: 'bin', op: t.v, a: left, b: this.binary(prec) };
    }
  }
  unary(): Node {
    if (this.peek('!') || this.peek('-')) {
      const op = this.toks[this.p++].v;
      return { k: 'un', op, x: this.unary() };
    }
    return this.postfix(this.primary());
  }
  postfix(n: Node): Node {
    for (;;) {
      if (this.peek('.')) {
        this.p++;
        const t = this.toks[this.p++];
        if (t.t === 'num') n = { k: 'idx', obj: n, index: { k: 'lit', v: Number(t.v) } };
        else if (t.t === 'id') n = { k: 'get', obj: n, attr: t.v };
        else throw new HclError('expected an attribute name after .');
      } else if (this.peek('.*') || this.peek('[*]')) {
        const legacy = this.peek('.*');
        this.p++;
        n = legacy ? { k: 'splat', obj: n, legacy } : { k: 'splat', obj: n };
      } else if (this.peek('[')) {
        this.p++;
        const index = this.expr();
        this.eat(']');
        n = { k: 'idx', obj: n, index };
      } else return n;
    }
  }
  primary(): Node {
    const t = this.toks[this.p++];
    if (t.t === 'num') return { k: 'lit', v: Number(t.v) };
    if (t.t === 'str') return templateNode(t.parts!);
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { k: 'lit', v: null };
      if (this.peek('(')) {
        this.p++;
        const args: Node[] = [];
        let expand = false;
        while (!this.peek(')')) {
          args.push(this.expr());
          if (this.peek('...')) {
            this.p++;
            expand = true;
          }
          if (this.peek(',')) this.p++;
          else break;
        }
        this.eat(')');
        return { k: 'call', name: t.v.replace(/^provider::[^:]+::/, ''), args, expand };
      }
      return { k: 'id', name: t.v };
    }
    if (t.t === 'op' && t.v === '(') {
      const e = this.expr();
      this.eat(')');
      return { k: 'paren', x: e };
    }
    if (t.t === 'op' && t.v === '[') {
      if (this.toks[this.p].t === 'id' && this.toks[this.p].v === 'for') return this.forExpr(false);
      const items: Node[] = [];
      while (!this.peek(']')) {
        items.push(this.expr());
        if (this.peek(',')) this.p++;
        else break;
      }
      this.eat(']');
      return { k: 'tuple', items };
    }
    if (t.t === 'op' && t.v === '{') {
      if (this.toks[this.p].t === 'id' && this.toks[this.p].v === 'for') return this.forExpr(true);
      const items: Array<[Node, Node]> = [];
      while (!this.peek('}')) {
        const kt = this.toks[this.p];
        const key: Node = kt.t === 'id' && (this.toks[this.p + 1].v === '=' || this.toks[this.p + 1].v === ':') ? (this.p++, { k: 'lit', v: kt.v }) : this.expr();
        if (this.peek('=') || this.peek(':')) this.p++;
        else throw new HclError("expected '=' in an object");
        items.push([key, this.expr()]);
        if (this.peek(',')) this.p++;
      }
      this.eat('}');
      return { k: 'object', items };
    }
    throw new HclError(`unexpected '${t.v || 'end of expression'}'`);
  }
  forExpr(object: boolean): Node {
    this.p++; // for
    const first = this.toks[this.p++].v;
    let key: string | undefined;
    let value = first;
    if (this.peek(',')) {
      this.p++;
      key = first;
      value = this.toks[this.p++].v;
    }
    if (this.toks[this.p++].v !== 'in') throw new HclError("expected 'in' in a for expression");
    const coll = this.expr();
    this.eat(':');
    let keyExpr: Node | undefined;
    let valExpr = this.expr();
    if (object) {
      this.eat('=>');
      keyExpr = valExpr;
      valExpr = this.expr();
    }
    let group = false;
    if (this.peek('...')) {
      this.p++;
      group = true;
    }
    let cond: Node | undefined;
    if (this.toks[this.p].t === 'id' && this.toks[this.p].v === 'if') {
      this.p++;
      cond = this.expr();
    }
    this.eat(object ? '}' : ']');
    return { k: 'for', key, value, coll, keyExpr, valExpr, cond, object, group };
  }
}

function parseExpr(src: string): Node {
  const p = new Parser(lex(src));
  const e = p.expr();
  p.done();
  return e;
}

const cache = new Map<string, Node>();

/** Parses a value as hcl2json gives it: a `${...}` string, a template, or a plain string. */
export function parseHclString(raw: string): Node {
  const hit = cache.get(raw);
  if (hit) return hit;
  const { parts } = readTemplate(raw, 0, null);
  const node = templateNode(parts);
  if (cache.size > 20000) cache.clear();
  cache.set(raw, node);
  return node;
}

/**
 * The values a variable's `validation` blocks allow, when a condition is `contains([literals…], var.<name>)`, the way
 * modules list a variable's allowed values (AVM: `contains(["LRS", "GRS", …], var.account_replication_type)`).
 * Undefined when no condition has that shape.
 */
export function allowedByValidation(name: string, validation: unknown): Value[] | undefined {
  for (const block of Array.isArray(validation) ? validation : validation ? [validation] : []) {
    const condition = (block as Record<string, unknown>)?.condition;
    if (typeof condition !== 'string') continue;
    let node: Node;
    try {
      node = parseHclString(condition);
    } catch {
      continue;
    }
    if (node.k !== 'call' || node.name !== 'contains' || node.args.length !== 2) continue;
    const [list, value] = node.args;
    const isThisVariable = value.k === 'get' && value.attr === name && value.obj.k === 'id' && value.obj.name === 'var';
    if (isThisVariable && list.k === 'tuple' && list.items.every((i) => i.k === 'lit')) return list.items.map((i) => (i as { v: Value }).v);
  }
  return undefined;
}

// ---- type constraints

/**
 * A variable's value converted to its `type` as Terraform converts it
 * (https://developer.hashicorp.com/terraform/language/expressions/type-constraints#conversion-of-primitive-types):
 * numbers and bools become strings where a string is declared, numeric strings numbers, `"true"`/`"false"` bools;
 * a set's elements are made distinct and ordered as Terraform orders them; an object type keeps only the attributes it
 * declares, and an `optional(type, default)` attribute that is absent or null takes its default (null without one),
 * through nested objects, maps, lists, sets and tuples, and into defaults themselves. A value that cannot be converted
 * (Terraform would reject it) and an Unknown are left as they are.
 */
export function convertToType(typeRaw: unknown, value: Value): Value {
  if (typeof typeRaw !== 'string' || isUnknown(value)) return value;
  let type: Node;
  try {
    type = parseHclString(typeRaw);
  } catch {
    return value;
  }
  return converted(type, value, { lookup: (root) => new Unknown(`${root} is not allowed in a type constraint`), text: typeRaw, depth: 0 });
}

/** A primitive value as Terraform converts it to `string`, `number` or `bool`; undefined when it cannot be. */
function primitive(name: string, value: Value): Value | undefined {
  if (name === 'string') return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' ? str(value) : undefined;
  if (name === 'number') return asNumber(value);
  if (name === 'bool') return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;
  return undefined;
}

function converted(type: Node, value: Value, scope: HclScope): Value {
  if (value === null || isUnknown(value)) return value;
  if (type.k === 'id') return primitive(type.name, value) ?? value;
  if (type.k !== 'call') return value;
  const name = type.name.toLowerCase();
  const [inner] = type.args;
  if (name === 'object' && inner?.k === 'object' && isObject(value)) {
    // Converting to an object type keeps only the attributes the type declares (Terraform drops the others).
    const declared = inner.items.every(([k]) => k.k === 'lit' && typeof k.v === 'string');
    const out: { [k: string]: Value } = {};
    for (const k of Object.keys(value)) if (!declared || inner.items.some(([n]) => n.k === 'lit' && n.v === k)) setProp(out, k, value[k]);
    for (const [keyNode, attrType] of inner.items) {
      if (keyNode.k !== 'lit' || typeof keyNode.v !== 'string') continue;
      const key = keyNode.v;
      const optional = attrType.k === 'call' && attrType.name.toLowerCase() === 'optional' ? attrType : undefined;
      const attrInner = optional ? optional.args[0] : attrType;
      let v = Object.hasOwn(out, key) ? out[key] : undefined;
      if (optional && (v === undefined || v === null)) v = optional.args[1] ? evalNode(optional.args[1], scope) : null;
      if (v !== undefined) setProp(out, key, attrInner ? converted(attrInner, v, scope) : v);
    }
    return out;
  }
  if ((name === 'map' || name === 'list' || name === 'set') && inner) {
    if (Array.isArray(value)) {
      const items = value.map((v) => converted(inner, v, scope));
      return name === 'set' ? setOf(items) : items;
    }
    if (isObject(value)) {
      const out: { [k: string]: Value } = {};
      for (const k of Object.keys(value)) setProp(out, k, converted(inner, value[k], scope));
      return out;
    }
  }
  if (name === 'tuple' && inner?.k === 'tuple' && Array.isArray(value)) return value.map((v, i) => (inner.items[i] ? converted(inner.items[i], v, scope) : v));
  return value;
}

/**
 * The key and value of each element of a collection, as `for` expressions and `dynamic` blocks iterate it: a list by
 * index, a set by its elements (the key is the value), a map or object by its keys in lexical order.
 */
function entriesOf(coll: Value): Array<[Value, Value]> {
  if (Array.isArray(coll)) return isSet(coll) ? coll.map((v) => [v, v]) : coll.map((v, i) => [i, v]);
  return isObject(coll) ? Object.keys(coll).sort().map((k) => [k, coll[k]]) : [];
}

// ---- evaluation

export interface HclScope {
  /** Resolves a root identifier's traversal: `var.x`, `local.y`, `count.index`, `each.key`, `module.m.out`, `azurerm_x.y.id`, `data...`, `path.module`. */
  lookup(root: string, path: string[]): Value;
  text: string;
  depth?: number;
  budget?: Budget;
  /**
   * `file(path)`: the text of a file in the repository, the path relative to the root module's folder as Terraform reads
   * it. Unset (a tfvars file, a type constraint), `file()` and `templatefile()` are only evaluated by Terraform.
   * `templatefile()` passes `render`: the result is then the text rendered, noted as read from that file.
   */
  readFile?(path: string, render?: (text: string) => Value): Value;
}

/** Spends `n` steps of the scope's budget. */
function charge(scope: HclScope, n: number): void {
  const b = scope.budget;
  if (b && (b.left -= n) < 0) throw new BudgetExceeded(`more than ${b.max} evaluation steps (expression nodes and elements produced by for expressions, range() and the like): a runaway expansion?`);
}

const unknownOf = (reason: string, scope: HclScope) => new Unknown(reason, asWritten(scope.text));

function truthy(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v === 'true';
  throw new HclError(`a condition must be a bool, not ${JSON.stringify(v)}`);
}

/** Collects a traversal chain (`a.b[0].c`) into a root and path, when it is a plain reference. */
function traversal(n: Node, scope: HclScope): { root: string; path: string[] } | undefined {
  const path: string[] = [];
  for (let cur = n; ; ) {
    if (cur.k === 'id') return { root: cur.name, path: path.length > 1 ? path.reverse() : path };
    if (cur.k === 'get') {
      path.push(cur.attr);
      cur = cur.obj;
    } else if (cur.k === 'idx') {
      const i = evalNode(cur.index, scope);
      if (isUnknown(i)) return undefined;
      path.push(`[${typeof i === 'number' ? i : JSON.stringify(i)}]`);
      cur = cur.obj;
    } else if (cur.k === 'splat') {
      // A legacy `a.*.b[0]` indexes the list, not each element: evaluated as a value (splatOver), not looked up.
      if (cur.legacy && path.some((p) => p.startsWith('['))) return undefined;
      path.push('[*]');
      cur = cur.obj;
    } else return undefined;
  }
}

/**
 * A path (`["replicas", "[*]", "name"]`) followed into a value: each key or index in turn; a splat takes the value as a list
 * (a value that is not a list is a list of itself, null an empty one) and follows the rest of the path in each element.
 */
export function followPath(v: Value, path: readonly string[]): Value {
  let cur = v;
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    if (p === '[*]') {
      if (isUnknown(cur)) return cur;
      const rest = path.slice(i + 1);
      return asList(cur).map((x) => followPath(x, rest));
    }
    cur = index(cur, p.startsWith('[') ? (JSON.parse(p.slice(1, -1)) as Value) : p);
  }
  return cur;
}

/** What a splat takes: a list as it is, null as an empty list, any other value as a list of itself. */
export const asList = (v: Value): Value[] => (Array.isArray(v) ? v : v === null ? [] : [v]);

/**
 * A chain of attributes, indexes and splats over a value (https://developer.hashicorp.com/terraform/language/expressions/splat):
 * `a[*].b.c` is `[for x in a : x.b.c]`, nested splats nest, and the legacy `a.*.b[0]` maps only the attributes right after
 * it (`[for x in a : x.b][0]`). Undefined when `n` holds no splat on its chain.
 */
function splatOver(n: Node, scope: HclScope): Value | undefined {
  // The steps from the outermost (steps[0]) in to the innermost splat, whose operand is evaluated as a value.
  const steps: Node[] = [];
  let innermost = -1;
  for (let cur = n; cur.k === 'get' || cur.k === 'idx' || cur.k === 'splat'; cur = cur.obj) {
    steps.push(cur);
    if (cur.k === 'splat') innermost = steps.length - 1;
  }
  if (innermost < 0) return undefined;
  return applySteps(evalNode((steps[innermost] as Extract<Node, { k: 'splat' }>).obj, scope), steps, innermost, 0, scope);
}

/** `steps[from]`, then `steps[from - 1]`, … down to `steps[to]`, applied to `v`. */
function applySteps(v: Value, steps: readonly Node[], from: number, to: number, scope: HclScope): Value {
  let cur = v;
  for (let i = from; i >= to; i--) {
    if (isUnknown(cur)) return cur;
    const step = steps[i];
    if (step.k === 'splat') {
      // Mapped over each element: every step after a splat, or only the attributes right after a legacy one.
      let end = to;
      if (step.legacy) {
        end = i - 1;
        while (end >= to && steps[end].k === 'get') end--;
        end++;
      }
      const last = end;
      cur = asList(cur).map((x) => applySteps(x, steps, i - 1, last, scope));
      i = end;
      continue;
    }
    cur = step.k === 'get' ? index(cur, step.attr) : index(cur, evalNode((step as Extract<Node, { k: 'idx' }>).index, scope));
  }
  return cur;
}

/** `azurerm_x.y[*]…`: a splat right after a resource's name, looked up whole (each instance of the resource). */
const isResourceSplat = (t: { root: string; path: string[] }) => RESOURCE_ROOT.test(t.root) && t.path.indexOf('[*]') === 1;

/** Roots whose indexed traversals (`var.x[0]`) are looked up whole; other roots are indexed after evaluation. */
const INDEXED_ROOTS = new Set(['var', 'local', 'count', 'each', 'module', 'path', 'data', 'terraform', 'self']);
const RESOURCE_ROOT = /^[a-z0-9]+_/;

function index(obj: Value, key: Value): Value {
  // `{ dev = "GRS", prod = "GZRS" }[var.env]` with `env` validated to dev or prod: one of the values at those keys.
  if (isUnknown(obj)) return (isUnknown(key) ? undefined : ofEachAlternative(obj, (o) => index(o, key))) ?? withoutAlternatives(obj);
  if (isUnknown(key)) return ofEachAlternative(key, (k) => index(obj, k)) ?? withoutAlternatives(key);
  if (Array.isArray(obj)) {
    const i = typeof key === 'number' ? key : Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= obj.length) throw new HclError(`index ${JSON.stringify(key)} is out of range`);
    return obj[i];
  }
  if (isObject(obj)) {
    const k = String(key);
    if (!Object.hasOwn(obj, k)) throw new HclError(`the object has no attribute or key '${k}'`);
    return obj[k];
  }
  throw new HclError(`cannot index ${JSON.stringify(obj)}`);
}

/** Most alternatives an Unknown's value is computed for (a validated variable lists a handful). */
const MAX_ALTERNATIVES = 32;

/** An evaluation error on one alternative (a key the map lacks: Terraform would stop there), not a spent budget. */
const failsOnOne = (e: unknown) => e instanceof HclError || e instanceof UnknownInside;

/**
 * What `f` gives of each value `u` can be, index for index with `u`'s, so the engine judges each (eachAlternativeIfKnown);
 * undefined when it tells nothing.
 */
const ofEachAlternative = (u: Unknown, f: (v: Value) => Value) => eachAlternativeIfKnown(u, f, failsOnOne, MAX_ALTERNATIVES);

export function evalNode(n: Node, scope: HclScope): Value {
  // Literals need no depth or budget bookkeeping beyond their one step.
  if (n.k === 'lit') {
    charge(scope, 1);
    return n.v;
  }
  const depth = scope.depth ?? 0;
  if (depth >= 200) throw new HclError('expression too deep');
  scope.depth = depth + 1;
  charge(scope, 1);
  try {
    const v = evalInner(n, scope);
    // The alternatives an Unknown can be stay only while it is handed on unchanged (a reference, an attribute, a
    // conditional) or computed from one value for each (an index, a function of it: `lookup(local.skus, var.env)`);
    // anything else computed from it (`"${var.x}-a"`) is none of them.
    return v instanceof Unknown && v.oneOf && n.k !== 'id' && n.k !== 'get' && n.k !== 'idx' && n.k !== 'cond' && n.k !== 'call' ? withoutAlternatives(v) : v;
  } finally {
    scope.depth = depth;
  }
}

function evalInner(n: Node, scope: HclScope): Value {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'tmpl': {
      let out = '';
      for (const p of n.parts) {
        if (typeof p === 'string') out += p;
        else {
          const v = evalNode(p, scope);
          if (isUnknown(v)) return new Unknown(v.reason, asWritten(scope.text));
          out += str(v);
        }
      }
      charge(scope, out.length >> 4);
      return out;
    }
    case 'id':
    case 'get':
    case 'idx': {
      const t = traversal(n, scope);
      // A splat is looked up whole on a resource (each instance's attribute); on other values it is applied after evaluation.
      if (t && (n.k !== 'idx' || INDEXED_ROOTS.has(t.root) || RESOURCE_ROOT.test(t.root)) && (!t.path.includes('[*]') || isResourceSplat(t))) {
        const v = scope.lookup(t.root, t.path);
        if (v !== undefined) return v;
      }
      const splat = n.k === 'id' ? undefined : splatOver(n, scope);
      if (splat !== undefined) return splat;
      if (n.k === 'get') {
        const o = evalNode(n.obj, scope);
        return index(o, n.attr);
      }
      if (n.k === 'idx') return index(evalNode(n.obj, scope), evalNode(n.index, scope));
      return unknownOf(`unknown reference '${n.name}'`, scope);
    }
    case 'splat': {
      // `azurerm_x.y[*]` alone: each instance of the resource; any other value as a list (splatOver always has a splat here).
      const t = traversal(n, scope);
      if (t && isResourceSplat(t)) {
        const v = scope.lookup(t.root, t.path);
        if (v !== undefined) return v;
      }
      return splatOver(n, scope)!;
    }
    case 'paren':
      return evalNode(n.x, scope);
    case 'un': {
      const x = evalNode(n.x, scope);
      if (isUnknown(x)) return x;
      return n.op === '!' ? !truthy(x) : -Number(x);
    }
    case 'bin': {
      if (n.op === '&&' || n.op === '||') {
        const a = evalNode(n.a, scope);
        if (!isUnknown(a) && truthy(a) === (n.op === '||')) return n.op === '||';
        const b = evalNode(n.b, scope);
        if (isUnknown(a)) return !isUnknown(b) && truthy(b) === (n.op === '||') ? n.op === '||' : a;
        return isUnknown(b) ? b : truthy(b);
      }
      const a = evalNode(n.a, scope);
      const b = evalNode(n.b, scope);
      if (isUnknown(a)) return a;
      if (isUnknown(b)) return b;
      switch (n.op) {
        case '==':
        case '!=':
          try {
            return valuesEqual(a, b) === (n.op === '==');
          } catch (e) {
            if (e instanceof UnknownInside) return e.unknown;
            throw e;
          }
        case '<':
          return Number(a) < Number(b);
        case '>':
          return Number(a) > Number(b);
        case '<=':
          return Number(a) <= Number(b);
        case '>=':
          return Number(a) >= Number(b);
        case '+':
          return Number(a) + Number(b);
        case '-':
          return Number(a) - Number(b);
        case '*':
          return Number(a) * Number(b);
        case '/':
          return Number(a) / Number(b);
        case '%':
          return Number(a) % Number(b);
      }
      throw new HclError(`unknown operator ${n.op}`);
    }
    case 'cond': {
      const c = evalNode(n.c, scope);
      if (isUnknown(c)) return eitherBranch(c, evalNode(n.a, scope), evalNode(n.b, scope));
      return evalNode(truthy(c) ? n.a : n.b, scope);
    }
    case 'tuple':
      return n.items.map((i) => evalNode(i, scope));
    case 'object': {
      const out: { [k: string]: Value } = {};
      for (const [k, v] of n.items) {
        const key = evalNode(k, scope);
        if (isUnknown(key)) return key;
        setProp(out, str(key), evalNode(v, scope)); // `__proto__` as a key is data, never the object's prototype
      }
      return out;
    }
    case 'for':
      return evalFor(n, scope);
    case 'call':
      return call(n, scope);
  }
}

function evalFor(n: Extract<Node, { k: 'for' }>, scope: HclScope): Value {
  const coll = evalNode(n.coll, scope);
  if (isUnknown(coll)) return coll;
  const entries = entriesOf(coll);
  const outList: Value[] = [];
  const outObj: { [k: string]: Value } = {};
  for (const [k, v] of entries) {
    const inner: HclScope = {
      text: scope.text,
      depth: scope.depth,
      budget: scope.budget,
      readFile: scope.readFile,
      lookup: (root, path) => {
        if (root === n.value || root === n.key) {
          const base = root === n.value ? v : k;
          return followPath(base, path);
        }
        return scope.lookup(root, path);
      },
    };
    if (n.cond) {
      const c = evalNode(n.cond, inner);
      if (isUnknown(c)) return c;
      if (!truthy(c)) continue;
    }
    const val = evalNode(n.valExpr, inner);
    if (n.object) {
      const key = evalNode(n.keyExpr!, inner);
      if (isUnknown(key)) return key;
      const k = str(key);
      if (!n.group) {
        if (Object.hasOwn(outObj, k)) throw new HclError(`duplicate key '${k}' in a for expression (write \`...\` after the value to group them)`);
        setProp(outObj, k, val);
      }
      else if (Object.hasOwn(outObj, k)) (outObj[k] as Value[]).push(val);
      else setProp(outObj, k, [val]);
    } else outList.push(val);
  }
  return n.object ? outObj : outList;
}

function call(n: Extract<Node, { k: 'call' }>, scope: HclScope): Value {
  const name = n.name.toLowerCase();
  // try(): the first argument that evaluates without an error (a missing key, a bad index...); an
  // argument that is Unknown makes the result Unknown, as Terraform cannot tell whether it would fail.
  // can(): true iff its argument evaluates without an error (Unknown when it is Unknown).
  if (name === 'try') {
    for (const a of n.args) {
      try {
        return evalNode(a, scope);
      } catch (e) {
        if (e instanceof BudgetExceeded) throw e;
        /* an error: the next argument */
      }
    }
    throw new HclError('try(): every argument failed');
  }
  if (name === 'can') {
    try {
      const v = evalNode(n.args[0], scope);
      return isUnknown(v) ? withoutAlternatives(v) : true;
    } catch (e) {
      if (e instanceof BudgetExceeded) throw e;
      return false;
    }
  }
  let args = n.args.map((a) => evalNode(a, scope));
  if (n.expand && args.length) {
    const last = args[args.length - 1];
    if (isUnknown(last)) return withoutAlternatives(last);
    args = [...args.slice(0, -1), ...list(last)];
  }
  // A file of the repository is read as Terraform reads it (its text, whatever it holds: a template, a policy).
  if (name === 'file' && scope.readFile && args.length === 1 && typeof args[0] === 'string') return scope.readFile(args[0]);
  if (name === 'templatefile' && scope.readFile) return templateFile(args, scope);
  if (PLAN_TIME.has(name)) return unknownOf(`${n.name}() is only evaluated by Terraform`, scope);
  const fn = FUNCTIONS[name];
  if (!fn) return unknownOf(`function ${n.name}() is not evaluated by drcheck`, scope);
  const u = args.find(isUnknown) as Unknown | undefined;
  if (u && name !== 'coalesce') {
    // One argument of a few known values (a validated variable, a conditional): the function of each.
    const at = args.indexOf(u);
    const each = args.every((a, i) => i === at || !containsUnknown(a)) ? ofEachAlternative(u, (v) => applied(n, name, fn, args.map((a, i) => (i === at ? v : a)), scope)) : undefined;
    if (each === undefined) return new Unknown(u.reason, asWritten(scope.text));
    return isUnknown(each) ? new Unknown(each.reason, asWritten(scope.text), each.oneOf, each.origin) : each;
  }
  return applied(n, name, fn, args, scope);
}

/** A function of known arguments, as Terraform evaluates it. */
function applied(n: Extract<Node, { k: 'call' }>, name: string, fn: (args: Value[]) => Value, args: Value[], scope: HclScope): Value {
  if (!ACCEPTS_NULL.has(name) && args.includes(null)) throw new HclError(`${n.name}(): an argument is null`);
  const standIn = READS_CHARACTERS.has(name) ? standInAmong(args) : undefined;
  if (standIn !== undefined) return unknownOf(`${n.name}() of the id of ${standIn}, which the provider computes`, scope);
  let result: Value;
  try {
    result = fn(args);
  } catch (e) {
    if (e instanceof UnsupportedRegex) return unknownOf(`${n.name}(): ${e.message}`, scope);
    if (e instanceof UnknownInside) return new Unknown(e.unknown.reason, asWritten(scope.text));
    throw e;
  }
  charge(scope, Array.isArray(result) ? result.length : typeof result === 'string' ? result.length >> 4 : 0);
  return result;
}

/**
 * `templatefile(path, vars)` as Terraform evaluates it (https://developer.hashicorp.com/terraform/language/functions/templatefile):
 * the file read as `file()` reads it, rendered as a string template. A path or vars only known when Terraform runs makes
 * the result unknown; an unknown value in vars only the interpolations that use it.
 */
function templateFile(args: Value[], scope: HclScope): Value {
  const u = args.find(isUnknown);
  if (u) return new Unknown((u as Unknown).reason, asWritten(scope.text));
  const [p, vars] = args;
  if (args.length !== 2 || typeof p !== 'string') throw new HclError('templatefile(): expects a path and a map of variables');
  if (!isObject(vars)) throw new HclError(`templatefile("${p}"): vars must be a map or object, not ${JSON.stringify(vars)}`);
  const name = Object.keys(vars).find((k) => !/^[A-Za-z_][\w-]*$/.test(k));
  if (name !== undefined) throw new HclError(`templatefile("${p}"): invalid template variable name "${name}"`);
  return scope.readFile!(p, (text) => {
    try {
      return rendered(text, vars, scope);
    } catch (e) {
      throw e instanceof HclError ? new HclError(`templatefile("${p}"): ${e.message}`) : e;
    }
  });
}

/**
 * A template file's text rendered with `vars`: only their keys are variables (not `var.…`, `local.…` or `path.module`),
 * every function is there but `templatefile()` itself. As in Terraform, a name vars lacks is an error wherever it is,
 * in a branch not taken too.
 */
function rendered(text: string, vars: { [k: string]: Value }, scope: HclScope): Value {
  charge(scope, text.length >> 4);
  const { node, names } = parsedTemplate(text);
  const missing = names.find((root) => !Object.hasOwn(vars, root));
  if (missing !== undefined) throw new HclError(`vars map does not contain key "${missing}"`);
  const outer = scope.readFile!;
  return renderedText(node, {
    lookup: (root, path) => followPath(vars[root], path),
    text: scope.text,
    depth: scope.depth,
    budget: scope.budget,
    readFile: (p, render) => (render ? recursive() : outer(p)),
  });
}

const templates = new Map<string, { node: Node; names: string[] }>();

/**
 * A template file's text parsed, with the names it refers to: once per text, as parseHclString caches expressions (a
 * module's `for_each` renders one file per instance). A file's text is one literal piece per line, as a heredoc's: a
 * strip marker (`~`) trims only the piece beside it.
 */
function parsedTemplate(text: string): { node: Node; names: string[] } {
  let hit = templates.get(text);
  if (!hit) {
    const node = templateNode(readTemplate(text, 0, null, { flush: false }).parts);
    hit = { node, names: freeNames(node, new Set()) };
    if (templates.size > 1000) templates.clear();
    templates.set(text, hit);
  }
  return hit;
}

/** The texts templatefile() rendered with some pieces only known when Terraform runs: their pieces, by the Unknown they are. */
const PIECES = new WeakMap<Unknown, ReadonlyArray<string | Unknown>>();

/**
 * The pieces of a text templatefile() rendered, known text and unknown interpolations in order, when that text is
 * unknown only for some of its interpolations (a template deployment still reads the JSON around them).
 */
export const piecesOf = (v: Unknown): ReadonlyArray<string | Unknown> | undefined => PIECES.get(v);

/** A template file's text once rendered; when some interpolations are unknown, an Unknown that keeps its pieces (see piecesOf). */
function renderedText(node: Node, scope: HclScope): Value {
  if (node.k !== 'tmpl') return evalNode(node, scope);
  const pieces: Array<string | Unknown> = [];
  for (const p of node.parts) {
    const v = typeof p === 'string' ? p : evalNode(p, scope);
    pieces.push(isUnknown(v) ? v : str(v));
  }
  const u = pieces.find(isUnknown);
  if (!u) return pieces.join('');
  const whole = new Unknown(u.reason, asWritten(scope.text));
  PIECES.set(whole, pieces);
  return whole;
}

const recursive = (): never => {
  throw new HclError('cannot recursively call templatefile from inside templatefile call');
};

/** The names an expression refers to, less those its `for` expressions bind (what HCL's Variables() gives). */
function freeNames(n: Node, bound: ReadonlySet<string>, out: string[] = []): string[] {
  const each = (...nodes: Array<Node | string | undefined>) => {
    for (const x of nodes) if (x !== undefined && typeof x !== 'string') freeNames(x, bound, out);
  };
  switch (n.k) {
    case 'lit':
      break;
    case 'id':
      if (!bound.has(n.name)) out.push(n.name);
      break;
    case 'tmpl':
      each(...n.parts);
      break;
    case 'get':
    case 'splat':
      each(n.obj);
      break;
    case 'idx':
      each(n.obj, n.index);
      break;
    case 'paren':
    case 'un':
      each(n.x);
      break;
    case 'call':
      each(...n.args);
      break;
    case 'bin':
      each(n.a, n.b);
      break;
    case 'cond':
      each(n.c, n.a, n.b);
      break;
    case 'tuple':
      each(...n.items);
      break;
    case 'object':
      each(...n.items.flat());
      break;
    case 'for': {
      each(n.coll);
      const inner = new Set([...bound, n.value, ...(n.key !== undefined ? [n.key] : [])]);
      for (const x of [n.keyExpr, n.valExpr, n.cond]) if (x) freeNames(x, inner, out);
    }
  }
  return out;
}

/** Maps written with a key only known when Terraform runs, kept under the key as written: the first such key's value. */
const UNKNOWN_KEYS = new WeakMap<object, Unknown>();

/** The unknown value of a key of a map written with one (`{ (var.region) = … }`), or undefined. */
export function unknownKeyOf(map: Value): Unknown | undefined {
  return map !== null && typeof map === 'object' ? UNKNOWN_KEYS.get(map) : undefined;
}

/** Evaluates one value from hcl2json output (strings may be expressions; objects and lists are walked). */
/** Deepest a value written in a file (a tfvars.json document, an attribute's object) is read: a deeper one is unknown. */
const MAX_VALUE_NESTING = 200;

export function evaluateHcl(raw: unknown, scope: Omit<HclScope, 'text'>, nesting = 0): Value {
  if (typeof raw === 'string') {
    if (!raw.includes('${') && !raw.includes('%{')) return raw;
    // One shape for every expression's scope (a spread copy made a new hidden class per call site).
    const s: HclScope = { lookup: scope.lookup, text: raw, depth: scope.depth ?? 0, budget: scope.budget, readFile: scope.readFile };
    try {
      return evalNode(parseHclString(raw), s);
    } catch (e) {
      const b = scope.budget;
      if (e instanceof BudgetExceeded && b && !b.exceeded) {
        b.exceeded = true;
        b.onExceeded?.(raw);
      }
      return new Unknown(`cannot evaluate: ${(e as Error).message}`, asWritten(raw));
    }
  }
  if (raw !== null && typeof raw === 'object' && nesting >= MAX_VALUE_NESTING) return new Unknown(`a value nested deeper than ${MAX_VALUE_NESTING} levels is not read`);
  if (Array.isArray(raw)) return raw.map((x) => evaluateHcl(x, scope, nesting + 1));
  if (raw && typeof raw === 'object') {
    const out: { [k: string]: Value } = {};
    for (const [k, v] of Object.entries(raw)) {
      // A key written as an expression (`lower("Reader") = …`, `(var.name) = …`) is evaluated too; one that cannot be stays
      // as written, and the map is marked as having it (a for_each over it has instances no one can name).
      const key = k.includes('${') ? evaluateHcl(k, scope) : k;
      if (isUnknown(key) && !UNKNOWN_KEYS.has(out)) UNKNOWN_KEYS.set(out, key);
      const name = typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean' ? String(key) : k;
      const value = evaluateHcl(v, scope, nesting + 1);
      setProp(out, name, value); // `__proto__` as a key is data, never the object's prototype
    }
    return out;
  }
  return raw as Value;
}

const isBody = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const exprText = (raw: unknown): string | undefined => (typeof raw === 'string' ? /^\$\{\s*([A-Za-z_][\w-]*)\s*\}$/.exec(raw)?.[1] ?? raw : undefined);

/**
 * Evaluates a block body from hcl2json (a resource's arguments and nested blocks), skipping the names
 * in `skip`. `dynamic "<name>"` blocks are expanded into the nested blocks they stand for, after any
 * written ones of that name, in the shape hcl2json gives written ones (a list of bodies): one per
 * for_each element, with `<iterator>.key` / `<iterator>.value` bound in `content`. Nested blocks are
 * walked, so dynamic blocks inside them (or inside `content`) expand too. A for_each that cannot be
 * decided makes that block name Unknown, with the reason.
 */
export function evaluateBody(raw: Record<string, unknown>, scope: Omit<HclScope, 'text'>, skip?: ReadonlySet<string>): { [k: string]: Value } {
  const out: { [k: string]: Value } = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'dynamic' || skip?.has(k)) continue;
    setProp(out, k, Array.isArray(v) && v.length > 0 && v.every(isBody) ? v.map((b) => evaluateBody(b, scope)) : evaluateHcl(v, scope));
  }
  const dynamic = raw.dynamic;
  for (const specs of isBody(dynamic) ? [dynamic] : Array.isArray(dynamic) ? dynamic.filter(isBody) : []) {
    for (const [name, list] of Object.entries(specs)) {
      if (skip?.has(name)) continue;
      for (const spec of Array.isArray(list) ? list.filter(isBody) : isBody(list) ? [list] : []) {
        const prior = Object.hasOwn(out, name) ? out[name] : undefined;
        if (isUnknown(prior)) continue;
        const expanded = expandDynamic(name, spec, scope);
        setProp(out, name, isUnknown(expanded) ? expanded : [...(Array.isArray(prior) ? prior : prior !== undefined ? [prior] : []), ...expanded]);
      }
    }
  }
  return out;
}

function expandDynamic(name: string, spec: Record<string, unknown>, scope: Omit<HclScope, 'text'>): Value[] | Unknown {
  const iterator = exprText(spec.iterator) ?? name;
  const forEach = evaluateHcl(spec.for_each, scope);
  const why = (reason: string) => new Unknown(`dynamic "${name}" block: ${reason}`, typeof spec.for_each === 'string' ? asWritten(spec.for_each) : undefined);
  if (isUnknown(forEach)) return why(`for_each cannot be decided statically (${forEach.reason})`);
  if (spec.for_each === undefined) return why('has no for_each');
  const entries = entriesOf(forEach);
  if (!Array.isArray(forEach) && !isObject(forEach)) return why(`for_each must be a list, set or map, not ${JSON.stringify(forEach)}`);
  const cap = scope.budget?.maxInstances;
  if (cap !== undefined && entries.length > cap) return why(`for_each has ${entries.length} instances, over the limit of ${cap}; not expanded`);
  const content = Array.isArray(spec.content) ? spec.content.find(isBody) : isBody(spec.content) ? spec.content : undefined;
  if (!content) return why('has no content block');
  return entries.map(([key, value]) =>
    evaluateBody(content, {
      ...scope,
      lookup: (root, path) => {
        if (root !== iterator) return scope.lookup(root, path);
        if (path[0] !== 'key' && path[0] !== 'value') throw new HclError(`${iterator}.${path[0] ?? ''}: a dynamic block iterator has only key and value`);
        return followPath(path[0] === 'key' ? key : value, path.slice(1));
      },
    }),
  );
}
