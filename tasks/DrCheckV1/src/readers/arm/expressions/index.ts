/**
 * The ARM template expression language: parser, evaluator and function library, shared by the ARM
 * reader and the Bicep reader (one evaluator, not two). See `api.ts` for the contract.
 */
import type { Value } from '../../../../../../shared/model/value';
import type { EvalScope, ExprNode, ExpressionsApi } from './api';
import { evaluateNode, evaluateString, evaluateTemplateValue } from './evaluator';
import { FUNCTION_NAMES, lookupFunction } from './functions';
import { ExpressionError, isExpression, parseExpression } from './parser';

export { ExpressionError, isExpression, parseExpression, evaluateString, evaluateTemplateValue };
export { toArmString } from './functions';
export { uniqueString, armGuid } from './hash';
export type { EvalScope, DeploymentContext, ExprNode } from './api';

/** Calls a library function by name with evaluated arguments (Bicep's built-ins go through here). */
export function callFunction(name: string, args: Value[], scope: EvalScope): Value {
  const fn = lookupFunction(name);
  if (!fn) throw new ExpressionError(`unknown function '${name}'`, 0);
  return fn.call(args, scope, { scope, text: `${name}(…)` });
}

export function hasFunction(name: string): boolean {
  return lookupFunction(name) !== undefined;
}

export const expressions: ExpressionsApi = {
  isExpression,
  parseExpression: (text: string) => parseExpression(text),
  evaluate: (node: ExprNode, scope: EvalScope) => evaluateNode(node, { scope, text: '' }),
  evaluateTemplateValue: (raw: unknown, scope: EvalScope) => evaluateTemplateValue(raw, scope),
  callFunction,
  functionNames: FUNCTION_NAMES,
};
