/**
 * The evaluation scope of one ARM template: parameters (defaults overridden by a parameters file),
 * lazily evaluated variables with cycle detection, `copy` variables, user-defined functions and the
 * deployment context (`resourceGroup()`, `subscription()`, `deployment()`), which stays Unknown where
 * drcheck cannot know it.
 */
import type { Limits } from '../../../../../shared/config/limits';
import { distinctAlternatives, isObject, Unknown, type Value } from '../../../../../shared/model/value';
import type { DeploymentContext, EvalScope } from './expressions/api';
import { evaluateTemplateValue, ExpressionError } from './expressions';
import { findKey } from './expressions/values';

export interface ScopeProblem {
  message: string;
  /** Path inside the template (`variables/x`, `parameters/y`) for positioning. */
  path: string;
  /** The issue code, when not a plain expression error (`variable-cycle`, or an ExpressionError's own: `copy-limit`). */
  code?: string;
  /** The expression as written, when the problem is in one: it is reported where it is written. */
  text?: string;
}

export interface TemplateScopeInput {
  template: Record<string, unknown>;
  /** Values from a parameters file or a parent deployment (already evaluated). */
  parameterValues: Record<string, Value>;
  context: DeploymentContext;
  limits: Limits;
  report: (p: ScopeProblem) => void;
  /** Outer scope, for nested templates with `expressionEvaluationOptions.scope: outer`. */
  outer?: EvalScope;
}

const unknownContext = (what: string) => new Unknown(`${what} is only known at deployment time`);

export function defaultContext(over: Partial<DeploymentContext> = {}): DeploymentContext {
  return {
    subscription: { subscriptionId: unknownContext('subscription().subscriptionId'), id: unknownContext('subscription().id'), tenantId: unknownContext('subscription().tenantId'), displayName: unknownContext('subscription().displayName') },
    resourceGroup: { name: unknownContext('resourceGroup().name'), id: unknownContext('resourceGroup().id'), location: unknownContext('resourceGroup().location') },
    deployment: { name: unknownContext('deployment().name'), properties: {} },
    environment: unknownContext('environment()'),
    tenant: unknownContext('tenant()'),
    managementGroup: unknownContext('managementGroup()'),
    ...over,
  };
}

/** A copy-loop frame: `copyIndex()` / `copyIndex('name')` read these, innermost first. */
export interface LoopFrame {
  name: string;
  index: number;
}

/** Parameter types whose allowed values are the values it can take (an array's are its elements; a `$ref` type is not known here). */
const SINGLE_VALUED = new Set(['string', 'securestring', 'int', 'bool', 'object', 'secureobject']);

export function createTemplateScope(input: TemplateScopeInput): EvalScope & { withLoops(loops: LoopFrame[]): EvalScope } {
  const { template, parameterValues, context, limits, report } = input;
  const declaredParams = isObject(template.parameters as Value) ? (template.parameters as Record<string, Record<string, unknown>>) : {};
  const declaredVars = isObject(template.variables as Value) ? (template.variables as Record<string, unknown>) : {};
  const paramCache = new Map<string, Value>();
  const varCache = new Map<string, Value>();
  const inProgress = new Set<string>();
  const definitions = isObject(template.definitions as Value) ? (template.definitions as Record<string, unknown>) : {};
  /**
   * Whether a parameter's type admits null, on the parameter or on the user-defined type its `$ref` names
   * (`#/definitions/lockType`, as Bicep compiles `param lock lockType` where `type lockType = {…}?`): such a
   * parameter left unset is null.
   */
  const isNullable = (declared: Record<string, unknown>): boolean => {
    let t: unknown = declared;
    for (let hops = 0; hops < 16 && isObject(t as Value); hops++) {
      const type = t as Record<string, unknown>;
      if (type.nullable === true) return true;
      const ref = typeof type.$ref === 'string' ? /^#\/definitions\/(.+)$/.exec(type.$ref) : null;
      if (!ref) return false;
      // Definition names are matched as ARM matches every name in a template: exactly, else ignoring case.
      const name = findKey(definitions as Record<string, Value>, ref[1].replace(/~1/g, '/').replace(/~0/g, '~'));
      t = name === undefined ? undefined : definitions[name];
    }
    return false;
  };

  // ARM names parameters, variables, user functions and the values given for parameters ignoring case
  // (`parameters('StorageSku')` reads `storageSku`): every lookup takes the exact key, else one differing only in case.

  const scope: EvalScope & { withLoops(loops: LoopFrame[]): EvalScope } = {
    context,
    limits,
    memo: {},
    parameter(name) {
      const key = findKey(declaredParams as Record<string, Value>, name);
      if (key === undefined) return undefined;
      const cached = paramCache.get(key);
      if (cached !== undefined) return cached;
      let value: Value;
      const declared = isObject(declaredParams[key] as Value) ? declaredParams[key] : {};
      const hasDefault = 'defaultValue' in declared;
      const supplied = findKey(parameterValues, key);
      // null passed for a parameter with a default (AVM passes tryGet(...) results through) means the default.
      if (supplied !== undefined && !(parameterValues[supplied] === null && hasDefault && !isNullable(declared))) value = parameterValues[supplied];
      else if (hasDefault) {
        if (inProgress.has(`p:${key}`)) {
          report({ message: `parameter '${key}' refers to itself through its default value`, path: `parameters/${key}` });
          return new Unknown(`parameter '${key}' has a circular default`);
        }
        inProgress.add(`p:${key}`);
        value = evaluateTemplateValue(declared.defaultValue, scope, (e, text) => report({ message: `parameter '${key}': ${e.message} in ${text}`, path: `parameters/${key}`, code: e.code }));
        inProgress.delete(`p:${key}`);
      } else if (isNullable(declared)) value = null; // a nullable parameter left unset is null (AVM's optional parameters)
      else {
        // Given no value, it is still one of its allowed values (when the template lists them; an array parameter's
        // allowed values are the elements it may hold, not its values, and a `$ref` type may be an array).
        const allowed = declared.allowedValues;
        const single = SINGLE_VALUED.has(String(declared.type ?? '').toLowerCase());
        value = new Unknown(`parameter '${key}' has no default and no value in a parameters file`, `[parameters('${key}')]`, Array.isArray(allowed) && single ? distinctAlternatives(allowed as Value[]) : undefined);
      }
      paramCache.set(key, value);
      return value;
    },
    variable(name) {
      const key = findKey(declaredVars as Record<string, Value>, name);
      // `copy` is the section of copy variables, not a variable (`variables('Copy')` neither): its loops are found by their names.
      if (key === undefined || key === 'copy') return copyVariable(name);
      const cached = varCache.get(key);
      if (cached !== undefined) return cached;
      if (inProgress.has(`v:${key}`)) {
        report({ message: `variable '${key}' depends on itself (${[...inProgress].filter((x) => x.startsWith('v:')).map((x) => x.slice(2)).join(' → ')} → ${key})`, path: `variables/${key}`, code: 'variable-cycle' });
        return new Unknown(`variable '${key}' is part of a cycle`, `[variables('${key}')]`);
      }
      inProgress.add(`v:${key}`);
      // An object variable with its own `copy` loops is expanded by the template value walker.
      const value = evaluateTemplateValue(declaredVars[key], scope, (e, text) => report({ message: `variable '${key}': ${e.message} in ${text}`, path: `variables/${key}`, code: e.code, text }));
      inProgress.delete(`v:${key}`);
      varCache.set(key, value);
      return value;
    },
    copyIndex() {
      return new Unknown('copyIndex() is used outside a copy loop');
    },
    userFunction(namespace, name) {
      const fns = Array.isArray(template.functions) ? (template.functions as Array<Record<string, unknown>>) : [];
      const lower = namespace.toLowerCase();
      const ns = fns.find((f) => f.namespace === namespace) ?? fns.find((f) => typeof f.namespace === 'string' && f.namespace.toLowerCase() === lower);
      const members = ns && isObject(ns.members as Value) ? (ns.members as Record<string, Record<string, unknown>>) : undefined;
      const key = members && findKey(members as Record<string, Value>, name);
      if (!members || !key) return undefined;
      const def = members[key];
      const params = Array.isArray(def.parameters) ? (def.parameters as Array<{ name: string }>) : [];
      const output = isObject(def.output as Value) ? (def.output as Record<string, unknown>) : {};
      return (args: Value[]) => {
        const bound: Record<string, Value> = {};
        params.forEach((p, i) => (bound[p.name] = args[i] ?? null));
        // User functions see only their own parameters (ARM rule), plus the deployment context.
        const fnScope: EvalScope = {
          context,
          limits,
          parameter: (n) => {
            const k = findKey(bound, n);
            return k === undefined ? undefined : bound[k];
          },
          variable: () => undefined,
          copyIndex: () => new Unknown('copyIndex() is not available in user-defined functions'),
        };
        return evaluateTemplateValue(output.value, fnScope, (e) => {
          throw new ExpressionError(`in ${namespace}.${name}(): ${e.message}`, 0);
        });
      };
    },
    withLoops(loops: LoopFrame[]): EvalScope {
      // Outside any loop copyIndex() is the same Unknown either way: the template scope serves.
      return loops.length ? new LoopScope(scope, loops) : scope;
    },
  };

  /** `variables.copy`: arrays built by a copy loop, named by the loop (expanded by the value walker, as every copy loop). */
  function copyVariable(name: string): Value | undefined {
    const loops = Array.isArray(declaredVars.copy) ? (declaredVars.copy as Array<Record<string, unknown>>) : [];
    const loop = loops.find((l) => typeof l.name === 'string' && l.name.toLowerCase() === name.toLowerCase());
    if (!loop) return undefined;
    const key = `copy:${String(loop.name)}`;
    const cached = varCache.get(key);
    if (cached !== undefined) return cached;
    const expanded = evaluateTemplateValue({ copy: [loop] }, scope, (e, text) => report({ message: `copy variable '${String(loop.name)}': ${e.message} in ${text}`, path: 'variables/copy', code: e.code, text }));
    const items = isObject(expanded) && Object.hasOwn(expanded, String(loop.name)) ? expanded[String(loop.name)] : new Unknown(`copy variable '${String(loop.name)}' cannot be expanded`);
    varCache.set(key, items);
    return items;
  }

  if (input.outer) return Object.assign(Object.create(input.outer), { withLoops: (loops: LoopFrame[]) => withOuterLoops(input.outer!, loops) });
  return scope;
}

/** A template scope inside copy loops: everything from the template scope, copyIndex() from the loops. */
class LoopScope implements EvalScope {
  readonly context: DeploymentContext;
  readonly limits: Limits;
  /** The template scope's: an expression that does not read copyIndex() has the same value in every loop instance. */
  readonly memo: object | undefined;
  constructor(
    private readonly base: EvalScope & { withLoops(loops: LoopFrame[]): EvalScope },
    private readonly loops: LoopFrame[],
  ) {
    this.context = base.context;
    this.limits = base.limits;
    this.memo = base.memo;
  }
  parameter(name: string): Value | undefined {
    return this.base.parameter(name);
  }
  variable(name: string): Value | undefined {
    return this.base.variable(name);
  }
  userFunction(namespace: string, name: string): ((args: Value[]) => Value) | undefined {
    return this.base.userFunction?.(namespace, name);
  }
  copyIndex(loopName?: string): number | Value {
    const loops = this.loops;
    if (!loopName) return loops[loops.length - 1].index;
    const lower = loopName.toLowerCase();
    for (let i = loops.length - 1; i >= 0; i--) if (loops[i].name.toLowerCase() === lower) return loops[i].index;
    return new Unknown(`copyIndex('${loopName}') names no enclosing copy loop`);
  }
  /** As the template scope's: other loops replace these (a nested template with outer scope). */
  withLoops(loops: LoopFrame[]): EvalScope {
    return this.base.withLoops(loops);
  }
}

function withOuterLoops(outer: EvalScope, loops: LoopFrame[]): EvalScope {
  const base = (outer as EvalScope & { withLoops?: (l: LoopFrame[]) => EvalScope }).withLoops;
  return base ? base.call(outer, loops) : outer;
}
