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
  ) {}
  /** The expression, as messages quote it, and the reason. */
  toString(): string {
    return this.expression ? `${quotedExpression(this.expression)} (${this.reason})` : this.reason;
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
 * Returns `undefined` when the path is absent and the Unknown when an Unknown is met on the way.
 */
export function getPath(root: Value | undefined, path: string | readonly string[]): Value | undefined {
  const parts = typeof path === 'string' ? splitPath(path) : path;
  let cur: Value | undefined = root;
  for (const part of parts) {
    if (cur === undefined || cur === null) return undefined;
    if (cur instanceof Unknown) return cur;
    if (Array.isArray(cur)) {
      const i = Number(part);
      if (!Number.isInteger(i)) return undefined;
      cur = cur[i];
      continue;
    }
    if (typeof cur !== 'object') return undefined;
    if (Object.prototype.hasOwnProperty.call(cur, part)) {
      cur = cur[part];
      continue;
    }
    const lower = part.toLowerCase();
    const key = Object.keys(cur).find((k) => k.toLowerCase() === lower);
    cur = key === undefined ? undefined : cur[key];
  }
  return cur;
}

/** Case-insensitive string equality, the way ARM compares enum values. */
export function eqi(a: Value | undefined, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** True when the value or anything inside it is Unknown. */
export function containsUnknown(v: Value | undefined): boolean {
  if (v instanceof Unknown) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/** Finds the first Unknown inside a value (depth-first), for reporting. */
export function firstUnknown(v: Value | undefined): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  } else if (isObject(v)) {
    for (const x of Object.values(v)) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  }
  return undefined;
}

/** Sets an own property; a `__proto__` key stays data (an own property), never the object's prototype. */
export function setProp<T>(obj: { [key: string]: T }, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
