/**
 * Value helpers shared by the function library: type names for messages, argument checks, ARM's
 * string conversion, deep equality, ARM's (culture-aware) string ordering and case-insensitive property
 * lookup. Property writes go through shared/model/value's setProp (templates are untrusted: a key named
 * `__proto__` must stay an ordinary property).
 */
import { isObject, isUnknown, Unknown, type Value } from '../../../../../../shared/model/value';
import { fail } from './errors';

export type Obj = { [key: string]: Value };

/** `an integer`, `a string`, `an array`… for error messages. */
export function typeName(v: Value | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (isUnknown(v)) return 'an unknown value';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'number':
      return Number.isInteger(v) ? 'an integer' : 'a number';
    default:
      return 'an object';
  }
}

/** Ordinal words for argument positions in messages (`the second argument`). */
export function argName(index: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];
  return index < words.length ? `the ${words[index]} argument` : `argument ${index + 1}`;
}

export function asString(v: Value, what: string): string {
  return typeof v === 'string' ? v : fail(`expects ${what} to be a string, got ${typeName(v)}`);
}

export function asInt(v: Value, what: string): number {
  return typeof v === 'number' && Number.isInteger(v) ? v : fail(`expects ${what} to be an integer, got ${typeName(v)}`);
}

export function asNumber(v: Value, what: string): number {
  return typeof v === 'number' ? v : fail(`expects ${what} to be a number, got ${typeName(v)}`);
}

export function asArray(v: Value, what: string): Value[] {
  return Array.isArray(v) ? v : fail(`expects ${what} to be an array, got ${typeName(v)}`);
}

export function asObject(v: Value, what: string): Obj {
  return isObject(v) ? v : fail(`expects ${what} to be an object, got ${typeName(v)}`);
}

export function asBool(v: Value, what: string): boolean {
  return typeof v === 'boolean' ? v : fail(`expects ${what} to be a boolean, got ${typeName(v)}`);
}

/**
 * ARM's conversion of a value to text, as `string()` and `concat()` do it: strings as they are, null
 * as '', booleans as `True`/`False` (.NET), numbers in decimal, arrays and objects as compact JSON.
 */
export function toArmString(v: Value): string {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (isUnknown(v)) return v.toString();
  return JSON.stringify(v);
}

/** Structural equality as JToken.DeepEquals: arrays in order, objects by exact key, numbers by value. */
export function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/**
 * ARM compares strings with the invariant culture (`less('A', 'a')` is false, `greater('A', 'a')` is
 * true: letters compare alphabetically first, lower case before upper case).
 */
const INVARIANT = new Intl.Collator('en-US', { sensitivity: 'variant', caseFirst: 'lower' });
export function compareStrings(a: string, b: string): number {
  return INVARIANT.compare(a, b);
}

/** Ordinal, case-insensitive ordering (.NET OrdinalIgnoreCase), as `items()` sorts keys. */
export function compareOrdinalIgnoreCase(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The key of `obj` that matches `name` (exactly, else ignoring case), as ARM looks up properties: one with getPath's. */
export { findKey } from '../../../../../../shared/model/value';


/** Longest string an expression may produce: ARM's own template size limit (4 MiB). */
export const MAX_STRING_LENGTH = 4 * 1024 * 1024;
/** Most elements an expression may put in one array. */
export const MAX_ARRAY_LENGTH = 128 * 1024;

/** Fails before building a string longer than {@link MAX_STRING_LENGTH}. */
export function checkLength(length: number): void {
  if (length > MAX_STRING_LENGTH) fail(`the result would be ${length} characters long, over the limit of ${MAX_STRING_LENGTH}`);
}

/** Short, readable rendering of a value for messages; Unknowns show as `<unknown>`. */
export function formatValue(v: Value | undefined, max = 80): string {
  let s: string;
  if (v === undefined) s = 'undefined';
  else if (isUnknown(v)) s = '<unknown>';
  else if (typeof v === 'string') s = `'${v.replace(/'/g, "''")}'`;
  else s = JSON.stringify(v, (_k, x: unknown) => (x instanceof Unknown ? '<unknown>' : x)) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
