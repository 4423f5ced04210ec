/**
 * Array functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-array):
 * array, createArray, contains, empty, length, first, last, take, skip, flatten, indexFromEnd,
 * tryIndexFromEnd, range, min, max, union, intersection. Unknown elements stay in place where the
 * result does not depend on them (`length`, `first`, `take`…); where it does (`union` deduplication,
 * `contains` without a match) the result is that Unknown.
 */
import { carrySometimesKeys, firstUnknown, isObject, isUnknown, setProp, sometimesKey, sometimesKeyCount, Unknown, withoutAlternatives, type Value } from '../../../../../../../shared/model/value';
import { fail } from '../errors';
import { argName, asArray, asInt, deepEqual, findKey, toArmString, typeName, type Obj } from '../values';
import { eager, type FunctionDef } from './types';

/** Removes duplicates (deep equality), keeping first occurrences; primitives in O(1). */
function distinct(items: Value[]): Value[] {
  const seen = new Set<string | number | boolean | null>();
  const objects: Value[] = [];
  const out: Value[] = [];
  for (const x of items) {
    if (x === null || typeof x !== 'object') {
      const key = typeof x === 'string' ? `s${x}` : x;
      if (seen.has(key)) continue;
      seen.add(key);
    } else {
      if (objects.some((y) => deepEqual(x, y))) continue;
      objects.push(x);
    }
    out.push(x);
  }
  return out;
}

/**
 * ARM's union of objects: later values win, nested objects merge recursively, property names match
 * ignoring case. Where an Unknown meets an object the merged value cannot be known.
 */
export function mergeObjects(target: Obj, patch: Obj): Obj {
  const out: Obj = {};
  for (const k of Object.keys(target)) setProp(out, k, target[k]);
  for (const k of Object.keys(patch)) {
    const existing = findKey(out, k);
    const before = existing === undefined ? undefined : out[existing];
    const after = patch[k];
    let merged: Value;
    if (isObject(before) && isObject(after)) merged = mergeObjects(before, after);
    // An object merged into an unknown one (or one into an object) is none of the unknown's alternatives.
    else if ((isUnknown(before) && isObject(after)) || (isUnknown(after) && isObject(before))) merged = withoutAlternatives(isUnknown(after) ? after : (before as Unknown));
    else merged = after;
    setProp(out, existing ?? k, merged);
  }
  return out;
}

function sameKind(args: Value[], name: string): 'array' | 'object' {
  if (args.every(Array.isArray)) return 'array';
  if (args.every(isObject)) return 'object';
  const bad = args.findIndex((a) => !Array.isArray(a) && !isObject(a));
  return fail(bad >= 0 ? `expects arrays or objects, ${argName(bad)} is ${typeName(args[bad])}` : `expects all arguments to be arrays or all to be objects (${name} cannot mix them)`);
}

function takeOrSkip(v: Value, count: number, skip: boolean): Value {
  if (v === null) return null;
  if (typeof v !== 'string' && !Array.isArray(v)) return fail(`expects the first argument to be an array or a string, got ${typeName(v)}`);
  const n = Math.max(0, count);
  return skip ? v.slice(Math.min(n, v.length)) : v.slice(0, n);
}

function numbersOf(args: Value[]): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  if (!list.length) fail('expects at least one number');
  return list.map((x, i) => (typeof x === 'number' ? x : fail(`expects numbers, element ${i} is ${typeName(x)}`)));
}

function fromEnd(args: Value[], lenient: boolean): Value {
  const items = asArray(args[0], 'the first argument');
  const k = asInt(args[1], 'reverseIndex');
  if (k < 1 || k > items.length) return lenient ? null : fail(`reverseIndex ${k} is outside the array (length ${items.length}); it counts from 1 at the last element`);
  return items[items.length - k];
}

export const ARRAY_FUNCTIONS: Record<string, FunctionDef> = {
  array: eager(1, 1, (args) => (Array.isArray(args[0]) ? args[0] : [args[0]]), 'shallow'),
  createArray: eager(0, Infinity, (args) => [...args], 'accept'),
  contains: eager(
    2,
    2,
    (args) => {
      const [container, item] = args;
      if (typeof container === 'string') {
        if (typeof item !== 'string' && typeof item !== 'number') fail(`expects the value to find in a string to be a string, got ${typeName(item)}`);
        return container.includes(toArmString(item));
      }
      if (Array.isArray(container)) {
        const unknownItem = firstUnknown(item);
        if (unknownItem) return unknownItem;
        let unknown: Unknown | undefined;
        for (const x of container) {
          if (deepEqual(x, item)) return true;
          unknown ??= firstUnknown(x);
        }
        return unknown ?? false;
      }
      if (isObject(container)) {
        if (typeof item !== 'string') fail(`expects the key to find in an object to be a string, got ${typeName(item)}`);
        return sometimesKey(container, item) ?? findKey(container, item) !== undefined;
      }
      return fail(`expects the first argument to be an array, an object or a string, got ${typeName(container)}`);
    },
    'shallow',
  ),
  empty: eager(
    1,
    1,
    (args) => {
      const v = args[0];
      if (v === null) return true;
      if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
      // Not empty whatever the case when it has a key that is always there.
      if (isObject(v)) return Object.keys(v).length > sometimesKeyCount(v) ? false : (sometimesKey(v) ?? Object.keys(v).length === 0);
      return fail(`expects an array, an object or a string, got ${typeName(v)}`);
    },
    'shallow',
  ),
  length: eager(
    1,
    1,
    (args) => {
      const v = args[0];
      if (v === null) return 0;
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      if (isObject(v)) return sometimesKey(v) ?? Object.keys(v).length;
      return fail(`expects an array, an object or a string, got ${typeName(v)}`);
    },
    'shallow',
  ),
  first: eager(
    1,
    1,
    (args) => {
      const v = args[0];
      if (v === null) return null;
      if (typeof v === 'string') return v.slice(0, 1);
      return asArray(v, 'its argument (an array or a string)')[0] ?? null;
    },
    'shallow',
  ),
  last: eager(
    1,
    1,
    (args) => {
      const v = args[0];
      if (v === null) return null;
      if (typeof v === 'string') return v.slice(-1);
      const a = asArray(v, 'its argument (an array or a string)');
      return a.length ? a[a.length - 1] : null;
    },
    'shallow',
  ),
  take: eager(2, 2, (args) => takeOrSkip(args[0], asInt(args[1], 'numberToTake'), false), 'shallow'),
  skip: eager(2, 2, (args) => takeOrSkip(args[0], asInt(args[1], 'numberToSkip'), true), 'shallow'),
  flatten: eager(
    1,
    1,
    (args) => {
      const out: Value[] = [];
      const items = asArray(args[0], 'its argument');
      for (let i = 0; i < items.length; i++) {
        const x = items[i];
        if (isUnknown(x)) return x;
        for (const y of asArray(x, `element ${i}`)) out.push(y);
      }
      return out;
    },
    'shallow',
  ),
  indexFromEnd: eager(2, 2, (args) => fromEnd(args, false), 'shallow'),
  tryIndexFromEnd: eager(2, 2, (args) => fromEnd(args, true), 'shallow'),
  range: eager(2, 2, (args) => {
    const start = asInt(args[0], 'startIndex');
    const count = asInt(args[1], 'count');
    if (count < 0 || count > 10000) fail(`count must be between 0 and 10000, got ${count}`);
    if (start + count - 1 > 2147483647) fail('startIndex + count must not exceed 2147483647');
    return Array.from({ length: count }, (_, i) => start + i);
  }),
  min: eager(1, Infinity, (args) => numbersOf(args).reduce((a, b) => (b < a ? b : a))),
  max: eager(1, Infinity, (args) => numbersOf(args).reduce((a, b) => (b > a ? b : a))),
  union: eager(
    1,
    Infinity,
    (args) => {
      if (sameKind(args, 'union') === 'array') {
        const all = ([] as Value[]).concat(...(args as Value[][]));
        const u = firstUnknown(all);
        return u ?? distinct(all);
      }
      const out = (args as Obj[]).reduce((acc, o) => mergeObjects(acc, o), {} as Obj);
      carrySometimesKeys(out, args);
      return out;
    },
    'shallow',
  ),
  intersection: eager(1, Infinity, (args) => {
    if (sameKind(args, 'intersection') === 'array') {
      const [first, ...rest] = args as Value[][];
      return distinct(first).filter((x) => rest.every((l) => l.some((y) => deepEqual(x, y))));
    }
    const [first, ...rest] = args as Obj[];
    const out: Obj = {};
    for (const k of Object.keys(first)) {
      if (rest.every((o) => Object.hasOwn(o, k) && deepEqual(o[k], first[k]))) setProp(out, k, first[k]);
    }
    return out;
  }),
};
