/**
 * Evaluates parsed ARM expressions against an EvalScope. Nothing is executed: every function is
 * implemented in `functions/`. What cannot be decided statically becomes an Unknown whose reason
 * names the sub-expression responsible and whose `expression` is the whole expression as written;
 * lazy functions (`if`, `and`, `or`, `coalesce`) evaluate only what ARM evaluates, so an Unknown in a
 * branch not taken changes nothing. Work per expression is bounded (steps, value sizes).
 */
import { carrySometimesKeys, eachAlternativeIfKnown, firstUnknown, isUnknown, setProp, Unknown, withoutAlternatives, type Value } from '../../../../../../shared/model/value';
import type { EvalScope, ExprNode } from './api';
import { ExpressionError, FunctionError } from './errors';
import type { CallContext, EagerFunction, FunctionDef, Lambda, LazyEvaluator, UnknownMode } from './functions/types';
import { lookupFunction, suggestFunction } from './functions/registry';
import { isExpression, parseBracketedEntry, unescapeLiteral } from './parser';
import { formatExpression } from './printer';
import { findKey, formatValue, MAX_ARRAY_LENGTH, MAX_STRING_LENGTH, typeName } from './values';

type CallNode = Extract<ExprNode, { kind: 'call' }>;

/** Most evaluation steps one expression may take (lambdas over ranges can multiply work). */
const MAX_STEPS = 1_000_000;
/** Longest sub-expression quoted in an Unknown reason. */
const MAX_SNIPPET = 160;
const MAX_REASON = 1000;

interface LambdaFrame {
  names: string[];
  values: Value[];
  parent?: LambdaFrame;
}

interface EvalState {
  scope: EvalScope;
  /** The text node offsets refer to (plus `base`), when known. */
  text?: string;
  /** Offset of the parsed text inside `text`: 1 when `text` is the JSON string with its brackets. */
  base: number;
  /** The whole expression as written (`[...]`), recorded on Unknowns. */
  whole: string;
  root: ExprNode;
  lambdas?: LambdaFrame;
  budget: { left: number };
  /** What lazy functions evaluate through; made on the first lazy call (one per state, not per call). */
  lazy?: LazyEvaluator;
}

function snippet(node: ExprNode, st: EvalState): string {
  const s = st.text !== undefined && node.end + st.base <= st.text.length ? st.text.slice(node.start + st.base, node.end + st.base) : formatExpression(node);
  return s.length > MAX_SNIPPET ? `${s.slice(0, MAX_SNIPPET - 1)}…` : s;
}

/**
 * Makes an Unknown this expression's: fresh ones (from a function or a context object) already say
 * what they are; ones that come from elsewhere (a parameter, a variable) get the sub-expression that
 * brought them in as a prefix.
 */
function own(u: Unknown, node: ExprNode, st: EvalState, isItsValue: boolean): Unknown {
  // The alternatives an Unknown can be stay only while it is handed on unchanged (a parameter, a branch, a property):
  // anything computed from it (`concat(x, '-a')`) is none of them.
  if (u.expression === st.whole) return isItsValue ? u : withoutAlternatives(u);
  const oneOf = isItsValue ? u.oneOf : undefined;
  const origin = oneOf ? (u.origin ?? u) : undefined;
  let reason = u.expression === undefined || node === st.root ? u.reason : [snippet(node, st), ': ', String(u.reason)].join(''); // one flat string: reasons live as long as the resource
  if (reason.length > MAX_REASON) reason = `${reason.slice(0, MAX_REASON - 1)}…`;
  return new Unknown(reason, st.whole, oneOf, origin);
}

/** Functions whose value is one of their inputs as it is: an Unknown they give keeps its alternatives. */
const HANDS_ON = new Set(['if', 'parameters', 'variables']);

function step(node: ExprNode, st: EvalState): void {
  if (--st.budget.left < 0) throw new ExpressionError(`expression needs more than ${MAX_STEPS} evaluation steps (a runaway loop?)`, node.start);
}

export function evaluateNode(node: ExprNode, st: EvalState): Value {
  step(node, st);
  switch (node.kind) {
    case 'string':
    case 'number':
      return node.value;
    case 'member': {
      const obj = evaluateNode(node.object, st);
      if (isUnknown(obj)) {
        if (!obj.oneOf) return own(obj, node, st, false);
        // A property of one of a few objects (`variables('tier').sku`, the variable an if()): one of theirs.
        const key = evaluateNode(node.property, st);
        const each = !isUnknown(key) ? eachAlternativeIfKnown(obj, (o) => member(o, key, node)) : undefined;
        return each === undefined ? own(obj, node, st, false) : isUnknown(each) ? own(each, node, st, true) : each;
      }
      const prop = evaluateNode(node.property, st);
      if (isUnknown(prop)) {
        // One of a few keys (`variables('skus')[parameters('environment')]` with allowedValues): one of their values.
        const each = prop.oneOf ? eachAlternativeIfKnown(prop, (p) => member(obj, p, node)) : undefined;
        return each === undefined ? own(prop, node, st, false) : isUnknown(each) ? own(each, node, st, true) : each;
      }
      const v = member(obj, prop, node);
      return isUnknown(v) ? own(v, node, st, true) : v;
    }
    case 'call':
      return call(node, st);
  }
}

function member(obj: Value, prop: Value, node: Extract<ExprNode, { kind: 'member' }>): Value {
  if (Array.isArray(obj)) {
    if (typeof prop !== 'number' || !Number.isInteger(prop)) throw new ExpressionError(`an array can only be indexed by an integer, not ${formatValue(prop)}`, node.property.start);
    if (prop < 0 || prop >= obj.length) throw new ExpressionError(`index ${prop} is outside the array (length ${obj.length})`, node.property.start);
    return obj[prop];
  }
  if (obj !== null && typeof obj === 'object') {
    if (typeof prop !== 'string') throw new ExpressionError(`an object property name must be a string, not ${formatValue(prop)}`, node.property.start);
    const key = findKey(obj as { [k: string]: Value }, prop);
    if (key === undefined) throw new ExpressionError(`the object has no property '${prop}'`, node.property.start);
    return (obj as { [k: string]: Value })[key];
  }
  throw new ExpressionError(`cannot read ${typeof prop === 'number' ? `index ${prop}` : `property '${String(prop)}'`} of ${typeName(obj)}`, node.property.start);
}

/** A copy of `obj` with `key` set (as data, even `__proto__`). */
function withProp(obj: { [k: string]: Value }, key: string, value: Value): { [k: string]: Value } {
  const out = { ...obj };
  setProp(out, key, value);
  // Keys `obj` has in some cases only stay so in the copy (the one set here is there for certain).
  carrySometimesKeys(out, [obj, { [key]: null }]);
  return out;
}

/**
 * `f` of each value the arguments can take, when exactly one Unknown is among them (an argument, or an element or
 * property of one) and it is one of a few values: that value where they all agree, else an Unknown of them.
 * Undefined when there is another Unknown, none with alternatives, or `f` fails on one of them.
 */
function perAlternative(args: Value[], f: (args: Value[]) => Value): Value | undefined {
  let found: { unknown: Unknown; place: (v: Value) => Value[] } | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (isUnknown(a)) {
      if (found) return undefined;
      found = { unknown: a, place: (v) => args.map((x, j) => (j === i ? v : x)) };
    } else if (a !== null && typeof a === 'object') {
      const container = a as Value[] | { [k: string]: Value };
      for (const k of Object.keys(container)) {
        const v = (container as { [k: string]: Value })[k];
        if (isUnknown(v)) {
          if (found) return undefined;
          found = {
            unknown: v,
            place: (by) => args.map((x, j) => (j !== i ? x : Array.isArray(container) ? container.map((y, n) => (String(n) === k ? by : y)) : withProp(container, k, by))),
          };
        } else if (firstUnknown(v)) return undefined;
      }
    }
  }
  if (!found) return undefined;
  const { place } = found;
  return eachAlternativeIfKnown(found.unknown, (v) => f(place(v)));
}

/** What a function sees of its call; a class so that no closure is allocated per call. */
class Call implements CallContext {
  constructor(
    private readonly node: CallNode,
    private readonly st: EvalState,
  ) {}
  get scope(): EvalScope {
    return this.st.scope;
  }
  get name(): string {
    return this.node.name;
  }
  callText(): string {
    return snippet(this.node, this.st);
  }
}

function evaluateArgs(nodes: readonly ExprNode[], st: EvalState): Value[] {
  const args = new Array<Value>(nodes.length);
  for (let i = 0; i < nodes.length; i++) args[i] = evaluateNode(nodes[i], st);
  return args;
}

/** Finds an Unknown in the arguments per the function's mode. */
export function unknownArgument(args: readonly Value[], mode: UnknownMode | undefined): Unknown | undefined {
  if (mode === 'accept') return undefined;
  for (const a of args) {
    // A partly known object handed on as the result is not that object any more: what it is known to hold goes.
    if (isUnknown(a)) return a.known ? new Unknown(a.reason, a.expression, a.oneOf, a.origin) : a;
    if (mode !== 'shallow' && a !== null && typeof a === 'object') {
      const u = firstUnknown(a);
      if (u) return u;
    }
  }
  return undefined;
}

function arityMessage(name: string, def: FunctionDef, got: number): string | undefined {
  if (got >= def.min && got <= def.max) return undefined;
  const expected = def.min === def.max ? `${def.min}` : def.max === Infinity ? `at least ${def.min}` : `${def.min} to ${def.max}`;
  return `${name}() expects ${expected} argument${def.min === 1 && def.max === 1 ? '' : 's'}, got ${got}`;
}

function makeLambda(node: ExprNode, st: EvalState, fn: string, position: number): Lambda {
  if (node.kind !== 'call' || node.namespace || node.name.toLowerCase() !== 'lambda') {
    throw new ExpressionError(`${fn}() expects a lambda('name', …, expression) as argument ${position + 1}`, node.start);
  }
  if (node.args.length < 2) throw new ExpressionError('lambda() needs at least one parameter name and an expression', node.start);
  const names = node.args.slice(0, -1).map((p) => {
    if (p.kind !== 'string') throw new ExpressionError('lambda parameter names must be string literals', p.start);
    return p.value;
  });
  const body = node.args[node.args.length - 1];
  const lambda = (...values: Value[]): Value => evaluateNode(body, { ...st, lambdas: { names, values, parent: st.lambdas }, lazy: undefined });
  return Object.assign(lambda, { arity: names.length });
}

function lambdaVariable(st: EvalState, name: string): Value | undefined {
  for (let f = st.lambdas; f; f = f.parent) {
    let i = f.names.indexOf(name);
    if (i < 0) i = f.names.findIndex((n) => n.toLowerCase() === name.toLowerCase());
    if (i >= 0) return i < f.values.length ? f.values[i] : null;
  }
  return undefined;
}

function checkSize(result: Value, node: CallNode): void {
  if (typeof result === 'string' ? result.length > MAX_STRING_LENGTH : Array.isArray(result) && result.length > MAX_ARRAY_LENGTH) {
    throw new ExpressionError(`${node.name}() produced a value over the size limit (${typeof result === 'string' ? `${MAX_STRING_LENGTH} characters` : `${MAX_ARRAY_LENGTH} elements`})`, node.start);
  }
}

/** `result`, once checked against the size limits. */
function sized(result: Value, node: CallNode): Value {
  checkSize(result, node);
  return result;
}

function userFunction(node: CallNode, st: EvalState): Value {
  const fn = st.scope.userFunction?.(node.namespace!, node.name);
  if (!fn) throw new ExpressionError(`unknown function '${node.namespace}.${node.name}' (no such user-defined function)`, node.start);
  const args = evaluateArgs(node.args, st);
  let result: Value;
  try {
    result = fn(args);
  } catch (e) {
    if (e instanceof ExpressionError || e instanceof FunctionError) throw new ExpressionError(e.message, node.start);
    throw e;
  }
  return isUnknown(result) ? own(result, node, st, true) : result;
}

function call(node: CallNode, st: EvalState): Value {
  if (node.namespace) return userFunction(node, st);
  const def = lookupFunction(node.name);
  if (!def) {
    const hint = suggestFunction(node.name);
    throw new ExpressionError(`unknown function '${node.name}'${hint ? ` (did you mean '${hint}'?)` : ''}`, node.start);
  }
  const arity = arityMessage(node.name, def, node.args.length);
  if (arity) throw new ExpressionError(arity, node.start);
  const ctx = new Call(node, st);
  let result: Value;
  let fromArgument = false;
  /** The result is a function of each value an argument can take (perAlternative): its alternatives are its own. */
  let perValue = false;
  try {
    if (def.kind === 'lazy') {
      const ev = (st.lazy ??= { evaluate: (n) => evaluateNode(n, st), lambdaVariable: (name) => lambdaVariable(st, name) });
      result = def.lazy(node.args, ev, ctx);
    } else if (def.kind === 'lambda') {
      const args = node.args.map((a, i) => (def.lambdaArgs.includes(i) ? makeLambda(a, st, node.name, i) : evaluateNode(a, st)));
      result = def.call(args, ctx);
    } else {
      const args = evaluateArgs(node.args, st);
      const u = unknownArgument(args, def.unknowns);
      // An argument that is one of a few values (`if(geo, createObject(…), createObject())` in a shallowMerge, as Bicep
      // compiles an object spread): the function of each, so the result is one of a few values too.
      // Also where the function takes Unknowns itself and gives one (shallowMerge of an array holding one).
      // Each value is held to the size limits a known result is (one over them: as unknown as before).
      // Only an Unknown with alternatives can be the one perAlternative takes: the first one found is it, when there is one.
      let each = u?.oneOf ? perAlternative(args, ofValues(def, ctx, node)) : undefined;
      result = each ?? u ?? def.call(args, ctx);
      if (each === undefined && u === undefined && isUnknown(result)) {
        each = perAlternative(args, ofValues(def, ctx, node));
        if (each !== undefined) result = each;
      }
      perValue = each !== undefined;
      fromArgument = u !== undefined && !perValue;
    }
  } catch (e) {
    if (e instanceof FunctionError) throw new ExpressionError(`${node.name}(): ${e.message}`, node.start);
    if (e instanceof ExpressionError || isStackOverflow(e)) throw e;
    throw new ExpressionError(`${node.name}(): ${e instanceof Error ? e.message : String(e)}`, node.start);
  }
  checkSize(result, node);
  return isUnknown(result) ? own(result, node, st, perValue || (!fromArgument && HANDS_ON.has(node.name.toLowerCase()))) : result;
}

/** The function applied to one set of argument values, held to the size limits; made only when a call has alternatives to take (most have none). */
function ofValues(def: EagerFunction, ctx: Call, node: CallNode): (args: Value[]) => Value {
  return (a) => sized(def.call(a, ctx), node);
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function newState(scope: EvalScope, root: ExprNode, text: string | undefined, base: number, whole: string): EvalState {
  return { scope, root, text, base, whole, budget: { left: MAX_STEPS }, lazy: undefined };
}

/**
 * Evaluates a parsed expression. `text` is the expression text the node was parsed from (without
 * brackets); with it, Unknown reasons quote sub-expressions exactly as written.
 */
export function evaluate(node: ExprNode, scope: EvalScope, text?: string): Value {
  const whole = `[${text ?? formatExpression(node)}]`;
  return evaluateNode(node, newState(scope, node, text, 0, whole));
}

/** Evaluates one JSON string: an expression (`[...]`) or a literal (`[[` unescaped). Errors carry offsets into `raw`. */
export function evaluateString(raw: string, scope: EvalScope): Value {
  if (!isExpression(raw)) return unescapeLiteral(raw);
  try {
    const entry = parseBracketedEntry(raw, scope.limits.maxExpressionDepth);
    // A template repeats expressions that do not depend on the loop (`[parameters('location')]` on every resource):
    // evaluated once per template scope. Errors throw before anything is kept, so each use still reports them.
    const memo = scope.memo;
    if (memo !== undefined && entry.memo === memo) return entry.value as Value;
    const value = evaluateNode(entry.node, newState(scope, entry.node, raw, 1, raw));
    if (memo !== undefined && entry.loopFree) {
      entry.memo = memo;
      entry.value = value;
    }
    return value;
  } catch (e) {
    if (e instanceof ExpressionError) throw new ExpressionError(e.message, e.offset + 1);
    if (isStackOverflow(e)) throw new ExpressionError('expression is too deeply nested to evaluate (through variables or functions)', 0);
    throw e;
  }
}

const isCopyLoop = (l: unknown): l is { name?: unknown; count: unknown; input: unknown } => !!l && typeof l === 'object' && 'count' in l && 'input' in l;

/**
 * An object with its own `copy` loops: a resource's `properties` (property iteration), or any object value
 * below them or in module arguments (what Bicep compiles a `for` inside an object to). Each loop becomes an
 * array property, `input` evaluated with `copyIndex('<name>')` bound (a bare `copyIndex()` stays the
 * resource loop's); the object's other properties are evaluated as usual.
 */
function withCopyLoops(src: Record<string, unknown>, scope: EvalScope, onError: ((e: ExpressionError, text: string) => void) | undefined, depth: number): Value {
  const out: { [k: string]: Value } = {};
  for (const k of Object.keys(src)) if (k !== 'copy') setProp(out, k, walk(src[k], scope, onError, depth + 1));
  for (const loop of src.copy as Array<{ name?: unknown; count: unknown; input: unknown }>) {
    if (typeof loop.name !== 'string' || !loop.name) {
      onError?.(new ExpressionError('a copy loop needs a name', 0, 'invalid-resource'), JSON.stringify(loop.count));
      continue;
    }
    const count = walk(loop.count, scope, onError, depth + 1);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      setProp(out, loop.name, isUnknown(count) ? count : new Unknown(`the count of copy loop '${loop.name}' is not a whole number`, typeof loop.count === 'string' ? loop.count : undefined));
      continue;
    }
    if (count > scope.limits.maxLoopInstances) {
      const e = new ExpressionError(`copy loop '${loop.name}' has ${count} instances, over the limit of ${scope.limits.maxLoopInstances}`, 0, 'copy-limit');
      onError?.(e, typeof loop.count === 'string' ? loop.count : String(count));
      setProp(out, loop.name, new Unknown(e.message));
      continue;
    }
    const name = loop.name;
    const lower = name.toLowerCase();
    const items: Value[] = [];
    for (let i = 0; i < count; i++) {
      // This loop's index by its name; everything else (the resource's own copyIndex()) from the enclosing scope.
      const inner: EvalScope = Object.assign(Object.create(scope) as EvalScope, { copyIndex: (name?: string) => (name !== undefined && name.toLowerCase() === lower ? i : scope.copyIndex(name)) });
      items.push(walk(loop.input, inner, onError, depth + 1));
    }
    setProp(out, name, items);
  }
  return out;
}

/**
 * Walks a raw JSON template value, evaluating every expression string (copy-on-write: parts without
 * expressions are returned as they are). Property names are not evaluated (ARM does not). An invalid
 * expression becomes an Unknown saying so and is reported through `onError`; the walk goes on.
 */
export function evaluateTemplateValue(raw: unknown, scope: EvalScope, onError?: (e: ExpressionError, text: string) => void): Value {
  return walk(raw, scope, onError, 0);
}

function walk(raw: unknown, scope: EvalScope, onError: ((e: ExpressionError, text: string) => void) | undefined, depth: number): Value {
  if (typeof raw === 'string') {
    if (raw.length < 2 || raw.charCodeAt(0) !== 91) return raw;
    try {
      return evaluateString(raw, scope);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      onError?.(e, raw);
      return new Unknown(`invalid expression: ${e.message}`, raw);
    }
  }
  if (raw === null || typeof raw !== 'object' || raw instanceof Unknown) return raw as Value;
  if (depth >= scope.limits.maxNestingDepth) {
    const e = new ExpressionError(`value nested deeper than ${scope.limits.maxNestingDepth} levels`, 0);
    onError?.(e, '');
    return new Unknown(e.message);
  }
  if (Array.isArray(raw)) {
    let out: Value[] | undefined;
    for (let i = 0; i < raw.length; i++) {
      const v = walk(raw[i], scope, onError, depth + 1);
      if (out) out.push(v);
      else if (v !== raw[i]) out = [...(raw.slice(0, i) as Value[]), v];
    }
    return out ?? (raw as Value[]);
  }
  const src = raw as Record<string, unknown>;
  if (Array.isArray(src.copy) && src.copy.length && src.copy.every(isCopyLoop)) return withCopyLoops(src, scope, onError, depth);
  let out: { [k: string]: Value } | undefined;
  for (const k in src) {
    if (!Object.hasOwn(src, k)) continue;
    const before = src[k];
    const v = walk(before, scope, onError, depth + 1);
    if (v === before) continue;
    // Copy on the first change (spread defines own properties: a `__proto__` key stays a plain key).
    out ??= { ...(src as { [k: string]: Value }) };
    setProp(out, k, v);
  }
  return out ?? (src as { [k: string]: Value });
}
