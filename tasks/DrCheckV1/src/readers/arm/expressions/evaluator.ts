/**
 * Evaluates parsed ARM expressions. Anything that is only known at deployment time becomes an
 * `Unknown` that carries the reason and the whole expression's text; nothing is guessed, nothing is
 * executed (there is no `eval`: every function is implemented in `functions.ts`).
 */
import { isObject, isUnknown, Unknown, type Value } from '../../../../../../shared/model/value';
import type { EvalScope, ExprNode } from './api';
import { bindEvaluator, LAZY_FUNCTIONS, lookupFunction } from './functions';
import { ExpressionError, isExpression, parseExpression } from './parser';

/** Evaluation of one expression: the node tree plus the source text, for Unknown reasons. */
export interface EvalState {
  scope: EvalScope;
  /** The whole expression as written, `[...]` included. */
  text: string;
  /** Lambda variables in scope (`lambdaVariables('x')`). */
  lambdas?: Map<string, Value>;
}

/** Largest string (characters) an expression may produce. */
const MAX_VALUE_LENGTH = 1 << 20;

function unknownFrom(v: Unknown, state: EvalState): Unknown {
  return v.expression === state.text ? v : new Unknown(v.reason, state.text);
}

export function evaluateNode(node: ExprNode, state: EvalState): Value {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'number':
      return node.value;
    case 'member': {
      const obj = evaluateNode(node.object, state);
      const prop = evaluateNode(node.property, state);
      if (isUnknown(obj)) return unknownFrom(obj, state);
      if (isUnknown(prop)) return unknownFrom(prop, state);
      return member(obj, prop, node, state);
    }
    case 'call':
      return call(node, state);
  }
}

function member(obj: Value, prop: Value, node: ExprNode, state: EvalState): Value {
  if (Array.isArray(obj)) {
    if (typeof prop !== 'number' || !Number.isInteger(prop)) throw new ExpressionError(`an array can only be indexed by an integer, not ${JSON.stringify(prop)}`, node.start);
    if (prop < 0 || prop >= obj.length) throw new ExpressionError(`index ${prop} is outside the array (length ${obj.length})`, node.start);
    return obj[prop];
  }
  if (isObject(obj)) {
    const key = String(prop);
    if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
    const lower = key.toLowerCase();
    const found = Object.keys(obj).find((k) => k.toLowerCase() === lower);
    if (found !== undefined) return obj[found];
    throw new ExpressionError(`the object has no property '${key}'`, node.end);
  }
  void state;
  throw new ExpressionError(`cannot read property '${String(prop)}' of ${obj === null ? 'null' : typeof obj}`, node.start);
}

function call(node: Extract<ExprNode, { kind: 'call' }>, state: EvalState): Value {
  const { scope } = state;
  if (node.namespace) {
    const fn = scope.userFunction?.(node.namespace, node.name);
    if (!fn) throw new ExpressionError(`unknown function '${node.namespace}.${node.name}'`, node.start);
    const args = node.args.map((a) => evaluateNode(a, state));
    const u = args.find(isUnknown);
    if (u) return unknownFrom(u, state);
    return fn(args);
  }
  const name = node.name.toLowerCase();
  const lazy = LAZY_FUNCTIONS[name];
  if (lazy) return lazy(node, state, (n) => evaluateNode(n, state));
  const fn = lookupFunction(name);
  if (!fn) throw new ExpressionError(`unknown function '${node.name}'`, node.start);
  const args = node.args.map((a) => evaluateNode(a, state));
  if (!fn.acceptsUnknown) {
    const u = args.find(isUnknown);
    if (u) return unknownFrom(u, state);
  }
  try {
    const result = fn.call(args, scope, state);
    // Guard against templates that grow values exponentially (a variable doubling itself 40 times).
    if ((typeof result === 'string' && result.length > MAX_VALUE_LENGTH) || (Array.isArray(result) && result.length > MAX_VALUE_LENGTH / 16)) {
      throw new ExpressionError(`${node.name}() produced a value over the size limit`, node.start);
    }
    return isUnknown(result) ? unknownFrom(result, state) : result;
  } catch (e) {
    if (e instanceof ExpressionError) throw e;
    throw new ExpressionError(`${node.name}(): ${(e as Error).message}`, node.start);
  }
}

/** Evaluates one expression string (`[...]`). Throws ExpressionError with an offset into `raw`. */
export function evaluateString(raw: string, scope: EvalScope, lambdas?: Map<string, Value>): Value {
  if (!isExpression(raw)) return raw.startsWith('[[') ? raw.slice(1) : raw;
  let node: ExprNode;
  try {
    node = parseExpression(raw.slice(1, -1), scope.limits.maxExpressionDepth);
  } catch (e) {
    if (e instanceof ExpressionError) throw new ExpressionError(e.message, e.offset + 1);
    throw e;
  }
  try {
    return evaluateNode(node, { scope, text: raw, lambdas });
  } catch (e) {
    if (e instanceof ExpressionError) throw new ExpressionError(e.message, e.offset + 1);
    if (e instanceof RangeError) throw new ExpressionError('expression too deep to evaluate', 0);
    throw e;
  }
}

/**
 * Walks a raw JSON value, evaluating every expression string. `onError` receives errors (with the
 * offending string) and the value becomes Unknown; walking goes on.
 */
export function evaluateTemplateValue(raw: unknown, scope: EvalScope, onError?: (e: ExpressionError, text: string) => void): Value {
  if (typeof raw === 'string') {
    if (raw.length < 2 || raw.charCodeAt(0) !== 91) return raw;
    try {
      return evaluateString(raw, scope);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      if (onError) onError(e, raw);
      return new Unknown(`invalid expression: ${e.message}`, raw);
    }
  }
  if (raw === null || typeof raw !== 'object') return raw as Value;
  // Copy on write: values without expressions are returned as they are, sparing allocations.
  if (Array.isArray(raw)) {
    let out: Value[] | undefined;
    for (let i = 0; i < raw.length; i++) {
      const v = evaluateTemplateValue(raw[i], scope, onError);
      if (out) out.push(v);
      else if (v !== raw[i]) out = [...(raw.slice(0, i) as Value[]), v];
    }
    return out ?? (raw as Value[]);
  }
  let out: { [k: string]: Value } | undefined;
  const keys = Object.keys(raw);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const before = (raw as Record<string, unknown>)[k];
    const v = evaluateTemplateValue(before, scope, onError);
    if (out) out[k] = v;
    else if (v !== before) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]] = (raw as Record<string, Value>)[keys[j]];
      out[k] = v;
    }
  }
  return out ?? (raw as { [k: string]: Value });
}

bindEvaluator(evaluateNode);
