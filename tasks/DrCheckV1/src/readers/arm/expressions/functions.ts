/**
 * The ARM template function library (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions),
 * shared by the ARM and Bicep readers. Functions receive evaluated arguments; `LAZY_FUNCTIONS` receive
 * unevaluated nodes so that `if`, `and`, `or`, `coalesce` and lambdas only evaluate what ARM evaluates.
 */
import { isObject, isUnknown, Unknown, type Value } from '../../../../../../shared/model/value';
import type { EvalScope, ExprNode } from './api';
import type { EvalState } from './evaluator';
import { armGuid, uniqueString } from './hash';
import { ExpressionError } from './parser';

export interface FnDef {
  call(args: Value[], scope: EvalScope, state: EvalState): Value;
  /** The function handles Unknown arguments itself (otherwise any Unknown argument makes the result Unknown). */
  acceptsUnknown?: boolean;
}
type Lazy = (node: Extract<ExprNode, { kind: 'call' }>, state: EvalState, ev: (n: ExprNode) => Value) => Value;

type Obj = { [k: string]: Value };

const fail = (message: string): never => {
  throw new Error(message);
};
function arity(args: Value[], min: number, max = min, name = ''): void {
  if (args.length < min || args.length > max) fail(`expects ${min === max ? min : `${min} to ${max === Infinity ? 'any number of' : max}`} argument${max === 1 ? '' : 's'}${name}, got ${args.length}`);
}
const str = (v: Value, what = 'argument'): string => (typeof v === 'string' ? v : fail(`${what} must be a string, not ${typeName(v)}`));
const int = (v: Value, what = 'argument'): number => (typeof v === 'number' && Number.isInteger(v) ? v : fail(`${what} must be an integer, not ${typeName(v)}`));
const arr = (v: Value, what = 'argument'): Value[] => (Array.isArray(v) ? v : fail(`${what} must be an array, not ${typeName(v)}`));
const obj = (v: Value, what = 'argument'): Obj => (isObject(v) ? v : fail(`${what} must be an object, not ${typeName(v)}`));
function typeName(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (isUnknown(v)) return 'an unknown value';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** ARM's string() conversion. */
export function toArmString(v: Value): string {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function compare(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return fail('can only compare two integers or two strings');
}

/** .NET composite format as ARM's format() uses it: `{0}`, `{1:N0}` (numeric formats kept simple), `{{` `}}`. */
function format(template: string, args: Value[]): string {
  return template.replace(/\{\{|\}\}|\{(\d+)(?:,(-?\d+))?(?::([^}]*))?\}/g, (m, idx: string | undefined, align: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const i = Number(idx);
    if (i >= args.length) fail(`format string refers to argument {${i}} but only ${args.length} were given`);
    const v = args[i];
    let s: string;
    if (spec && typeof v === 'number') {
      const digits = spec.length > 1 ? Number(spec.slice(1)) : undefined;
      const kind = spec[0].toUpperCase();
      if (kind === 'N') s = v.toLocaleString('en-US', { minimumFractionDigits: digits ?? 2, maximumFractionDigits: digits ?? 2 });
      else if (kind === 'D') s = String(Math.trunc(v)).padStart(digits ?? 0, '0');
      else if (kind === 'X') s = Math.trunc(v).toString(16)[spec[0] === 'X' ? 'toUpperCase' : 'toLowerCase']().padStart(digits ?? 0, '0');
      else if (kind === 'F') s = v.toFixed(digits ?? 2);
      else if (kind === 'P') s = `${(v * 100).toFixed(digits ?? 2)} %`;
      else s = String(v);
    } else s = toArmString(v);
    if (align) {
      const w = Number(align);
      s = w < 0 ? s.padEnd(-w) : s.padStart(w);
    }
    return s;
  });
}

function contextValue(v: Value, what: string): Value {
  return v === undefined ? new Unknown(`${what} is only known at deployment time`) : v;
}

function idPart(v: Value | undefined): string {
  return typeof v === 'string' ? v : '(unknown)';
}

/**
 * resourceId([subscriptionId], [resourceGroupName], resourceType, name1, [name2], …) → ARM resource id.
 * When the deployment's subscription or resource group is not known statically, the id keeps
 * `(unknown)` in its place: the provider part (type and names) stays exact, which is what links
 * resources to each other.
 */
function resourceIdFn(args: Value[], scope: EvalScope, level: 'rg' | 'sub' | 'tenant' | 'mg'): Value {
  const strings = args.map((a) => str(a));
  const typeAt = strings.findIndex((s) => s.includes('/'));
  if (typeAt < 0) fail('expects a resource type such as Microsoft.Network/virtualNetworks');
  const type = strings[typeAt];
  const names = strings.slice(typeAt + 1);
  const types = type.split('/');
  if (names.length !== types.length - 1) fail(`resource type ${type} needs ${types.length - 1} name segment${types.length === 2 ? '' : 's'}, got ${names.length}`);
  let provider = `${types[0]}/${types[1]}/${names[0]}`;
  for (let i = 2; i < types.length; i++) provider += `/${types[i]}/${names[i - 1]}`;
  const before = strings.slice(0, typeAt);
  if (level === 'tenant') return `/providers/${provider}`;
  if (level === 'mg') {
    const mg = before[0] ?? idPart((scope.context.managementGroup as Obj | undefined)?.name);
    return `/providers/Microsoft.Management/managementGroups/${mg}/providers/${provider}`;
  }
  const sub = level === 'sub' ? before[0] : before.length === 2 ? before[0] : undefined;
  const subscriptionId = sub ?? idPart(isObject(scope.context.subscription) ? scope.context.subscription.subscriptionId : undefined);
  if (level === 'sub') return `/subscriptions/${subscriptionId}/providers/${provider}`;
  const rg = before.length >= 1 ? before[before.length - 1] : idPart(isObject(scope.context.resourceGroup) ? scope.context.resourceGroup.name : undefined);
  return `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/${provider}`;
}

const deploymentTime = (name: string): FnDef => ({
  acceptsUnknown: true,
  call: () => new Unknown(`${name}() is only known at deployment time`),
});

function collectionOp(args: Value[], kind: 'union' | 'intersection'): Value {
  if (!args.length) fail('expects at least one argument');
  if (args.every(Array.isArray)) {
    const lists = args as Value[][];
    if (kind === 'union') {
      const out: Value[] = [];
      for (const l of lists) for (const x of l) if (!out.some((y) => deepEqual(x, y))) out.push(x);
      return out;
    }
    return lists[0].filter((x, i, self) => self.findIndex((y) => deepEqual(x, y)) === i && lists.every((l) => l.some((y) => deepEqual(x, y))));
  }
  if (args.every(isObject)) {
    const objs = args as Obj[];
    if (kind === 'union') {
      const merge = (a: Obj, b: Obj): Obj => {
        const out: Obj = { ...a };
        for (const [k, v] of Object.entries(b)) out[k] = isObject(out[k]) && isObject(v) ? merge(out[k] as Obj, v) : v;
        return out;
      };
      return objs.reduce(merge, {});
    }
    const out: Obj = {};
    for (const [k, v] of Object.entries(objs[0])) if (objs.every((o) => Object.prototype.hasOwnProperty.call(o, k) && deepEqual(o[k], v))) out[k] = v;
    return out;
  }
  return fail('arguments must be all arrays or all objects');
}

function take(v: Value, n: number, fromEnd: boolean): Value {
  const count = Math.max(0, n);
  if (typeof v === 'string') return fromEnd ? v.slice(Math.min(count, v.length)) : v.slice(0, count);
  const a = arr(v, 'the first argument');
  return fromEnd ? a.slice(Math.min(count, a.length)) : a.slice(0, count);
}

function jsonParse(text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch (e) {
    return fail(`json(): not valid JSON: ${(e as Error).message}`);
  }
}

export const FUNCTIONS: Record<string, FnDef> = {
  // ---- strings
  concat: {
    call: (args) => {
      if (!args.length) return '';
      if (args.every((a) => Array.isArray(a))) return ([] as Value[]).concat(...(args as Value[][]));
      return args.map((a) => (Array.isArray(a) || isObject(a) ? fail('cannot concat arrays/objects with strings') : toArmString(a))).join('');
    },
  },
  format: { call: (args) => (arity(args, 1, Infinity), format(str(args[0], 'the format string'), args.slice(1))) },
  tolower: { call: (args) => (arity(args, 1), str(args[0]).toLowerCase()) },
  toupper: { call: (args) => (arity(args, 1), str(args[0]).toUpperCase()) },
  trim: { call: (args) => (arity(args, 1), str(args[0]).trim()) },
  substring: {
    call: (args) => {
      arity(args, 2, 3);
      const s = str(args[0]);
      const start = int(args[1], 'startIndex');
      const length = args.length > 2 ? int(args[2], 'length') : s.length - start;
      if (start < 0 || start > s.length || length < 0 || start + length > s.length) fail(`index and length must refer to a location within the string '${s}'`);
      return s.substr(start, length);
    },
  },
  indexof: { call: (args) => (arity(args, 2), str(args[0]).toLowerCase().indexOf(str(args[1]).toLowerCase())) },
  lastindexof: { call: (args) => (arity(args, 2), str(args[0]).toLowerCase().lastIndexOf(str(args[1]).toLowerCase())) },
  startswith: { call: (args) => (arity(args, 2), str(args[0]).toLowerCase().startsWith(str(args[1]).toLowerCase())) },
  endswith: { call: (args) => (arity(args, 2), str(args[0]).toLowerCase().endsWith(str(args[1]).toLowerCase())) },
  replace: { call: (args) => (arity(args, 3), str(args[0]).split(str(args[1])).join(str(args[2]))) },
  split: {
    call: (args) => {
      arity(args, 2);
      const s = str(args[0]);
      const seps = Array.isArray(args[1]) ? args[1].map((x) => str(x)) : [str(args[1])];
      let parts = [s];
      for (const sep of seps) parts = parts.flatMap((p) => p.split(sep));
      return parts;
    },
  },
  join: { call: (args) => (arity(args, 2), arr(args[0]).map((x) => toArmString(x)).join(str(args[1]))) },
  padleft: {
    call: (args) => {
      arity(args, 2, 3);
      const s = toArmString(args[0]);
      const pad = args.length > 2 ? str(args[2]) : ' ';
      return s.padStart(int(args[1]), pad.slice(0, 1));
    },
  },
  string: { call: (args) => (arity(args, 1), toArmString(args[0])) },
  base64: { call: (args) => (arity(args, 1), Buffer.from(str(args[0]), 'utf8').toString('base64')) },
  base64tostring: { call: (args) => (arity(args, 1), Buffer.from(str(args[0]), 'base64').toString('utf8')) },
  base64tojson: { call: (args) => (arity(args, 1), jsonParse(Buffer.from(str(args[0]), 'base64').toString('utf8'))) },
  datauri: { call: (args) => (arity(args, 1), `data:text/plain;charset=utf8;base64,${Buffer.from(toArmString(args[0]), 'utf8').toString('base64')}`) },
  datauritostring: {
    call: (args) => {
      arity(args, 1);
      const s = str(args[0]);
      const comma = s.indexOf(',');
      return comma < 0 ? fail('not a data URI') : Buffer.from(s.slice(comma + 1), s.slice(0, comma).endsWith(';base64') ? 'base64' : 'utf8').toString('utf8');
    },
  },
  uri: {
    call: (args) => {
      arity(args, 2);
      const base = str(args[0]);
      const rel = str(args[1]);
      try {
        return new URL(rel, base).toString();
      } catch {
        return fail(`cannot combine '${base}' and '${rel}' into a URI`);
      }
    },
  },
  uricomponent: { call: (args) => (arity(args, 1), encodeURIComponent(str(args[0]))) },
  uricomponenttostring: { call: (args) => (arity(args, 1), decodeURIComponent(str(args[0]))) },
  guid: { call: (args) => (arity(args, 1, Infinity), armGuid(args.map((a) => str(a)))) },
  uniquestring: { call: (args) => (arity(args, 1, Infinity), uniqueString(args.map((a) => str(a)))) },
  newguid: deploymentTime('newGuid'),
  utcnow: deploymentTime('utcNow'),
  // ---- conversions
  int: {
    call: (args) => {
      arity(args, 1);
      const v = args[0];
      if (typeof v === 'number') return Math.trunc(v);
      const n = Number(str(v));
      return Number.isInteger(n) ? n : fail(`'${v}' is not an integer`);
    },
  },
  float: { call: (args) => (arity(args, 1), typeof args[0] === 'number' ? args[0] : Number(str(args[0]))) },
  bool: {
    call: (args) => {
      arity(args, 1);
      const v = args[0];
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number') return v !== 0;
      const s = str(v).toLowerCase();
      return s === 'true' ? true : s === 'false' ? false : fail(`'${v}' is not a boolean`);
    },
  },
  json: { call: (args) => (arity(args, 1), jsonParse(str(args[0]))) },
  array: { acceptsUnknown: true, call: (args) => (arity(args, 1), Array.isArray(args[0]) ? args[0] : [args[0]]) },
  createarray: { acceptsUnknown: true, call: (args) => [...args] },
  createobject: {
    acceptsUnknown: true,
    call: (args) => {
      if (args.length % 2) fail('expects an even number of arguments (name, value pairs)');
      const out: Obj = {};
      for (let i = 0; i < args.length; i += 2) {
        const k = args[i];
        if (isUnknown(k)) return k;
        out[str(k, 'a property name')] = args[i + 1];
      }
      return out;
    },
  },
  null: { call: () => null },
  true: { call: () => true },
  false: { call: () => false },
  // ---- arrays and objects
  length: {
    call: (args) => {
      arity(args, 1);
      const v = args[0];
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      return Object.keys(obj(v)).length;
    },
  },
  empty: {
    call: (args) => {
      arity(args, 1);
      const v = args[0];
      if (v === null) return true;
      if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
      return isObject(v) ? Object.keys(v).length === 0 : false;
    },
  },
  contains: {
    call: (args) => {
      arity(args, 2);
      const [c, x] = args;
      if (typeof c === 'string') return c.includes(toArmString(x));
      if (Array.isArray(c)) return c.some((y) => deepEqual(x, y));
      return Object.keys(obj(c)).some((k) => k.toLowerCase() === str(x).toLowerCase());
    },
  },
  first: { call: (args) => (arity(args, 1), typeof args[0] === 'string' ? args[0].slice(0, 1) : (arr(args[0])[0] ?? null)) },
  last: { call: (args) => (arity(args, 1), typeof args[0] === 'string' ? args[0].slice(-1) : (arr(args[0]).at(-1) ?? null)) },
  take: { call: (args) => (arity(args, 2), take(args[0], int(args[1]), false)) },
  skip: { call: (args) => (arity(args, 2), take(args[0], int(args[1]), true)) },
  union: { call: (args) => collectionOp(args, 'union') },
  intersection: { call: (args) => collectionOp(args, 'intersection') },
  shallowmerge: { call: (args) => (arity(args, 1), Object.assign({}, ...arr(args[0]).map((o) => obj(o)))) },
  items: {
    call: (args) => (
      arity(args, 1),
      Object.keys(obj(args[0]))
        .sort((a, b) => a.localeCompare(b))
        .map((k) => ({ key: k, value: (args[0] as Obj)[k] }))
    ),
  },
  objectkeys: { call: (args) => (arity(args, 1), Object.keys(obj(args[0]))) },
  range: {
    call: (args) => {
      arity(args, 2);
      const start = int(args[0]);
      const count = int(args[1]);
      if (count < 0 || count > 10000) fail('count must be between 0 and 10000');
      return Array.from({ length: count }, (_, i) => start + i);
    },
  },
  min: { call: (args) => Math.min(...(args.length === 1 && Array.isArray(args[0]) ? args[0] : args).map((x) => int(x))) },
  max: { call: (args) => Math.max(...(args.length === 1 && Array.isArray(args[0]) ? args[0] : args).map((x) => int(x))) },
  indexfromend: { call: (args) => (arity(args, 2), arr(args[0]).at(-int(args[1])) ?? fail('index out of range')) },
  tryget: {
    call: (args) => {
      arity(args, 2);
      const [c, k] = args;
      if (Array.isArray(c)) return typeof k === 'number' && k >= 0 && k < c.length ? c[k] : null;
      if (!isObject(c)) return null;
      const key = Object.keys(c).find((x) => x.toLowerCase() === toArmString(k).toLowerCase());
      return key === undefined ? null : c[key];
    },
  },
  // ---- numbers
  add: { call: (args) => (arity(args, 2), int(args[0]) + int(args[1])) },
  sub: { call: (args) => (arity(args, 2), int(args[0]) - int(args[1])) },
  mul: { call: (args) => (arity(args, 2), int(args[0]) * int(args[1])) },
  div: { call: (args) => (arity(args, 2), int(args[1]) === 0 ? fail('division by zero') : Math.trunc(int(args[0]) / int(args[1]))) },
  mod: { call: (args) => (arity(args, 2), int(args[1]) === 0 ? fail('division by zero') : int(args[0]) % int(args[1])) },
  // ---- comparison and logic (if/and/or/coalesce are lazy, below)
  equals: { call: (args) => (arity(args, 2), deepEqual(args[0], args[1])) },
  less: { call: (args) => (arity(args, 2), compare(args[0], args[1]) < 0) },
  lessorequals: { call: (args) => (arity(args, 2), compare(args[0], args[1]) <= 0) },
  greater: { call: (args) => (arity(args, 2), compare(args[0], args[1]) > 0) },
  greaterorequals: { call: (args) => (arity(args, 2), compare(args[0], args[1]) >= 0) },
  not: { call: (args) => (arity(args, 1), typeof args[0] === 'boolean' ? !args[0] : fail('expects a boolean')) },
  // ---- deployment and scope
  parameters: {
    acceptsUnknown: true,
    call: (args, scope) => {
      arity(args, 1);
      if (isUnknown(args[0])) return args[0];
      const v = scope.parameter(str(args[0], 'the parameter name'));
      return v === undefined ? fail(`the parameter '${args[0]}' is not declared`) : v;
    },
  },
  variables: {
    acceptsUnknown: true,
    call: (args, scope) => {
      arity(args, 1);
      if (isUnknown(args[0])) return args[0];
      const v = scope.variable(str(args[0], 'the variable name'));
      return v === undefined ? fail(`the variable '${args[0]}' is not declared`) : v;
    },
  },
  copyindex: {
    call: (args, scope) => {
      arity(args, 0, 2);
      const loop = args.find((a) => typeof a === 'string') as string | undefined;
      const offset = args.find((a) => typeof a === 'number') as number | undefined;
      const i = scope.copyIndex(loop);
      return typeof i === 'number' ? i + (offset ?? 0) : i;
    },
  },
  resourcegroup: { acceptsUnknown: true, call: (_a, scope) => contextValue(scope.context.resourceGroup, 'resourceGroup()') },
  subscription: { acceptsUnknown: true, call: (_a, scope) => contextValue(scope.context.subscription, 'subscription()') },
  deployment: { acceptsUnknown: true, call: (_a, scope) => contextValue(scope.context.deployment, 'deployment()') },
  environment: { acceptsUnknown: true, call: (_a, scope) => contextValue(scope.context.environment, 'environment()') },
  tenant: { acceptsUnknown: true, call: (_a, scope) => contextValue(scope.context.tenant, 'tenant()') },
  managementgroup: { acceptsUnknown: true, call: (_a, scope) => contextValue(scope.context.managementGroup, 'managementGroup()') },
  resourceid: { call: (args, scope) => resourceIdFn(args, scope, 'rg') },
  subscriptionresourceid: { call: (args, scope) => resourceIdFn(args, scope, 'sub') },
  tenantresourceid: { call: (args, scope) => resourceIdFn(args, scope, 'tenant') },
  managementgroupresourceid: { call: (args, scope) => resourceIdFn(args, scope, 'mg') },
  extensionresourceid: {
    call: (args) => {
      arity(args, 3, Infinity);
      const scopeId = str(args[0]);
      const type = str(args[1]).split('/');
      const names = args.slice(2).map((a) => str(a));
      let provider = `${type[0]}/${type[1]}/${names[0]}`;
      for (let i = 2; i < type.length; i++) provider += `/${type[i]}/${names[i - 1]}`;
      return `${scopeId}/providers/${provider}`;
    },
  },
  reference: deploymentTime('reference'),
  pickzones: deploymentTime('pickZones'),
  providers: deploymentTime('providers'),
  deployer: deploymentTime('deployer'),
  datetimeadd: deploymentTime('dateTimeAdd'),
  datetimefromepoch: { call: (args) => (arity(args, 1), new Date(int(args[0]) * 1000).toISOString().replace('.000Z', 'Z')) },
  datetimetoepoch: { call: (args) => (arity(args, 1), Math.trunc(Date.parse(str(args[0])) / 1000)) },
  loadjsoncontent: deploymentTime('loadJsonContent'),
};

// list*() functions (listKeys, listSecrets, listAccountSas…) read secrets at deployment time.
const LIST_PREFIX = 'list';

/** Evaluates a lambda body with its parameters bound. */
function applyLambda(lambda: Extract<ExprNode, { kind: 'call' }>, values: Value[], state: EvalState, ev: (n: ExprNode) => Value): Value {
  if (lambda.name.toLowerCase() !== 'lambda') fail('expects a lambda function');
  const params = lambda.args.slice(0, -1).map((p) => (p.kind === 'string' ? p.value : fail('lambda parameter names must be string literals')));
  const lambdas = new Map(state.lambdas ?? []);
  params.forEach((p, i) => lambdas.set(p, values[i] ?? null));
  void ev;
  return evaluateWith(lambda.args[lambda.args.length - 1], { ...state, lambdas });
}

// Late-bound to avoid a runtime import cycle with evaluator.ts.
let evaluateWith: (n: ExprNode, s: EvalState) => Value = () => fail('evaluator not ready');
export function bindEvaluator(fn: (n: ExprNode, s: EvalState) => Value): void {
  evaluateWith = fn;
}

function lambdaArg(node: Extract<ExprNode, { kind: 'call' }>, i: number): Extract<ExprNode, { kind: 'call' }> {
  const l = node.args[i];
  return l && l.kind === 'call' && l.name.toLowerCase() === 'lambda' ? l : fail(`${node.name}() expects a lambda as argument ${i + 1}`);
}

function withArray(node: Extract<ExprNode, { kind: 'call' }>, ev: (n: ExprNode) => Value, fn: (items: Value[]) => Value): Value {
  const items = ev(node.args[0]);
  if (isUnknown(items)) return items;
  return fn(arr(items, 'the first argument'));
}

export const LAZY_FUNCTIONS: Record<string, Lazy> = {
  if: (node, _state, ev) => {
    if (node.args.length !== 3) fail(`if() expects 3 arguments, got ${node.args.length}`);
    const cond = ev(node.args[0]);
    if (isUnknown(cond)) return cond;
    if (typeof cond !== 'boolean') fail('if() expects a boolean condition');
    return ev(node.args[cond ? 1 : 2]);
  },
  and: (node, _state, ev) => {
    if (node.args.length < 2) fail('and() expects at least 2 arguments');
    let unknown: Value | undefined;
    for (const a of node.args) {
      const v = ev(a);
      if (v === false) return false;
      if (isUnknown(v)) unknown ??= v;
      else if (typeof v !== 'boolean') fail('and() expects booleans');
    }
    return unknown ?? true;
  },
  or: (node, _state, ev) => {
    if (node.args.length < 2) fail('or() expects at least 2 arguments');
    let unknown: Value | undefined;
    for (const a of node.args) {
      const v = ev(a);
      if (v === true) return true;
      if (isUnknown(v)) unknown ??= v;
      else if (typeof v !== 'boolean') fail('or() expects booleans');
    }
    return unknown ?? false;
  },
  coalesce: (node, _state, ev) => {
    for (const a of node.args) {
      const v = ev(a);
      if (isUnknown(v)) return v;
      if (v !== null) return v;
    }
    return null;
  },
  lambda: () => fail('lambda() can only be used as an argument of filter, map, reduce, sort, toObject or groupBy'),
  lambdavariables: (node, state, ev) => {
    const name = ev(node.args[0]);
    if (typeof name !== 'string' || !state.lambdas?.has(name)) return fail(`lambdaVariables('${String(name)}') is not a lambda parameter here`);
    return state.lambdas.get(name)!;
  },
  filter: (node, state, ev) => withArray(node, ev, (items) => items.filter((x, i) => applyLambda(lambdaArg(node, 1), [x, i], state, ev) === true)),
  map: (node, state, ev) => withArray(node, ev, (items) => items.map((x, i) => applyLambda(lambdaArg(node, 1), [x, i], state, ev))),
  reduce: (node, state, ev) =>
    withArray(node, ev, (items) => {
      let acc = ev(node.args[1]);
      items.forEach((x, i) => (acc = applyLambda(lambdaArg(node, 2), [acc, x, i], state, ev)));
      return acc;
    }),
  sort: (node, state, ev) => withArray(node, ev, (items) => [...items].sort((a, b) => (applyLambda(lambdaArg(node, 1), [a, b], state, ev) === true ? -1 : 1))),
  toobject: (node, state, ev) =>
    withArray(node, ev, (items) => {
      const out: Obj = {};
      for (const x of items) {
        const k = applyLambda(lambdaArg(node, 1), [x], state, ev);
        out[str(k, 'the key')] = node.args[2] ? applyLambda(lambdaArg(node, 2), [x], state, ev) : x;
      }
      return out;
    }),
  groupby: (node, state, ev) =>
    withArray(node, ev, (items) => {
      const out: Obj = {};
      for (const x of items) {
        const k = str(applyLambda(lambdaArg(node, 1), [x], state, ev), 'the key');
        (out[k] ??= [] as Value[]);
        (out[k] as Value[]).push(x);
      }
      return out;
    }),
};

/** Resolves a function name the way ARM does: built-ins, then `list*` (deployment-time secrets). */
export function lookupFunction(name: string): FnDef | undefined {
  const lower = name.toLowerCase();
  const fn = FUNCTIONS[lower];
  if (fn) return fn;
  if (lower.startsWith(LIST_PREFIX) && lower.length > LIST_PREFIX.length) return deploymentTime(name);
  return undefined;
}

export const FUNCTION_NAMES: readonly string[] = [...Object.keys(FUNCTIONS), ...Object.keys(LAZY_FUNCTIONS), 'list*'];

export { ExpressionError };
