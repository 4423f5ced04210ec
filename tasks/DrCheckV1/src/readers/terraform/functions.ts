/**
 * Terraform's built-in functions, evaluated as Terraform evaluates them
 * (https://developer.hashicorp.com/terraform/language/functions): the same results, and an error (which `try()` and
 * `can()` fall back on) where Terraform raises one, such as a null argument, an index that is not there, or a string
 * that is not a number. Functions whose result depends on the machine, the time or files are in {@link PLAN_TIME}.
 * `test/readers/terraform/functions.test.ts` checks each against the value `terraform console` gives.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isObject, setProp, Unknown, type Value } from '../../../../../shared/model/value';
import { HclError } from './errors';

type Fn = (args: Value[]) => Value;

const fail = (message: string): never => {
  throw new HclError(message);
};

/** anytrue()/alltrue()'s reading of an element: true or "true"; an unknown one makes the answer unknown. */
function truthy(x: Value): boolean {
  if (x instanceof Unknown) throw new UnknownInside(x);
  return x === true || x === 'true';
}

/** A value as a list: a list as it is, an object's values, anything else as a list of one. */
export const list = (v: Value): Value[] => (Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [v]);

/** Text matched literally in a regular expression. */
export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A number as Terraform writes it in a string: whole numbers in full (never `1e+21`), fractions to 15 significant digits
 * so that binary rounding does not show (`0.1 + 0.2` is `0.3`, as Terraform's exact arithmetic gives).
 */
export function numberText(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) >= 1e21 ? BigInt(n).toString() : String(n);
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : fail(`${n} is not a number Terraform can hold`);
}

/**
 * A value a function met inside one of its arguments (an element of a list, a value of a map) that is only known when
 * Terraform runs: the call's result is unknown for the same reason.
 */
export class UnknownInside extends Error {
  constructor(readonly unknown: Unknown) {
    super(unknown.reason);
  }
}

/** A primitive as a string (Terraform converts numbers and bools); null and collections are errors, as in Terraform. */
export function str(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Unknown) throw new UnknownInside(v);
  if (v === null) throw new HclError('a null value cannot be used as a string');
  throw new HclError(`cannot use ${Array.isArray(v) ? 'a list' : 'an object'} as a string`);
}

/** A number, or a string Terraform converts to one (`"2"`, `"1e3"`; not `" 2"`); undefined for anything else. */
export function asNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) ? Number(v) : undefined;
}

/** A number from a number or a numeric string (Terraform converts one); anything else is an error. */
function num(v: Value): number {
  if (v instanceof Unknown) throw new UnknownInside(v);
  return asNumber(v) ?? fail(`a number is required, not ${JSON.stringify(v)}`);
}

/** A whole number (an index, a count, a bit width); a fraction is an error. */
function whole(v: Value): number {
  const n = num(v);
  return Number.isInteger(n) ? n : fail(`a whole number is required, not ${n}`);
}

/** Terraform's equality: the same type and value; objects equal whatever the order their keys were written in. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  // Whether an unknown value equals another is only known when Terraform runs.
  if (a instanceof Unknown) throw new UnknownInside(a);
  if (b instanceof Unknown) throw new UnknownInside(b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && valuesEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Each value once, the first of equal ones kept (equal as valuesEqual has it: the same type and value, objects whatever
 * their key order), in one pass: each value is keyed by its type and text, a collection by its JSON with sorted keys.
 * An unknown value, or a collection holding one, is only equal to itself.
 */
const distinctValues = (items: Value[]): Value[] => {
  const seen = new Map<unknown, Value>();
  for (const x of items) {
    const key = x === null || typeof x !== 'object' ? `${typeof x}:${String(x)}` : x instanceof Unknown ? x : collectionKey(x);
    if (!seen.has(key)) seen.set(key, x);
  }
  return [...seen.values()];
};

/** The elements of a list whose every element is known (an unknown one makes the caller's result unknown). */
function known(items: Value[]): Value[] {
  const u = items.find((x) => x instanceof Unknown);
  if (u) throw new UnknownInside(u as Unknown);
  return items;
}

/** flatten(): nested lists into one, to any depth; an unknown element, which may be a list, makes the result unknown. */
function flattened(items: Value[], depth: number): Value[] {
  if (depth > 200) return fail('flatten(): lists nested deeper than 200 levels');
  const out: Value[] = [];
  for (const x of items) {
    if (x instanceof Unknown) throw new UnknownInside(x);
    if (Array.isArray(x)) for (const y of flattened(x, depth + 1)) out.push(y);
    else out.push(x);
  }
  return out;
}

/** A collection's JSON with sorted keys, as the key of its value; the collection itself when it holds an unknown value. */
function collectionKey(x: Value): unknown {
  try {
    return `json:${jsonText(x)}`;
  } catch (e) {
    if (e instanceof UnknownInside) return x;
    throw e;
  }
}

/** The lists that are Terraform sets (made by `toset` or a `set(…)` type): iterating one, each element is its own key. */
const SETS = new WeakSet<Value[]>();
export const isSet = (v: Value[]): boolean => SETS.has(v);

/**
 * A set of `items` as Terraform holds one: each value once, strings in lexical order and numbers in numeric order
 * (what `tolist(toset(…))` and a `for_each` over a set see); a set of other values keeps the order written.
 */
export function setOf(items: Value[]): Value[] {
  const distinct = distinctValues(items);
  if (distinct.every((x) => typeof x === 'string')) distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  else if (distinct.every((x) => typeof x === 'number')) distinct.sort((a, b) => a - b);
  SETS.add(distinct);
  return distinct;
}

/** JSON as Terraform's jsonencode writes it: object keys in lexical order, `<`, `>`, `&`, U+2028 and U+2029 escaped. */
export function jsonText(v: Value): string {
  if (v === null) return 'null';
  if (v instanceof Unknown) throw new UnknownInside(v);
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${jsonText(k)}:${jsonText(v[k])}`).join(',')}}`;
  return fail('a value that cannot be written as JSON');
}

/** One `%…` verb of format(), Go's fmt as Terraform's format() supports it: flags, width, precision, an argument index. */
function formatOne(verb: string, flags: string, width: number | undefined, precision: number | undefined, v: Value): string {
  const numeric = 'dbcoxXeEfgG'.includes(verb);
  let body: string;
  switch (verb) {
    case 's':
      body = str(v);
      if (precision !== undefined) body = [...body].slice(0, precision).join('');
      break;
    case 'q':
      body = JSON.stringify(str(v));
      break;
    case 'v':
      body = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? str(v) : jsonText(v);
      break;
    case 't':
      body = typeof v === 'boolean' ? String(v) : v === 'true' || v === 'false' ? v : fail(`format(): %t needs a bool, not ${JSON.stringify(v)}`);
      break;
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      const n = num(v);
      if (!Number.isInteger(n)) fail(`format(): %${verb} needs a whole number, not ${n}`);
      const radix = verb === 'd' ? 10 : verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
      body = Math.abs(n).toString(radix);
      if (verb === 'X') body = body.toUpperCase();
      if (precision !== undefined) body = body.padStart(precision, '0');
      body = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
      break;
    }
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G': {
      const n = num(v);
      const lower = verb.toLowerCase();
      if (lower === 'f') body = Math.abs(n).toFixed(precision ?? 6);
      else if (lower === 'e') body = Math.abs(n).toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      else {
        // %g: the shortest form, in exponent form for exponents below -4 or from the precision (21 when none) up, as Go.
        const shortest = precision === undefined ? Math.abs(n) : Number(Math.abs(n).toPrecision(precision || 1));
        const exponent = shortest === 0 ? 0 : Math.floor(Math.log10(shortest));
        body = exponent < -4 || exponent >= (precision ?? 21) ? shortest.toExponential().replace(/e([+-])(\d)$/, 'e$10$2') : String(shortest);
      }
      if (verb === 'E' || verb === 'G') body = body.toUpperCase();
      body = (n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
      break;
    }
    default:
      return fail(`format(): unsupported verb %${verb}`);
  }
  if (width === undefined || [...body].length >= width) return body;
  const pad = width - [...body].length;
  if (flags.includes('-')) return body + ' '.repeat(pad);
  if (flags.includes('0') && numeric) {
    const sign = /^[-+ ]/.test(body) ? body[0] : '';
    return sign + '0'.repeat(pad) + body.slice(sign.length);
  }
  return ' '.repeat(pad) + body;
}

/** format(spec, values…) as Terraform formats: `%%`, `%[n]` argument indexes, and every argument used (else an error). */
function format(spec: string, args: Value[]): string {
  let next = 0;
  let used = 0;
  const out = spec.replace(/%(?:%|(\[(\d+)\])?([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z]))/g, (m, indexed, at, flags, width, precision, verb) => {
    if (m === '%%') return '%';
    if (indexed) next = Number(at) - 1;
    if (next < 0 || next >= args.length) fail(`format(): not enough arguments for ${m}`);
    const v = args[next++];
    used = Math.max(used, next);
    if (v === null) fail('format(): a null argument');
    return formatOne(verb, flags, width === undefined ? undefined : Number(width), precision === undefined ? undefined : Number(precision || 0), v);
  });
  if (used < args.length) fail(`format(): too many arguments (${args.length} for ${used})`);
  return out;
}

/**
 * A regular expression written in RE2's syntax (Terraform's) as a JavaScript one, to match `subject`: named groups
 * `(?P<name>…)` and leading flags `(?i)`, `(?s)`, `(?m)`. RE2 matches in linear time; JavaScript backtracks, so a pattern
 * that could take it far longer on this subject (a repeated group that repeats or alternates inside, or unbounded
 * repetitions enough to go polynomial on a long string) is left unevaluated, as is syntax JavaScript reads differently.
 */
function re2(pattern: string, subject: string, global: boolean): RegExp {
  const key = `${global ? 'g' : ''}\0${pattern}`;
  let entry = compiled.get(key);
  if (!entry) {
    let source = pattern;
    let flags = global ? 'g' : '';
    const lead = /^\(\?([ims]+)\)/.exec(source);
    if (lead) {
      flags += lead[1];
      source = source.slice(lead[0].length);
    }
    source = source.replace(/\(\?P</g, '(?<');
    if (/\(\?[a-zA-Z-]|\\[pPCzQEk]|\[\[:/.test(source)) throw new UnsupportedRegex(`the pattern ${JSON.stringify(pattern)} uses RE2 syntax drcheck does not translate`);
    // Lookarounds and backreferences are not RE2: Terraform rejects them.
    if (/\(\?<?[=!]|\\[1-9]/.test(source)) return fail(`invalid regular expression ${JSON.stringify(pattern)}: lookarounds and backreferences are not RE2 syntax`);
    const shape = repetitionShape(source);
    if (shape.nested) throw new UnsupportedRegex(`the pattern ${JSON.stringify(pattern)} repeats a group that repeats or alternates, which drcheck does not evaluate (without RE2 it could take exponential time)`);
    try {
      entry = { re: new RegExp(source, flags), unbounded: shape.unbounded };
    } catch {
      return fail(`invalid regular expression ${JSON.stringify(pattern)}`);
    }
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(key, entry);
  }
  if (entry.unbounded >= 2 && subject.length ** entry.unbounded > 1e8) {
    throw new UnsupportedRegex(`the pattern ${JSON.stringify(pattern)} has ${entry.unbounded} unbounded repetitions, which drcheck does not run on a string of ${subject.length} characters`);
  }
  return entry.re;
}

/** Compiled patterns by flags and source, with their unbounded repetitions: a pattern is used again for each instance. */
const compiled = new Map<string, { re: RegExp; unbounded: number }>();

/**
 * How a pattern repeats: whether a group repeated by `*`, `+` or `{…}` holds, at any depth, a quantifier or an
 * alternation (`(a+)+`, `((a+))+`, `(a?a?)+`, `(\\w|\\d)*`: exponential to a backtracking engine), and how many unbounded
 * repetitions (`*`, `+`, `{n,}`) it has. Escapes and character classes are skipped; a group's own `(?:`, `(?<name>` is
 * not a quantifier.
 */
function repetitionShape(source: string): { nested: boolean; unbounded: number } {
  const open: boolean[] = [false];
  let unbounded = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      open.push(false);
      if (source[i + 1] === '?') i = source[i + 2] === '<' ? source.indexOf('>', i) : i + 2;
    } else if (c === ')') {
      const inner = open.length > 1 ? open.pop()! : false;
      const next = source[i + 1];
      if (inner && (next === '*' || next === '+' || next === '{')) return { nested: true, unbounded };
      if (inner) open[open.length - 1] = true;
    } else if (c === '*' || c === '+' || c === '?' || c === '{' || c === '|') {
      open[open.length - 1] = true;
      if (c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(source.slice(i, i + 12)))) unbounded++;
    }
  }
  return { nested: false, unbounded };
}

/** A call drcheck leaves unevaluated (a pattern it does not translate, an IPv6 prefix), with why: not an error Terraform would raise. */
export class UnsupportedRegex extends Error {}

/** A match as regex() and regexall() return it: the text; a list of the groups; an object of named groups. */
function matchValue(m: RegExpMatchArray): Value {
  if (m.groups) {
    const out: { [k: string]: Value } = {};
    for (const [k, v] of Object.entries(m.groups)) setProp(out, k, v ?? '');
    return out;
  }
  return m.length > 1 ? m.slice(1).map((g) => g ?? '') : m[0];
}

/** Go's regexp replacement template: `$1`, `${1}`, `$name`, `${name}` (the longest name), `$$`; a missing group is empty. */
function expandReplacement(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_, all: string, braced?: string, bare?: string) => {
    if (all === '$') return '$';
    const name = braced ?? bare!;
    const v = /^\d+$/.test(name) ? m[Number(name)] : m.groups?.[name];
    return v ?? '';
  });
}

/** An IPv4 prefix (`10.0.0.0/16`) as its address and length; IPv6 is not evaluated. */
function ipv4Prefix(text: string): { address: number; bits: number } {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) throw text.includes(':') ? new UnsupportedRegex(`${text} is an IPv6 prefix, which drcheck does not evaluate`) : new HclError(`invalid CIDR address ${JSON.stringify(text)}`);
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) fail(`invalid CIDR address ${JSON.stringify(text)}`);
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - bits);
  return { address: address - (address % size), bits };
}

/** csvdecode(): RFC 4180 CSV whose first row names the columns, as a list of objects; a row of another width is an error. */
function csvRows(text: string): Value[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) fail('csvdecode(): a quoted field is not closed');
  if (field !== '' || row.length) rows.push([...row, field]);
  const [header, ...data] = rows;
  if (!header) return [];
  return data.map((r, n) => {
    if (r.length !== header.length) fail(`csvdecode(): row ${n + 2} has ${r.length} fields, the header ${header.length}`);
    const out: { [k: string]: Value } = {};
    header.forEach((h, k) => setProp(out, h, r[k]));
    return out;
  });
}

/**
 * A decoded YAML document as values: a timestamp is the RFC 3339 string Terraform gives (`2001-12-14T00:00:00Z`), binary
 * data its base64 text; nothing else the YAML library makes (a Date, a byte array) reaches the model.
 */
function yamlValue(v: unknown): Value {
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(yamlValue);
  if (v !== null && typeof v === 'object') {
    const out: { [k: string]: Value } = {};
    for (const [k, x] of Object.entries(v)) setProp(out, k, yamlValue(x));
    return out;
  }
  return v as Value;
}

/** The namespaces uuidv5() names, as RFC 4122 gives them. */
const UUID_NAMESPACES: Record<string, string> = { dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8', url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8', oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8', x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8' };

/** uuidv5(namespace, name): the name-based (SHA-1) UUID of RFC 4122. */
function uuidv5(namespace: string, name: string): string {
  const ns = UUID_NAMESPACES[namespace] ?? namespace;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ns)) fail(`uuidv5(): '${namespace}' is not a namespace (dns, url, oid, x500 or a UUID)`);
  const hash = createHash('sha1').update(Buffer.from(ns.replace(/-/g, ''), 'hex')).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** timeadd(RFC 3339 timestamp, Go duration): the later (or earlier) time, written in the timestamp's own offset. */
function timeadd(timestamp: string, duration: string): string {
  const t = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(timestamp);
  if (!t) return fail(`timeadd(): '${timestamp}' is not an RFC 3339 timestamp`);
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  const d = /^([+-])?((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/.exec(duration);
  if (!d) return fail(`timeadd(): '${duration}' is not a duration`);
  let ms = 0;
  for (const [, n, unit] of d[2].matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(n) * units[unit];
  if (d[1] === '-') ms = -ms;
  const offset = t[4] === 'Z' ? 0 : (t[4][0] === '-' ? -1 : 1) * (Number(t[4].slice(1, 3)) * 60 + Number(t[4].slice(4))) * 60000;
  const at = new Date(Date.parse(timestamp) + ms + offset).toISOString();
  const fraction = at.slice(19, 23) === '.000' ? '' : at.slice(19, 23).replace(/0+$/, '');
  return `${at.slice(0, 19)}${fraction}${t[4]}`;
}

const ipv4Text = (a: number) => [24, 16, 8, 0].map((shift) => Math.floor(a / 2 ** shift) % 256).join('.');

function cidrsubnet(prefix: string, newbits: number, netnum: number): string {
  const { address, bits } = ipv4Prefix(prefix);
  const length = bits + newbits;
  if (newbits < 0 || length > 32) fail(`cidrsubnet(): ${newbits} more bits would exceed the address length`);
  if (netnum < 0 || netnum >= 2 ** newbits) fail(`cidrsubnet(): prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  return `${ipv4Text(address + netnum * 2 ** (32 - length))}/${length}`;
}

export const FUNCTIONS: Readonly<Record<string, Fn>> = {
  lower: ([s]) => str(s).toLowerCase(),
  upper: ([s]) => str(s).toUpperCase(),
  title: ([s]) => str(s).replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, before: string, c: string) => before + c.toUpperCase()),
  trimspace: ([s]) => str(s).trim(),
  trim: ([s, c]) => {
    const cut = new Set(str(c));
    const chars = [...str(s)];
    let a = 0;
    let b = chars.length;
    while (a < b && cut.has(chars[a])) a++;
    while (b > a && cut.has(chars[b - 1])) b--;
    return chars.slice(a, b).join('');
  },
  trimprefix: ([s, p]) => (str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s)),
  trimsuffix: ([s, p]) => (str(s).endsWith(str(p)) && str(p) ? str(s).slice(0, -str(p).length) : str(s)),
  format: ([f, ...rest]) => format(str(f), rest),
  formatlist: ([f, ...rest]) => {
    const lists = rest.filter(Array.isArray);
    const n = lists.length ? lists[0].length : 1;
    if (lists.some((l) => l.length !== n)) fail('formatlist(): the lists are not all the same length');
    return Array.from({ length: n }, (_, i) => format(str(f), rest.map((a) => (Array.isArray(a) ? a[i] : a))));
  },
  join: ([sep, l]) => list(l).map((x) => (x === null ? fail('join(): a null element') : str(x))).join(str(sep)),
  split: ([sep, s]) => str(s).split(str(sep)),
  replace: ([s, a, b]) => {
    const from = str(a);
    if (from.length > 2 && from.startsWith('/') && from.endsWith('/')) {
      const re = re2(from.slice(1, -1), str(s), true);
      return str(s).replace(re, (...m) => {
        const groups = typeof m[m.length - 1] === 'object' ? (m[m.length - 1] as Record<string, string>) : undefined;
        const match = Object.assign(m.slice(0, groups ? -3 : -2) as unknown as RegExpExecArray, { groups });
        return expandReplacement(str(b), match);
      });
    }
    return from === '' ? [...str(s)].map((c) => str(b) + c).join('') + str(b) : str(s).split(from).join(str(b));
  },
  regex: ([p, s]) => {
    const m = str(s).match(re2(str(p), str(s), false));
    return m ? matchValue(m) : fail('regex(): the pattern did not match');
  },
  regexall: ([p, s]) => [...str(s).matchAll(re2(str(p), str(s), true))].map(matchValue),
  substr: ([s, o, l]) => {
    const chars = [...str(s)];
    let offset = whole(o);
    if (offset < 0) offset = Math.max(0, chars.length + offset);
    const length = whole(l);
    return chars.slice(offset, length < 0 ? undefined : offset + length).join('');
  },
  startswith: ([s, p]) => str(s).startsWith(str(p)),
  endswith: ([s, p]) => str(s).endsWith(str(p)),
  strcontains: ([s, p]) => str(s).includes(str(p)),
  indent: ([n, s]) => str(s).replace(/\n/g, `\n${' '.repeat(whole(n))}`),
  basename: ([p]) => posix.basename(str(p)) || '.',
  dirname: ([p]) => posix.dirname(str(p)),
  urlencode: ([s]) => encodeURIComponent(str(s)).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  length: ([v]) => (typeof v === 'string' ? [...v].length : Array.isArray(v) || isObject(v) ? list(v).length : fail(`length() of ${JSON.stringify(v)}: a string or collection is required`)),
  concat: (args) => args.flatMap((a) => (Array.isArray(a) ? a : fail('concat() takes lists'))),
  merge: (args) => {
    // Own keys copied with setProp: Object.assign would set the prototype for a `__proto__` key.
    const out: { [k: string]: Value } = {};
    for (const m of args.filter(isObject)) for (const k of Object.keys(m)) setProp(out, k, m[k]);
    return out;
  },
  lookup: ([m, k, d]) => (isObject(m) && Object.hasOwn(m, str(k)) ? m[str(k)] : d === undefined ? fail(`lookup() found no key '${str(k)}'`) : d),
  // An Unknown argument is the result where it comes first: Terraform could not tell whether it is null or empty.
  coalesce: (args) => {
    const hit = args.find((a) => a !== null && a !== '');
    if (hit === undefined) return fail('coalesce(): no non-null, non-empty-string arguments');
    // Mixed strings and numbers or bools unify to strings, as Terraform converts its arguments to one type.
    return (typeof hit === 'number' || typeof hit === 'boolean') && args.some((a) => typeof a === 'string') ? str(hit) : hit;
  },
  coalescelist: (args) => args.find((a) => Array.isArray(a) && a.length > 0) ?? [],
  element: ([l, i]) => {
    const a = list(l);
    const at = whole(i);
    if (at < 0) fail('element(): a negative index');
    return a.length ? a[at % a.length] : fail('element() of an empty list');
  },
  contains: ([l, v]) => (v === null ? fail('contains(): a null value') : list(l).some((x) => valuesEqual(x, v))),
  keys: ([m]) => (isObject(m) ? Object.keys(m).sort() : fail('keys() takes a map or object')),
  values: ([m]) => (isObject(m) ? Object.keys(m).sort().map((k) => m[k]) : fail('values() takes a map or object')),
  tolist: ([v]) => (v === null ? null : Array.isArray(v) && isSet(v) ? [...v] : list(v)),
  toset: ([v]) => (v === null ? null : setOf(list(v))),
  tomap: ([v]) => v,
  tostring: ([v]) => (v === null ? null : typeof v === 'object' ? fail('tostring() of a collection') : str(v)),
  tonumber: ([v]) => (v === null ? null : num(v)),
  tobool: ([v]) => (v === null ? null : v === true || v === 'true' ? true : v === false || v === 'false' ? false : fail(`tobool() of ${JSON.stringify(v)}`)),
  // An unknown element may be a list (flatten), empty or null (compact) or a duplicate (distinct): how many elements the
  // result has is only known when Terraform runs, and a count or for_each over it with them.
  flatten: ([v]) => flattened(list(v), 0),
  distinct: ([v]) => distinctValues(known(list(v))),
  compact: ([v]) => known(list(v)).filter((x) => x !== null && x !== ''),
  reverse: ([v]) => [...list(v)].reverse(),
  sort: ([v]) => [...list(v)].map(str).sort(),
  slice: ([v, a, b]) => {
    const items = list(v);
    const from = whole(a);
    const to = whole(b);
    return from < 0 || to > items.length || from > to ? fail(`slice(): indexes ${from} to ${to} are outside the list of ${items.length}`) : items.slice(from, to);
  },
  index: ([l, v]) => {
    const at = list(l).findIndex((x) => valuesEqual(x, v));
    return at >= 0 ? at : fail('index(): the item is not in the list');
  },
  zipmap: ([k, v]) => {
    const out: { [key: string]: Value } = {};
    list(k).forEach((kk, i) => setProp(out, str(kk), list(v)[i]));
    return out;
  },
  setproduct: (args) => args.reduce<Value[][]>((acc, a) => acc.flatMap((prefix) => list(a).map((x) => [...prefix, x])), [[]]),
  transpose: ([m]) => {
    if (!isObject(m)) return fail('transpose() takes a map of lists');
    const out: Record<string, string[]> = {};
    for (const k of Object.keys(m).sort()) for (const v of list(m[k])) (out[str(v)] ??= []).push(k);
    const sorted: { [k: string]: Value } = {};
    for (const k of Object.keys(out).sort()) setProp(sorted, k, out[k]);
    return sorted;
  },
  matchkeys: ([values, keys, search]) => {
    const v = list(values);
    const k = list(keys);
    if (v.length !== k.length) fail('matchkeys(): the values and keys lists are not the same length');
    const wanted = list(search);
    return v.filter((_, i) => wanted.some((w) => valuesEqual(w, k[i])));
  },
  range: (args) => {
    const [a, b, s] = args.length === 1 ? [0, num(args[0]), 1] : [num(args[0]), num(args[1]), num(args[2] ?? (num(args[1]) < num(args[0]) ? -1 : 1))];
    if (s === 0 || (s > 0 && b < a) || (s < 0 && b > a)) fail(`range(): a step of ${s} cannot go from ${a} to ${b}`);
    const out: number[] = [];
    for (let i = a; s > 0 ? i < b : i > b; i += s) if (out.push(i) > 10000) throw new HclError('range() too large');
    return out;
  },
  min: (args) => (args.length ? Math.min(...args.map(num)) : fail('min() needs at least one number')),
  max: (args) => (args.length ? Math.max(...args.map(num)) : fail('max() needs at least one number')),
  abs: ([n]) => Math.abs(num(n)),
  ceil: ([n]) => Math.ceil(num(n)),
  floor: ([n]) => Math.floor(num(n)),
  log: ([n, b]) => Number((Math.log(num(n)) / Math.log(num(b))).toPrecision(15)),
  jsonencode: ([v]) => jsonText(v),
  jsondecode: ([s]) => JSON.parse(str(s)) as Value,
  base64encode: ([s]) => Buffer.from(str(s)).toString('base64'),
  base64decode: ([s]) => Buffer.from(str(s), 'base64').toString('utf8'),
  md5: ([s]) => createHash('md5').update(str(s)).digest('hex'),
  sha1: ([s]) => createHash('sha1').update(str(s)).digest('hex'),
  sha256: ([s]) => createHash('sha256').update(str(s)).digest('hex'),
  one: ([l]) => {
    const items = list(l);
    return items.length > 1 ? fail(`one() of a list of ${items.length}: at most one element is allowed`) : items.length ? items[0] : null;
  },
  anytrue: ([l]) => list(l).some((x) => truthy(x)),
  alltrue: ([l]) => list(l).every((x) => truthy(x)),
  sum: ([l]) => (list(l).length ? list(l).reduce<number>((a, x) => a + num(x), 0) : fail('sum() of an empty list')),
  setunion: (args) => setOf(args.flatMap(list)),
  setintersection: ([first, ...rest]) => setOf(list(first ?? []).filter((x) => rest.every((other) => list(other).some((y) => valuesEqual(x, y))))),
  setsubtract: ([a, b]) => setOf(list(a).filter((x) => !list(b).some((y) => valuesEqual(x, y)))),
  chunklist: ([l, n]) => {
    const size = Number(n);
    if (!Number.isInteger(size) || size < 0) throw new HclError('chunklist() needs a whole chunk size');
    const items = list(l);
    if (size === 0) return [items];
    const out: Value[] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  },
  chomp: ([s]) => str(s).replace(/(\r\n|\n|\r)+$/, ''),
  strrev: ([s]) => [...str(s)].reverse().join(''),
  parseint: ([s, b]) => {
    // The whole string must be a number in the base (Terraform refuses "12abc" and "0x10"); bases 2 to 36.
    const base = Number(b);
    const text = str(s);
    const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
    const ok = Number.isInteger(base) && base >= 2 && base <= 36 && /^[-+]?[0-9a-z]+$/i.test(text) && [...text.replace(/^[-+]/, '').toLowerCase()].every((c) => digits.includes(c));
    return ok ? parseInt(text, base) : fail(`parseint() cannot read ${JSON.stringify(s)} in base ${String(b)}`);
  },
  pow: ([a, b]) => Math.pow(num(a), num(b)),
  signum: ([n]) => Math.sign(num(n)),
  cidrsubnet: ([p, n, i]) => cidrsubnet(str(p), whole(n), whole(i)),
  cidrsubnets: ([p, ...newbits]) => {
    // Each subnet follows the previous one, aligned to its own size, as Terraform allocates them.
    const { address, bits } = ipv4Prefix(str(p));
    let next = address;
    return newbits.map((nb) => {
      const length = bits + whole(nb);
      if (length > 32) fail('cidrsubnets(): the subnets would exceed the address length');
      const size = 2 ** (32 - length);
      const start = Math.ceil(next / size) * size;
      if (start + size > address + 2 ** (32 - bits)) fail('cidrsubnets(): not enough remaining address space');
      next = start + size;
      return `${ipv4Text(start)}/${length}`;
    });
  },
  cidrhost: ([p, n]) => {
    const { address, bits } = ipv4Prefix(str(p));
    const size = 2 ** (32 - bits);
    const host = whole(n);
    if (host >= size || host < -size) fail(`cidrhost(): prefix of ${bits} bits does not accommodate a host numbered ${host}`);
    return ipv4Text(address + (host < 0 ? size + host : host));
  },
  cidrnetmask: ([p]) => {
    const { bits } = ipv4Prefix(str(p));
    return ipv4Text(2 ** 32 - 2 ** (32 - bits));
  },
  yamldecode: ([s]) => {
    let doc: unknown;
    try {
      // YAML 1.1's booleans, as Terraform reads them (`yes` and `y` are true).
      doc = parseYaml(str(s), { version: '1.1' });
    } catch (e) {
      return fail(`yamldecode(): ${(e as Error).message.split('\n')[0]}`);
    }
    return yamlValue(doc);
  },
  csvdecode: ([s]) => csvRows(str(s)),
  uuidv5: ([ns, name]) => uuidv5(str(ns), str(name)),
  timeadd: ([t, d]) => timeadd(str(t), str(d)),
  // A sensitive value is still the value: Terraform only hides it in its output.
  sensitive: ([v]) => v,
  nonsensitive: ([v]) => v,
};
/**
 * The addresses drcheck reads a resource's `id` as (and the resource named whole, without count or for_each): a stand-in
 * for an id the provider computes, which links what refers to the resource to it. Its characters are not the id's.
 */
const STAND_INS = new Set<string>();

/** Records `address` as the stand-in for a computed id, and returns it. */
export function standInForId(address: string): string {
  // One entry per resource instance referred to by id: bounded only so that a long-lived process cannot grow without end.
  if (STAND_INS.size >= 1000000) STAND_INS.clear();
  STAND_INS.add(address);
  return address;
}

/** The stand-in for a computed id among `args`, if any. */
export const standInAmong = (args: readonly Value[]): string | undefined => args.find((a): a is string => typeof a === 'string' && STAND_INS.has(a));

/**
 * Functions whose result is made of a string's characters (a hash, a length, a part of it): given a stand-in for a
 * computed id, what they would make of its characters is not what Terraform makes of the id, so the result is unknown.
 * Functions that hand a string on whole (`lower`, `coalesce`, `format`, templates) keep the stand-in, so it still links.
 */
export const READS_CHARACTERS = new Set(['basename', 'dirname', 'substr', 'md5', 'sha1', 'sha256', 'base64encode', 'base64decode', 'length', 'split', 'regex', 'regexall', 'strrev', 'startswith', 'endswith', 'strcontains', 'uuidv5', 'title', 'trimprefix', 'trimsuffix', 'urlencode', 'parseint', 'tonumber', 'jsondecode', 'yamldecode', 'csvdecode', 'cidrsubnet', 'cidrhost', 'cidrnetmask', 'cidrsubnets']);

/** Functions that take null for an argument (each treats it its own way); every other one fails on a null argument, as in Terraform. */
export const ACCEPTS_NULL = new Set(['coalesce', 'merge', 'lookup', 'tostring', 'tonumber', 'tobool', 'tolist', 'toset', 'tomap', 'jsonencode', 'format', 'formatlist', 'sensitive', 'nonsensitive']);

/** Functions whose result Terraform only knows when it runs: the machine, the time, files, randomness, keys. */
export const PLAN_TIME = new Set(['uuid', 'timestamp', 'file', 'filebase64', 'templatefile', 'fileexists', 'fileset', 'bcrypt', 'rsadecrypt', 'plantimestamp', 'formatdate', 'ephemeralasnull']);
