/**
 * The ARM template expression language, shared by the ARM reader and the Bicep reader (one evaluator,
 * not two): tokenizer and parser (`lexer.ts`, `parser.ts`), evaluator (`evaluator.ts`) and the function
 * library (`functions/`, one file per group). See `api.ts` for the contract; each module's header says
 * what it covers.
 *
 * How a reader uses it:
 *   const scope: EvalScope = {
 *     parameter: (name) => …,            // value, Unknown, or undefined when not declared
 *     variable: (name) => …,             // lazily evaluated, cycles reported by the reader
 *     copyIndex: (loop) => …,            // current index, or an Unknown outside loops
 *     userFunction: (ns, name) => …,     // optional: the template's `functions`
 *     context: { subscription, resourceGroup, deployment, environment, tenant, managementGroup },
 *     limits,                            // maxExpressionDepth, maxNestingDepth…
 *   };
 *   evaluateTemplateValue(resourceJson, scope, (err, text) => report(err.message, text));
 *
 * Context values: an object (missing documented properties become Unknowns), an Unknown (nothing is
 * known), or null (that scope does not exist for this deployment, e.g. resourceGroup at subscription
 * scope: resourceId() then builds subscription-level ids).
 */
import type { Value } from '../../../../../../shared/model/value';
import type { EvalScope, ExprNode, ExpressionsApi } from './api';
import { ExpressionError, FunctionError } from './errors';
import { evaluate, evaluateString, evaluateTemplateValue, unknownArgument } from './evaluator';
import { FUNCTION_NAMES, lookupFunction } from './functions/registry';
import type { CallContext, Lambda } from './functions/types';
import { isExpression, parseExpression, unescapeLiteral } from './parser';
import { formatValue } from './values';

export { ExpressionError, isExpression, parseExpression, unescapeLiteral, evaluate, evaluateString, evaluateTemplateValue, FUNCTION_NAMES };
export { formatExpression } from './printer';
export { toArmString, formatValue, deepEqual } from './values';
export { uniqueString, armGuid } from './hash';
export { AZURE_CLOUD_ENVIRONMENT, environmentOf } from './context';
export { UNKNOWN_ID_SEGMENT, isPartialResourceId, resourceIdProviderPart } from './functions/resource';
export type { Lambda } from './functions/types';
export type { EvalScope, DeploymentContext, ExprNode, ExpressionsApi } from './api';

function valueContext(name: string, args: ReadonlyArray<Value | Lambda>, scope: EvalScope): CallContext {
  return { scope, name, callText: () => `${name}(${args.map((a) => (typeof a === 'function' ? 'lambda' : formatValue(a, 40))).join(', ')})` };
}

function run(call: () => Value): Value {
  try {
    return call();
  } catch (e) {
    if (e instanceof FunctionError) throw new ExpressionError(e.message, 0);
    throw e;
  }
}

/**
 * Calls a library function by (case-insensitive) name with evaluated arguments; Bicep's built-ins go
 * through here. Unknown arguments follow the same rules as in templates. Throws ExpressionError
 * (offset 0) for unknown functions, wrong argument counts and invalid arguments.
 */
export function callFunction(name: string, args: Value[], scope: EvalScope): Value {
  const def = lookupFunction(name);
  if (!def) throw new ExpressionError(`unknown function '${name}'`, 0);
  if (args.length < def.min || args.length > def.max) throw new ExpressionError(`${name}() expects ${def.min === def.max ? def.min : `${def.min} to ${def.max}`} arguments, got ${args.length}`, 0);
  if (def.kind === 'lambda') throw new ExpressionError(`${name}() takes lambdas: call it with callLambdaFunction()`, 0);
  const ctx = valueContext(name, args, scope);
  if (def.kind === 'eager') {
    const u = unknownArgument(args, def.unknowns);
    if (u) return u;
  }
  return run(() => def.call(args, ctx));
}

/** Wraps a plain function as a Lambda for {@link callLambdaFunction}. */
export function makeLambda(fn: (...values: Value[]) => Value, arity = fn.length): Lambda {
  return Object.assign((...values: Value[]) => fn(...values), { arity });
}

/** Calls filter/map/reduce/sort/toObject/groupBy/mapValues with callables in the lambda positions. */
export function callLambdaFunction(name: string, args: ReadonlyArray<Value | Lambda>, scope: EvalScope): Value {
  const def = lookupFunction(name);
  if (!def || def.kind !== 'lambda') throw new ExpressionError(`'${name}' is not a lambda function`, 0);
  if (args.length < def.min || args.length > def.max) throw new ExpressionError(`${name}() expects ${def.min === def.max ? def.min : `${def.min} to ${def.max}`} arguments, got ${args.length}`, 0);
  return run(() => def.call(args, valueContext(name, args, scope)));
}

/** The argument positions that take lambdas, when `name` is a lambda function (filter, map, …); else undefined. */
export function lambdaPositions(name: string): readonly number[] | undefined {
  const def = lookupFunction(name);
  return def?.kind === 'lambda' ? def.lambdaArgs : undefined;
}

/** True when the library has a function of that name (including any `list*`). */
export function hasFunction(name: string): boolean {
  return lookupFunction(name) !== undefined;
}

/** The library as the ExpressionsApi contract. */
export const expressions: ExpressionsApi = {
  isExpression,
  parseExpression: (text: string) => parseExpression(text),
  evaluate: (node: ExprNode, scope: EvalScope, text?: string) => evaluate(node, scope, text),
  evaluateTemplateValue: (raw: unknown, scope: EvalScope) => evaluateTemplateValue(raw, scope),
  callFunction,
  functionNames: FUNCTION_NAMES,
};
