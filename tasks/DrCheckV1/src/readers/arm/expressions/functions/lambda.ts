/**
 * Lambda functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-lambda):
 * filter, map, reduce, sort, toObject, groupBy, mapValues, with `lambda('x', …)` arguments and
 * `lambdaVariables('x')`. Lambdas arrive as callables, so Bicep can pass its own `x => …` lambdas too.
 * An Unknown that decides the shape of the result (a filter predicate, a sort comparison, an object
 * key) makes the whole result Unknown; Unknown mapped values stay in place.
 */
import { isUnknown, mergeProp, setProp, type Value } from '../../../../../../../shared/model/value';
import { fail } from '../errors';
import { asArray, asObject, findKey, typeName, type Obj } from '../values';
import type { FunctionDef, Lambda, LambdaFunction, LazyFunction } from './types';

class Stop {
  constructor(readonly value: Value) {}
}

function lambdaAt(args: ReadonlyArray<Value | Lambda>, i: number): Lambda {
  const l = args[i];
  return typeof l === 'function' ? l : fail(`expects a lambda as argument ${i + 1}`);
}

function arrayAt(args: ReadonlyArray<Value | Lambda>, i: number): Value[] | Stop {
  const v = args[i] as Value;
  if (isUnknown(v)) return new Stop(v);
  return asArray(v, 'the first argument');
}

function keyOf(v: Value, what: string): string | Stop {
  if (isUnknown(v)) return new Stop(v);
  if (typeof v === 'string') return v;
  return fail(`expects the ${what} lambda to return a string, got ${typeName(v)}`);
}

/** Stable merge sort with ARM's comparator: `before(a, b)` true puts a first. */
function sortWith(items: Value[], before: (a: Value, b: Value) => boolean | Stop): Value[] | Stop {
  let stop: Stop | undefined;
  const cmp = (a: Value, b: Value): number => {
    if (stop) return 0;
    const ab = before(a, b);
    if (ab instanceof Stop) return (stop = ab), 0;
    if (ab) return -1;
    const ba = before(b, a);
    if (ba instanceof Stop) return (stop = ba), 0;
    return ba ? 1 : 0;
  };
  const sorted = [...items].sort(cmp);
  return stop ?? sorted;
}

function predicate(l: Lambda, ...values: Value[]): boolean | Stop {
  const r = l(...values);
  if (isUnknown(r)) return new Stop(r);
  return typeof r === 'boolean' ? r : fail(`expects the lambda to return a boolean, got ${typeName(r)}`);
}

const lambdaFn = (min: number, max: number, lambdaArgs: number[], call: LambdaFunction['call']): LambdaFunction => ({ kind: 'lambda', min, max, lambdaArgs, call });

/** Runs `body`, turning a Stop (an Unknown that decides the result) into the returned value. */
function run(body: () => Value | Stop): Value {
  const r = body();
  return r instanceof Stop ? r.value : r;
}

export const LAMBDA_FUNCTIONS: Record<string, FunctionDef> = {
  filter: lambdaFn(2, 2, [1], (args) =>
    run(() => {
      const items = arrayAt(args, 0);
      if (items instanceof Stop) return items;
      const keep = lambdaAt(args, 1);
      const out: Value[] = [];
      for (let i = 0; i < items.length; i++) {
        const ok = predicate(keep, items[i], i);
        if (ok instanceof Stop) return ok;
        if (ok) out.push(items[i]);
      }
      return out;
    }),
  ),
  map: lambdaFn(2, 2, [1], (args) =>
    run(() => {
      const items = arrayAt(args, 0);
      if (items instanceof Stop) return items;
      const f = lambdaAt(args, 1);
      return items.map((x, i) => f(x, i));
    }),
  ),
  reduce: lambdaFn(3, 3, [2], (args) =>
    run(() => {
      const items = arrayAt(args, 0);
      if (items instanceof Stop) return items;
      const f = lambdaAt(args, 2);
      let acc = args[1] as Value;
      for (let i = 0; i < items.length; i++) acc = f(acc, items[i], i);
      return acc;
    }),
  ),
  sort: lambdaFn(2, 2, [1], (args) =>
    run(() => {
      const items = arrayAt(args, 0);
      if (items instanceof Stop) return items;
      const before = lambdaAt(args, 1);
      return sortWith(items, (a, b) => predicate(before, a, b));
    }),
  ),
  toObject: lambdaFn(2, 3, [1, 2], (args) =>
    run(() => {
      const items = arrayAt(args, 0);
      if (items instanceof Stop) return items;
      const key = lambdaAt(args, 1);
      const value = args.length > 2 ? lambdaAt(args, 2) : undefined;
      const out: Obj = {};
      for (const x of items) {
        const k = keyOf(key(x), 'key');
        if (k instanceof Stop) return k;
        mergeProp(out, k, value ? value(x) : x);
      }
      return out;
    }),
  ),
  groupBy: lambdaFn(2, 2, [1], (args) =>
    run(() => {
      const items = arrayAt(args, 0);
      if (items instanceof Stop) return items;
      const key = lambdaAt(args, 1);
      const out: Obj = {};
      for (const x of items) {
        const k = keyOf(key(x), 'key');
        if (k instanceof Stop) return k;
        const existing = findKey(out, k);
        if (existing === undefined) setProp(out, k, [x]);
        else (out[existing] as Value[]).push(x);
      }
      return out;
    }),
  ),
  mapValues: lambdaFn(2, 2, [1], (args) =>
    run(() => {
      const input = args[0] as Value;
      if (isUnknown(input)) return new Stop(input);
      const o = asObject(input, 'the first argument');
      const f = lambdaAt(args, 1);
      const out: Obj = {};
      for (const k of Object.keys(o)) setProp(out, k, f(o[k]));
      return out;
    }),
  ),
};

/** `lambda(...)` and `lambdaVariables(...)`: only meaningful inside the functions above. */
export const LAMBDA_SYNTAX: Record<string, FunctionDef> = {
  lambda: {
    kind: 'lazy',
    min: 1,
    max: Infinity,
    lazy: () => fail('a lambda can only be an argument of filter, map, reduce, sort, toObject, groupBy or mapValues'),
    call: () => fail('a lambda can only be an argument of filter, map, reduce, sort, toObject, groupBy or mapValues'),
  } satisfies LazyFunction,
  lambdaVariables: {
    kind: 'lazy',
    min: 1,
    max: 1,
    lazy: (nodes, ev) => {
      const name = ev.evaluate(nodes[0]);
      if (isUnknown(name)) return name;
      if (typeof name !== 'string') return fail(`expects the variable name to be a string, got ${typeName(name)}`);
      const v = ev.lambdaVariable(name);
      return v === undefined ? fail(`'${name}' is not a parameter of an enclosing lambda`) : v;
    },
    call: () => fail('lambdaVariables() can only be used inside a lambda'),
  } satisfies LazyFunction,
};

