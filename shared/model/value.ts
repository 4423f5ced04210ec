/**
 * Values produced by the IaC readers' evaluators.
 *
 * Every reader (ARM, Bicep, Terraform) evaluates what it can statically and
 * represents everything else as an {@link Unknown} that carries the reason and
 * the expression text, so rules can report `unknown` instead of guessing.
 */
export class Unknown {
  readonly kind = 'unknown' as const;
  constructor(
    /** Why the value cannot be decided statically, e.g. "reference() is only known at deployment time". */
    readonly reason: string,
    /** The expression as written in the source, when there is one. */
    readonly expression?: string,
    /**
     * The known values it can only be one of, when there are such: the branches of a conditional whose condition is
     * unknown, the allowed values of a parameter given no value. The engine judges each, and when every one gives the
     * same verdict the resource is judged. An Unknown computed from this one (`concat(x, '-a')`) has none.
     */
    readonly oneOf?: readonly Value[],
    /**
     * The Unknown this one hands on or maps (`zone` → `zones: [zone]`), when it has alternatives: its `oneOf` is then
     * index for index that one's, so the engine picks one value for both (never zone 1 in one place and 2 in the other).
     */
    readonly origin?: Unknown,
    /**
     * Properties known whatever the rest is, for an object only partly known: `{ ...common, sku: 'Standard_LRS' }` or
     * `union(common, { sku: 'Standard_LRS' })` with `common` unknown has `sku` whatever `common` holds. Only values that
     * are not objects (an object would merge with the unknown one's).
     */
    readonly known?: { readonly [key: string]: Value },
  ) {}
  /** The expression, as messages quote it, and the reason. */
  toString(): string {
    return this.expression ? `${quotedExpression(this.expression)} (${this.reason})` : this.reason;
  }

  /** What it is written as, else why it is unknown: the short form, where a message names several. */
  brief(): string {
    return this.expression ? quotedExpression(this.expression) : this.reason;
  }
}

/** Characters of an expression quoted in a message. */
const EXPRESSION_SHOWN = 120;

/** An expression as a message quotes it: on one line, shortened when long (a for_each can span pages). */
export function quotedExpression(expression: string): string {
  const e = expression.replace(/\s+/g, ' ').trim();
  return e.length > EXPRESSION_SHOWN ? `${e.slice(0, EXPRESSION_SHOWN - 1)}…` : e;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON value in which any node may be {@link Unknown}. */
export type Value = null | boolean | number | string | Unknown | Value[] | { [key: string]: Value };

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export function isObject(v: unknown): v is { [key: string]: Value } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

/** Split dotted paths: rules ask for the same few constant paths on every resource. */
const SPLIT_PATHS = new Map<string, readonly string[]>();
const MAX_SPLIT_PATHS = 4096;

function splitPath(path: string): readonly string[] {
  let parts = SPLIT_PATHS.get(path);
  if (!parts) {
    if (SPLIT_PATHS.size >= MAX_SPLIT_PATHS) SPLIT_PATHS.clear();
    SPLIT_PATHS.set(path, (parts = path.split('.')));
  }
  return parts;
}

/**
 * Reads a dotted path (`properties.redundancySettings.crossRegionRestore`, `sku.name`) from a value.
 * Property names match case-insensitively, as Azure Resource Manager does.
 * Returns `undefined` when the path is absent and the Unknown when an Unknown is met on the way, unless the rest of
 * the path is known there: a property it is known to have, or the same in each of its alternatives (see pathInUnknown).
 */
export function getPath(root: Value | undefined, path: string | readonly string[]): Value | undefined {
  const parts = typeof path === 'string' ? splitPath(path) : path;
  let cur: Value | undefined = root;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (cur === undefined || cur === null) return undefined;
    if (cur instanceof Unknown) return pathInUnknown(cur, parts, i);
    if (Array.isArray(cur)) {
      const index = Number(part);
      if (!Number.isInteger(index)) return undefined;
      cur = cur[index];
      continue;
    }
    if (typeof cur !== 'object') return undefined;
    if (Object.hasOwn(cur, part)) {
      cur = cur[part];
      continue;
    }
    const key = findKey(cur, part);
    cur = key === undefined ? undefined : cur[key];
  }
  return cur;
}

/**
 * Sets `key` in `target`, or the key it has in another case (as ARM's shallowMerge, and so a Bicep spread, merges);
 * a `__proto__` key is data, never the object's prototype.
 */
export function mergeProp(target: { [key: string]: Value }, key: string, value: Value): void {
  setProp(target, findKey(target, key) ?? key, value);
}

/** The key of `obj` that matches `name` (exactly, else ignoring case), as ARM looks up properties. */
export function findKey(obj: { readonly [key: string]: Value }, name: string): string | undefined {
  if (Object.hasOwn(obj, name)) return name;
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return k;
  return undefined;
}

/**
 * `parts` from the `at`th on, read in the Unknown `u`: what it is known to hold there, else `u`. A property of a
 * partly known object that is known whatever the rest is (`{ ...common, kind: 'StorageV2' }`), or a path on which every
 * object the Unknown can be agrees (`{ locations: […], ...(vnet ? { virtualNetworkRules: […] } : {}) }`: the same
 * `locations` either way), absent from all of them included. Only read when an Unknown is met, never on the common path.
 */
function pathInUnknown(u: Unknown, parts: readonly string[], at: number): Value | undefined {
  if (u.known) {
    const key = findKey(u.known, parts[at]);
    if (key !== undefined) return getPath(u.known[key], parts.slice(at + 1));
  }
  if (!u.oneOf) return u;
  const rest = parts.slice(at);
  const first = getPath(u.oneOf[0], rest);
  const shown = JSON.stringify(first);
  for (let i = 1; i < u.oneOf.length; i++) if (JSON.stringify(getPath(u.oneOf[i], rest)) !== shown) return u;
  return first;
}

/** An Azure region name as compared: `West Europe`, `westeurope` and `WestEurope` are one region. */
export function regionKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

/** Case-insensitive string equality, the way ARM compares enum values. */
export function eqi(a: Value | undefined, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** Whether a value holds an Unknown anywhere. */
export function containsUnknown(v: Value | undefined): boolean {
  return firstUnknown(v) !== undefined;
}

/** Finds the first Unknown inside a value (depth-first). On evaluators' hot paths: no array is made to walk an object. */
export function firstUnknown(v: Value | undefined): Unknown | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = firstUnknown(x);
      if (u) return u;
    }
    return undefined;
  }
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const u = firstUnknown(v[k]);
    if (u) return u;
  }
  return undefined;
}

/** Sets an own property; a `__proto__` key stays data (an own property), never the object's prototype. */
export function setProp<T>(obj: { [key: string]: T }, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Most alternatives an Unknown keeps; beyond that it is simply unknown. */
export const MAX_ALTERNATIVES = 16;

/** The known values `v` can be: itself when known throughout, an Unknown's alternatives; undefined when not known. */
function alternativesOf(v: Value): readonly Value[] | undefined {
  if (v instanceof Unknown) return v.oneOf;
  return containsUnknown(v) ? undefined : [v];
}

/** The alternatives, each once (known values, compared as JSON); undefined when there are none or too many. */
export function distinctAlternatives(values: readonly Value[]): Value[] | undefined {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const v of values) {
    if (containsUnknown(v)) return undefined;
    const key = JSON.stringify(v);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out.length && out.length <= MAX_ALTERNATIVES ? out : undefined;
}

/**
 * `cond ? a : b` when `cond` is unknown: the branch value when both branches are the same known value, else an Unknown
 * (why: the condition's reason) that is one of the branches' values when those are known.
 */
export function eitherBranch(cond: Unknown, a: Value, b: Value): Value {
  const left = alternativesOf(a);
  const right = alternativesOf(b);
  const oneOf = left && right ? distinctAlternatives([...left, ...right]) : undefined;
  if (oneOf?.length === 1 && !(a instanceof Unknown)) return a;
  return new Unknown(cond.reason, cond.expression, oneOf);
}

/**
 * The same Unknown with each alternative mapped (a reader putting the value into another shape), index for index
 * (its origin is the source's); none when `f` gives an Unknown.
 */
export function mapAlternatives(u: Unknown, f: (v: Value) => Value): Unknown {
  if (!u.oneOf) return u;
  const mapped = u.oneOf.map(f);
  return mapped.some(containsUnknown) ? new Unknown(u.reason, u.expression) : new Unknown(u.reason, u.expression, mapped, u.origin ?? u);
}

/**
 * What `f` gives of each alternative of `u` (a property of one of several objects, a function of one of several
 * values): that value when they all agree, else an Unknown of them (none when one is unknown).
 */
export function eachAlternative(u: Unknown, f: (v: Value) => Value): Value {
  // Without alternatives there is nothing to take `f` of: the result is computed from `u`, and is not `u` itself (a
  // partly known object's known keys are not those of a value taken from it).
  if (!u.oneOf) return withoutAlternatives(u);
  const mapped = mapAlternatives(u, f);
  const distinct = mapped.oneOf && distinctAlternatives(mapped.oneOf);
  return distinct?.length === 1 ? distinct[0] : mapped;
}

/**
 * `eachAlternative` where it tells something: undefined when `u` has no alternatives (or more than `max`), when `f` gives
 * an Unknown of one, or when `f` throws an error `failed` accepts (a reader's evaluation error on one value, as a missing
 * key: the value is as unknown as before); other errors propagate.
 */
export function eachAlternativeIfKnown(u: Unknown, f: (v: Value) => Value, failed: (e: unknown) => boolean = () => true, max = Infinity): Value | undefined {
  if (!u.oneOf || u.oneOf.length > max) return undefined;
  try {
    const each = eachAlternative(u, f);
    return isUnknown(each) && !each.oneOf ? undefined : each;
  } catch (e) {
    if (failed(e)) return undefined;
    throw e;
  }
}

/**
 * An object made of `unknown` and then `after` (known objects merged over it, later winning): unknown, but with the
 * properties `after` sets to anything but an object known. Without such properties, the unknown without alternatives.
 */
export function partlyKnown(unknown: Unknown, after: { [k: string]: Value }): Unknown {
  const known: { [k: string]: Value } = {};
  let any = false;
  for (const k of Object.keys(after)) {
    if (isObject(after[k])) continue;
    setProp(known, k, after[k]);
    any = true;
  }
  return any ? new Unknown(unknown.reason, unknown.expression, undefined, undefined, known) : withoutAlternatives(unknown);
}

/** The same Unknown without alternatives: for a value derived from it, which is none of them. */
export function withoutAlternatives(u: Unknown): Unknown {
  // Nor what a partly known object is known to hold: a value computed from it (a property of it, a function of it) is
  // not that object, and its known keys are not the computed value's.
  return u.oneOf || u.known ? new Unknown(u.reason, u.expression) : u;
}

/**
 * Keys an object has in only some of the cases it stands for (`{ ...(geo ? { secondary: x } : {}) }` has `secondary`
 * only where `geo` is true), by key in lower case, with why that is not known. The key's value reads as one of the
 * cases' (null where it is left out); whether the key is there at all is not known, so what counts or lists keys
 * (contains, empty, length, objectKeys, items) must answer unknown, not as if every key were set.
 */
const sometimesKeys = new WeakMap<object, ReadonlyMap<string, Unknown>>();

export function markSometimesKeys(obj: { [key: string]: Value }, keys: ReadonlyMap<string, Unknown>): void {
  sometimesKeys.set(obj, keys);
}

/** How many keys of `obj` it has in some cases only. */
export function sometimesKeyCount(obj: { [key: string]: Value }): number {
  return sometimesKeys.get(obj)?.size ?? 0;
}

/** Why `key` (or, without one, any key) of `obj` may be missing, when it is set in some cases only; undefined otherwise. */
export function sometimesKey(obj: { [key: string]: Value }, key?: string): Unknown | undefined {
  const keys = sometimesKeys.get(obj);
  if (!keys) return undefined;
  if (key === undefined) return keys.values().next().value;
  return keys.get(key.toLowerCase());
}

/**
 * Carries the keys some sources have in only some cases onto `out`, an object merged from them in order (a spread,
 * `union`, `shallowMerge`): such a key stays so unless a later source sets it for certain. Nothing to do, and no
 * allocation, when no source is marked (the common case).
 */
export function carrySometimesKeys(out: { [key: string]: Value }, sources: ReadonlyArray<Value | undefined>): void {
  let marks: Map<string, Unknown> | undefined;
  for (const source of sources) {
    if (!isObject(source)) continue;
    const own = sometimesKeys.get(source);
    if (marks) for (const k of Object.keys(source)) if (!own?.has(k.toLowerCase())) marks.delete(k.toLowerCase());
    if (own) {
      marks ??= new Map();
      for (const [k, why] of own) marks.set(k, why);
    }
  }
  if (marks?.size) sometimesKeys.set(out, marks);
}
