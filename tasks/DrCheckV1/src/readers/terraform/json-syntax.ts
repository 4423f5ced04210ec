/**
 * Terraform's JSON syntax (`.tf.json`: what CDK for Terraform, Terragrunt and other generators write) read into the
 * document the native syntax gives (see hclsyntax.ts), so the rest of the Terraform reader cannot tell which syntax a
 * file was written in.
 *
 * The two differ where HCL's JSON mapping needs the schema (https://developer.hashicorp.com/terraform/language/syntax/json):
 * - a block with labels is an object per label, and its body an object or an array of objects (several blocks): here
 *   always the list of bodies the native document has (`resource.<type>.<name>: [body]`, `locals: [body]`);
 * - a `"//"` property of a block body is a comment, dropped (CDK for Terraform puts its construct metadata there);
 * - a string is a template (`"${var.location}"`) as in the native document, except where Terraform reads a reference
 *   or a type as written: `depends_on`, a resource's `provider`, a module's `providers`, `lifecycle.ignore_changes`, a
 *   `moved` block's `from` and `to`, a variable's `type`. Those are written as the expression the native document has.
 * Nested blocks inside a resource, `dynamic` ones included, stay as written (an object or an array of objects): the
 * mappings and the body evaluator read both.
 * A file Terraform would reject (not JSON, a block that is not an object) is an error at its line and column.
 */
import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { jsonErrorWords } from '../json-errors';
import { positionAt, positionsIn } from '../position';
import type { HclParseError } from './hcl';
import type { HclDoc, ParsedHcl } from './hclsyntax';
import { isObject, setProp } from '../../../../../shared/model/value';

/** Labels each top-level block type has (types not listed are kept as written); override files merge by them too. */
export const LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  ephemeral: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  check: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  removed: 0,
};

const COMMENT = '//';

/** A block's body as the document holds it. */
export type Body = Record<string, unknown>;

/** Thrown while converting: the file is not a configuration Terraform accepts. */
class ShapeError extends Error {
  constructor(
    message: string,
    readonly path: Array<string | number>,
  ) {
    super(message);
  }
}

export const isBody = (v: unknown): v is Body => isObject(v);

/** A reference or type written as a string: the expression the native document gives for it. */
const asExpression = (v: unknown): unknown => (typeof v === 'string' && !v.includes('${') ? `\${${v}}` : v);

/** A block's bodies: one object, or an array of them (null: none). */
function bodies(v: unknown, path: Array<string | number>, what: string): Body[] {
  if (v === null) return [];
  if (isBody(v)) return [v];
  const bad = Array.isArray(v) ? v.findIndex((b) => !isBody(b)) : -1;
  if (Array.isArray(v) && bad < 0) return v as Body[];
  throw new ShapeError(`${what} must be a JSON object (or an array of objects)`, bad >= 0 ? [...path, bad] : path);
}

/** Blocks whose `depends_on` and `lifecycle` are Terraform's meta-arguments (in `locals` they are names like any other). */
const META_BLOCKS = new Set(['resource', 'data', 'ephemeral', 'module', 'output', 'check']);

/** A body without its comments, with what Terraform reads as written turned into expressions. */
function body(kind: string, b: Body): Body {
  const out: Body = {};
  const meta = META_BLOCKS.has(kind);
  for (const k of Object.keys(b)) {
    if (k === COMMENT) continue;
    const v = b[k];
    if (!meta && (k === 'depends_on' || k === 'lifecycle')) setProp(out, k, v);
    else if (k === 'depends_on' && Array.isArray(v)) out[k] = v.map(asExpression);
    else if (k === 'provider' && (kind === 'resource' || kind === 'data' || kind === 'ephemeral')) out[k] = asExpression(v);
    else if (k === 'providers' && kind === 'module' && isBody(v)) out[k] = Object.fromEntries(Object.entries(v).map(([p, ref]) => [p, asExpression(ref)]));
    else if (k === 'lifecycle' && (isBody(v) || Array.isArray(v))) out[k] = (Array.isArray(v) ? v : [v]).map((l) => (isBody(l) && Array.isArray(l.ignore_changes) ? { ...l, ignore_changes: l.ignore_changes.map(asExpression) } : l));
    else if ((k === 'from' || k === 'to') && (kind === 'moved' || kind === 'removed')) out[k] = asExpression(v);
    else if (k === 'type' && kind === 'variable') out[k] = asExpression(v);
    else if ((k === 'validation' && kind === 'variable') || (k === 'required_providers' && kind === 'terraform')) out[k] = isBody(v) ? [v] : v;
    else setProp(out, k, v);
  }
  return out;
}

/** The blocks under `labels` more labels, merged from an array of objects where the JSON gives one. */
function labelled(kind: string, v: unknown, labels: number, path: Array<string | number>): unknown {
  if (labels === 0) return bodies(v, path, `a ${kind} block`).map((b) => body(kind, b));
  const levels = Array.isArray(v) ? v : [v];
  const out: Body = {};
  levels.forEach((level, i) => {
    const at = Array.isArray(v) ? [...path, i] : path;
    if (!isBody(level)) throw new ShapeError(`the labels of a ${kind} block must be the keys of a JSON object`, at);
    for (const [label, inner] of Object.entries(level)) {
      if (label === COMMENT) continue;
      const converted = labelled(kind, inner, labels - 1, [...at, label]);
      setProp(out, label, Object.hasOwn(out, label) ? mergeInto(out[label], converted) : converted);
    }
  });
  return out;
}

/**
 * Two objects of an array naming one label: the blocks of both (a second resource at one address is Terraform's error to
 * give). Merged into `a`, which this conversion made: a file with thousands of such objects is merged in linear time.
 */
function mergeInto(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (const x of b) a.push(x);
    return a;
  }
  if (!isBody(a) || !isBody(b)) return b;
  for (const [k, v] of Object.entries(b)) setProp(a, k, Object.hasOwn(a, k) ? mergeInto(a[k], v) : v);
  return a;
}

const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/**
 * A node's value. A property name given twice in one object is kept twice, as HCL's JSON syntax reads it (two
 * `"resource"` properties, two blocks of one type): its values in one list. `__proto__` is a name like any other.
 */
function valueOf(node: Node): unknown {
  if (node.type === 'array') return (node.children ?? []).map(valueOf);
  if (node.type !== 'object') return node.value;
  const out: Body = {};
  /** Names given more than once so far: their value is the list this made, appended to in place. */
  const repeated = new Set<string>();
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || !v) continue;
    const key = String(k.value);
    const value = valueOf(v);
    if (!Object.hasOwn(out, key)) setProp(out, key, value);
    else if (repeated.has(key)) (out[key] as unknown[]).push(...listOf(value));
    else {
      repeated.add(key);
      setProp(out, key, [...listOf(out[key]), ...listOf(value)]);
    }
  }
  return out;
}

/** The line of each block the reader places resources by: `resource.<type>.<name>`, `data.…`, `module.<name>`, `moved.<i>`. */
function jsonBlockLines(root: Node, text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const at = positionsIn(text);
  // Every property of that name (JSON syntax allows one twice), each one's value.
  const values = (obj: Node | undefined, key: string) => (obj?.children ?? []).filter((p) => p.children?.[0]?.value === key).map((p) => p.children?.[1]);
  const objects = (v: Node | undefined): Node[] => (v?.type === 'array' ? (v.children ?? []).filter((c) => c.type === 'object') : v?.type === 'object' ? [v] : []);
  const within = (key: string) => values(root, key).flatMap(objects);
  for (const kind of ['resource', 'data']) {
    for (const level of within(kind)) {
      for (const typeProp of level.children ?? []) {
        for (const names of objects(typeProp.children?.[1])) {
          for (const nameProp of names.children ?? []) {
            const key = `${kind}.${typeProp.children?.[0]?.value}.${nameProp.children?.[0]?.value}`;
            if (!lines.has(key)) lines.set(key, at(nameProp.offset).line);
          }
        }
      }
    }
  }
  for (const level of within('module')) {
    for (const nameProp of level.children ?? []) {
      const key = `module.${nameProp.children?.[0]?.value}`;
      if (!lines.has(key)) lines.set(key, at(nameProp.offset).line);
    }
  }
  within('moved').forEach((m, i) => lines.set(`moved.${i}`, at(m.offset).line));
  return lines;
}

/** Nesting a `.tf.json` file may have: deeper, it is refused (the conversion recurses). */
const MAX_DEPTH = 256;

/** The offset where nesting first goes deeper than `max`, skipping strings; -1 when it never does. */
function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 123 || c === 91) {
      if (++depth > max) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

/** Parses one `.tf.json` file into the native syntax's document. */
export function parseTerraformJson(raw: string): ParsedHcl | HclParseError {
  const text = raw.charCodeAt(0) === 0xfeff ? ` ${raw.slice(1)}` : raw;
  const deep = tooDeepAt(text, MAX_DEPTH);
  if (deep >= 0) return { message: `JSON nested deeper than ${MAX_DEPTH} levels`, ...positionAt(text, deep) };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !root) {
    const e = errors[0];
    return { message: `invalid JSON: ${e ? jsonErrorWords(e.error) : 'empty document'}`, ...positionAt(text, e?.offset ?? 0) };
  }
  if (root.type !== 'object') return { message: 'a Terraform JSON file must be a JSON object of blocks', ...positionAt(text, root.offset) };
  const value = valueOf(root) as Body;
  const doc: HclDoc = {};
  try {
    for (const [kind, v] of Object.entries(value)) {
      if (kind === COMMENT) continue;
      setProp(doc, kind, Object.hasOwn(LABELS, kind) ? labelled(kind, v, LABELS[kind], [kind]) : v);
    }
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    // (Of two properties with one name, the first: where a shape error in the second is reported too.)
    const node = findNodeAtLocation(root, e.path);
    return { message: `invalid Terraform JSON: ${e.message}`, ...positionAt(text, node?.offset ?? 0) };
  }
  return { doc, lines: jsonBlockLines(root, text) };
}
