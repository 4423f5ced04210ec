/**
 * Test scopes for the ARM expression language, built the way the ARM reader builds them: plain maps
 * for parameters and variables, copy loops, user functions and a deployment context.
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_LIMITS } from '../../../../shared/config/limits';
import { Unknown, type Value } from '../../../../shared/model/value';
import type { DeploymentContext, EvalScope } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions/api';
import { evaluateString, evaluateTemplateValue, ExpressionError } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions';

export const SUB = '00000000-0000-0000-0000-000000000000';

/** A deployment to resource group rg-data in a known subscription (tenant and environment unknown). */
export function knownContext(): DeploymentContext {
  return {
    subscription: { subscriptionId: SUB, id: `/subscriptions/${SUB}`, displayName: 'Contoso Data' },
    resourceGroup: { name: 'rg-data', location: 'westeurope', id: `/subscriptions/${SUB}/resourceGroups/rg-data` },
    deployment: { name: 'main' },
    environment: new Unknown('environment() is only known at deployment time'),
    tenant: new Unknown('tenant() is only known at deployment time'),
    managementGroup: null,
  };
}

export interface ScopeOptions {
  params?: Record<string, Value>;
  vars?: Record<string, Value>;
  /** Copy loops, outermost first: name → index. */
  loops?: Array<[string, number]>;
  context?: Partial<DeploymentContext>;
  functions?: Record<string, (args: Value[]) => Value>;
}

export function scope(opts: ScopeOptions = {}): EvalScope {
  const params = opts.params ?? {};
  const vars = opts.vars ?? {};
  const loops = opts.loops ?? [];
  return {
    parameter: (n) => params[Object.keys(params).find((k) => k.toLowerCase() === n.toLowerCase()) ?? n],
    variable: (n) => vars[Object.keys(vars).find((k) => k.toLowerCase() === n.toLowerCase()) ?? n],
    copyIndex: (loop) => {
      if (!loops.length) return new Unknown('copyIndex() is used outside a copy loop');
      if (loop === undefined) return loops[loops.length - 1][1];
      const frame = [...loops].reverse().find(([name]) => name.toLowerCase() === loop.toLowerCase());
      return frame ? frame[1] : new Unknown(`copyIndex('${loop}') names no enclosing copy loop`);
    },
    userFunction: (ns, name) => opts.functions?.[`${ns}.${name}`],
    context: { ...knownContext(), ...opts.context },
    limits: DEFAULT_LIMITS,
  };
}

/** Evaluates one template string (`[...]` or a literal). */
export const ev = (text: string, s: EvalScope = scope()): Value => evaluateString(text, s);

/** Evaluates and asserts the result is an Unknown; returns it. */
export function evUnknown(text: string, s: EvalScope = scope()): Unknown {
  const v = ev(text, s);
  assert.ok(v instanceof Unknown, `expected an Unknown from ${text}, got ${JSON.stringify(v)}`);
  return v;
}

/** Asserts that evaluating `text` throws an ExpressionError matching `message` (at `offset` when given). */
export function throwsAt(text: string, message: RegExp, offset?: number, s: EvalScope = scope()): ExpressionError {
  let caught: unknown;
  try {
    evaluateString(text, s);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ExpressionError, `expected an ExpressionError from ${text}, got ${String(caught)}`);
  assert.match(caught.message, message, text);
  if (offset !== undefined) assert.equal(caught.offset, offset, `offset of "${caught.message}" in ${text}`);
  return caught;
}

/** Evaluates a template fragment as the reader does (errors collected, not thrown). */
export function evTemplate(raw: unknown, s: EvalScope = scope()): { value: Value; errors: string[] } {
  const errors: string[] = [];
  const value = evaluateTemplateValue(raw, s, (e, text) => errors.push(`${e.message} @${e.offset} in ${text}`));
  return { value, errors };
}
