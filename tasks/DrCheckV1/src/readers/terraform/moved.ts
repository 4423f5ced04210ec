/**
 * Terraform `moved` blocks (https://developer.hashicorp.com/terraform/language/modules/develop/refactoring): a resource
 * or module call renamed, moved into or out of a module, or given count or for_each keeps its object, and Terraform
 * plans it as the object it had at the former address instead of destroying one and creating another. drcheck gives
 * each resource the addresses it had before (`movedFrom`), so the pull-request gate compares it with the baseline's
 * resource at one of them, as Terraform does.
 *
 * As in Terraform: addresses in a module's `moved` blocks are relative to that module (each instance of its call);
 * moving `module.a` to `module.b` moves everything in it; moving a resource or module without an instance key to one
 * without a key moves each instance (`x.a[0]` is now `x.b[0]`); and chains (`a` → `b`, `b` → `c`) are followed, so the
 * resource at `c` was at `b` and, before that, at `a`.
 */
import type { NormalisedResource, ScanIssue } from '../../../../../shared/model/resource';
import { quotedExpression } from '../../../../../shared/model/value';
import { asWritten } from './expressions';
import type { ModuleFile } from './module';
import { positionAt, type Position } from '../position';

/** One `moved` block, its addresses made absolute (prefixed with the module instance's path). */
export interface Move {
  from: string;
  to: string;
  /** Whether the address names one instance (`[0]`, `["a"]` at its end) rather than a whole resource or module call. */
  fromKeyed: boolean;
  toKeyed: boolean;
}

interface Endpoint {
  address: string;
  kind: 'module' | 'resource';
  keyed: boolean;
}

/** One step of a reference: `.name` or `[key]` (the key as an address writes it: `[0]`, `["a"]`). */
type Step = { name: string } | { key: string };

const IDENT = /[A-Za-z_][\w-]*/y;
const NUMBER_KEY = /\d+/y;
const STRING_KEY = /"(?:[^"\\]|\\.)*"/y;
const SPACE = /\s*/y;

/**
 * A reference's steps (`module.a["k"].azurerm_x.y[0]`), or why it is not one made of names and constant keys (a predicate:
 * "is not a reference").
 */
function steps(source: string): Step[] | string {
  const out: Step[] = [];
  let at = 0;
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = at;
    const m = re.exec(source);
    if (!m) return undefined;
    at = re.lastIndex;
    return m[0];
  };
  const first = match(IDENT);
  if (first === undefined) return 'is not a reference';
  out.push({ name: first });
  for (match(SPACE); at < source.length; match(SPACE)) {
    if (source[at] === '.') {
      at++;
      match(SPACE);
      const name = match(IDENT);
      if (name === undefined) return 'is not a reference';
      out.push({ name });
    } else if (source[at] === '[') {
      at++;
      match(SPACE);
      const n = match(NUMBER_KEY);
      const s = n === undefined ? match(STRING_KEY) : undefined;
      let key: string | undefined;
      if (n !== undefined) key = `[${Number(n)}]`;
      else if (s !== undefined) {
        try {
          key = `[${JSON.stringify(JSON.parse(s) as string)}]`;
        } catch {
          key = undefined;
        }
      }
      match(SPACE);
      if (key === undefined || source[at] !== ']') return 'has an instance key that is neither a number nor a quoted string';
      at++;
      out.push({ key });
    } else return 'is not a reference';
  }
  return out;
}

/**
 * A `from` or `to` address as Terraform reads one (`module.<name>[key]` any number of times, then optionally
 * `<type>.<name>[key]`), written as drcheck writes addresses; or why it is not one (a predicate, as for steps).
 */
function endpoint(source: string): Endpoint | string {
  const parsed = steps(source);
  if (typeof parsed === 'string') return parsed;
  const parts: string[] = [];
  let i = 0;
  let keyed = false;
  const name = (s: Step | undefined) => (s && 'name' in s ? s.name : undefined);
  const key = (s: Step | undefined) => (s && 'key' in s ? s.key : undefined);
  while (name(parsed[i]) === 'module') {
    const called = name(parsed[i + 1]);
    if (called === undefined) return 'names no module call after `module.`';
    const k = key(parsed[i + 2]);
    parts.push(`module.${called}${k ?? ''}`);
    keyed = k !== undefined;
    i += k === undefined ? 2 : 3;
  }
  if (i === parsed.length) return { address: parts.join('.'), kind: 'module', keyed };
  const type = name(parsed[i]);
  const resource = name(parsed[i + 1]);
  if (type === 'data') return 'is a data source, which cannot be moved';
  if (type === undefined || resource === undefined) return 'is not a resource address (a type and a name)';
  const k = key(parsed[i + 2]);
  const end = i + (k === undefined ? 2 : 3);
  if (end < parsed.length) return `goes on past the resource address ${[...parts, `${type}.${resource}${k ?? ''}`].join('.')}`;
  parts.push(`${type}.${resource}${k ?? ''}`);
  return { address: parts.join('.'), kind: 'resource', keyed: k !== undefined };
}

/** What the warnings say a malformed block costs. */
const IGNORED = 'the block is ignored, so a pull request compares what it moves as one resource removed and another added';

/** The valid `moved` blocks of each file, relative to its module: read once per file, whatever number of module runs use them. */
const relativeMoves = new WeakMap<ModuleFile, Array<{ from: Endpoint; to: Endpoint }>>();

/**
 * The `moved` blocks of one module run's files, their addresses prefixed with the run's (`module.storage[0].`). A block
 * Terraform would reject (an address missing, or not a resource or module address) is a warning at its file, line and
 * column, and is not used.
 */
export function readMoves(files: readonly ModuleFile[], prefix: string, issues: ScanIssue[]): Move[] {
  const out: Move[] = [];
  for (const f of files) {
    let moves = relativeMoves.get(f);
    if (!moves) relativeMoves.set(f, (moves = movesOf(f, issues)));
    for (const { from, to } of moves) out.push({ from: `${prefix}${from.address}`, to: `${prefix}${to.address}`, fromKeyed: from.keyed, toKeyed: to.keyed });
  }
  return out;
}

/** A file's valid `moved` blocks, relative to its module; each malformed one a warning. */
function movesOf(f: ModuleFile, issues: ScanIssue[]): Array<{ from: Endpoint; to: Endpoint }> {
  const out: Array<{ from: Endpoint; to: Endpoint }> = [];
  const blocks = f.parsed.doc.moved;
  if (!Array.isArray(blocks)) return out;
  blocks.forEach((body, index) => {
    // Where the block starts: found in the text only for a warning.
    const header = () => headerAt(f, index);
    const warn = (at: { line: number; column: number }, message: string) => issues.push({ file: f.rel, line: at.line, column: at.column, severity: 'warning', code: 'moved-invalid', message: `moved block: ${message}; ${IGNORED}` });
    const attrs = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const read: Partial<Record<'from' | 'to', Endpoint>> = {};
    for (const arg of ['from', 'to'] as const) {
      if (!Object.hasOwn(attrs, arg)) {
        warn(header(), `'${arg}' is missing`);
        return;
      }
      const raw = attrs[arg];
      const shown = typeof raw === 'string' ? asWritten(raw) : JSON.stringify(raw);
      // A reference is `${…}` in the parsed document; a quoted string or other literal is not one.
      const reference = typeof raw === 'string' && raw.startsWith('${');
      const e = reference ? endpoint(shown) : typeof raw === 'string' ? 'is a quoted string, not a reference: write the address without quotes' : 'is not a reference';
      if (typeof e === 'string') {
        warn(attributeAt(f, header(), arg), `'${arg}' must be a resource or module address such as azurerm_storage_account.data or module.storage; ${quotedExpression(reference ? shown : JSON.stringify(raw))} ${e}`);
        return;
      }
      read[arg] = e;
    }
    const { from, to } = read as Record<'from' | 'to', Endpoint>;
    if (from.kind !== to.kind) {
      warn(header(), `'from' (${from.address}) is a ${from.kind} and 'to' (${to.address}) a ${to.kind}: both must be resources or both modules`);
      return;
    }
    out.push({ from, to });
  });
  return out;
}

/** Where the index-th top-level `moved` block of a file starts (its line from the parser, the column of `moved`). */
function headerAt(f: ModuleFile, index: number): { line: number; column: number; offset: number } {
  const line = f.parsed.lines.get(`moved.${index}`) ?? 1;
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = f.text.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  const column = Math.max(0, f.text.slice(offset).search(/\S/)) + 1;
  return { line, column, offset };
}

/**
 * Where the expression of an argument of a `moved` block starts: the first `<arg> =` after the block's header (a
 * `moved` block holds only `from` and `to`, so the first one is its own), else the header.
 */
function attributeAt(f: ModuleFile, header: { line: number; column: number; offset: number }, arg: string): Position {
  const re = new RegExp(`(?:^[ \\t]*|\\{[ \\t]*)${arg}[ \\t]*=[ \\t]*`, 'gm');
  re.lastIndex = header.offset;
  const m = re.exec(f.text);
  return m ? positionAt(f.text, m.index + m[0].length) : header;
}

/** The address a resource had before one move, or undefined when the move is not about it. */
function formerAddress(address: string, move: Move): string | undefined {
  if (address === move.to) return move.from;
  if (!address.startsWith(move.to)) return undefined;
  const rest = address.slice(move.to.length);
  // Something in a moved module (`module.b.x` was `module.a.x`), or a nested block drcheck reads as a child resource.
  if (rest.startsWith('.')) return move.from + rest;
  // An instance of a resource or module call moved as a whole: `x.b[0]` was `x.a[0]`.
  if (rest.startsWith('[') && !move.toKeyed && !move.fromKeyed) return move.from + rest;
  return undefined;
}

/** The moves by their `to` address, each with its place in the configuration's list (to keep their order). */
type MovesByTarget = Map<string, Array<{ move: Move; order: number }>>;

function byTarget(moves: readonly Move[]): MovesByTarget {
  const index: MovesByTarget = new Map();
  moves.forEach((move, order) => {
    const list = index.get(move.to);
    if (list) list.push({ move, order });
    else index.set(move.to, [{ move, order }]);
  });
  return index;
}

/**
 * The moves that may be about an address: those to the address itself or to one of its prefixes that ends where a
 * step does (`module.b` of `module.b.x`, `x.b` of `x.b[0]`), in the configuration's order. Looked up, not scanned: a
 * module called for 700 keys has a prefixed copy of its moves per instance.
 */
function movesAbout(address: string, index: MovesByTarget): Move[] {
  const found: Array<{ move: Move; order: number }> = [];
  const add = (prefix: string) => {
    const list = index.get(prefix);
    if (list) found.push(...list);
  };
  for (let i = 1; i < address.length; i++) if (address[i] === '.' || address[i] === '[') add(address.slice(0, i));
  add(address);
  return found.length > 1 ? found.sort((a, b) => a.order - b.order).map((f) => f.move) : found.map((f) => f.move);
}

/**
 * Every address a resource had before, most recent first, following chains of moves. Terraform refuses two moves to
 * one address and cycles; should a configuration have them anyway, each former address is listed once.
 */
export function formerAddresses(address: string, moves: readonly Move[], index: MovesByTarget = byTarget(moves)): string[] {
  const out: string[] = [];
  const seen = new Set([address]);
  for (let i = -1; i < out.length; i++) {
    const current = i < 0 ? address : out[i];
    for (const m of movesAbout(current, index)) {
      const former = formerAddress(current, m);
      if (former !== undefined && !seen.has(former)) {
        seen.add(former);
        out.push(former);
      }
    }
  }
  return out;
}

/** Gives each resource of one root module's run the addresses the run's moves say it had before. */
export function applyMoves(resources: readonly NormalisedResource[], moves: readonly Move[]): void {
  if (!moves.length) return;
  const index = byTarget(moves);
  for (const r of resources) {
    const former = formerAddresses(r.address, moves, index);
    if (former.length) r.movedFrom = former;
  }
}
