/**
 * Comparison and logical functions: equals, less, lessOrEquals, greater, greaterOrEquals, not, true,
 * false, and the lazy ones — if (only the branch taken is evaluated), and/or (stop at the first
 * false/true), coalesce (stop at the first non-null). A deciding value wins over an Unknown elsewhere:
 * `and(false(), <unknown>)` is false; an Unknown that could decide the result makes the result Unknown.
 */
import { eitherBranch, firstUnknown, isUnknown, withoutAlternatives, type Unknown, type Value } from '../../../../../../../shared/model/value';
import { ExpressionError, fail } from '../errors';
import { argName, compareStrings, deepEqual, typeName } from '../values';
import { eager, type FunctionDef, type LazyEvaluator, type LazyFunction } from './types';

function compare(args: Value[]): number {
  const [a, b] = args;
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a !== 'string' || typeof b !== 'string') fail(`cannot compare ${typeName(a)} with ${typeName(b)}`);
    return compareStrings(a, b);
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return fail(`expects two integers or two strings, got ${typeName(a)} and ${typeName(b)}`);
}

function expectBool(v: Value, i: number, name: string): boolean {
  return typeof v === 'boolean' ? v : fail(`${name}() expects booleans, ${argName(i)} is ${typeName(v)}`);
}

/** and/or over values produced one at a time; `decisive` is false for and(), true for or(). */
function logical(count: number, at: (i: number) => Value, decisive: boolean, name: string): Value {
  let unknown: Unknown | undefined;
  for (let i = 0; i < count; i++) {
    const v = at(i);
    if (isUnknown(v)) {
      unknown ??= v;
      continue;
    }
    if (expectBool(v, i, name) === decisive) return decisive;
  }
  return unknown ?? !decisive;
}

function coalesce(count: number, at: (i: number) => Value): Value {
  for (let i = 0; i < count; i++) {
    const v = at(i);
    if (v !== null) return v;
  }
  return null;
}

/** if() whose condition is Unknown: the result is still known when both branches agree. */
function unknownCondition(cond: Unknown, a: () => Value, b: () => Value): Value {
  try {
    const x = a();
    const y = b();
    if (!firstUnknown(x) && !firstUnknown(y) && deepEqual(x, y)) return x;
    // Either branch: the value is one of theirs (when they are known), which the engine can still judge.
    return eitherBranch(cond, x, y);
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
  }
  return withoutAlternatives(cond);
}

const lazy = (min: number, max: number, run: LazyFunction['lazy'], call: LazyFunction['call']): LazyFunction => ({ kind: 'lazy', min, max, lazy: run, call });

export const LOGIC_FUNCTIONS: Record<string, FunctionDef> = {
  equals: eager(2, 2, (args) => deepEqual(args[0], args[1])),
  less: eager(2, 2, (args) => compare(args) < 0),
  lessOrEquals: eager(2, 2, (args) => compare(args) <= 0),
  greater: eager(2, 2, (args) => compare(args) > 0),
  greaterOrEquals: eager(2, 2, (args) => compare(args) >= 0),
  not: eager(1, 1, (args) => !expectBool(args[0], 0, 'not')),
  true: eager(0, 0, () => true),
  false: eager(0, 0, () => false),
  if: lazy(
    3,
    3,
    (nodes, ev: LazyEvaluator) => {
      const cond = ev.evaluate(nodes[0]);
      if (isUnknown(cond)) return unknownCondition(cond, () => ev.evaluate(nodes[1]), () => ev.evaluate(nodes[2]));
      if (typeof cond !== 'boolean') fail(`expects the condition to be a boolean, got ${typeName(cond)}`);
      return ev.evaluate(nodes[cond ? 1 : 2]);
    },
    (args) => {
      const cond = args[0];
      if (isUnknown(cond)) return unknownCondition(cond, () => args[1], () => args[2]);
      if (typeof cond !== 'boolean') fail(`expects the condition to be a boolean, got ${typeName(cond)}`);
      return args[cond ? 1 : 2];
    },
  ),
  and: lazy(
    2,
    Infinity,
    (nodes, ev) => logical(nodes.length, (i) => ev.evaluate(nodes[i]), false, 'and'),
    (args) => logical(args.length, (i) => args[i], false, 'and'),
  ),
  or: lazy(
    2,
    Infinity,
    (nodes, ev) => logical(nodes.length, (i) => ev.evaluate(nodes[i]), true, 'or'),
    (args) => logical(args.length, (i) => args[i], true, 'or'),
  ),
  coalesce: lazy(
    1,
    Infinity,
    (nodes, ev) => coalesce(nodes.length, (i) => ev.evaluate(nodes[i])),
    (args) => coalesce(args.length, (i) => args[i]),
  ),
};
