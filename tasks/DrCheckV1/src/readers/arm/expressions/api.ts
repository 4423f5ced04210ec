/**
 * Contract of the ARM template expression language implementation (parser + evaluator + function
 * library). The ARM reader and the Bicep reader both evaluate through it; there is one evaluator.
 * Implementation: `index.ts` in this folder exports the functions declared at the bottom.
 */
import type { Value } from '../../../../../../shared/model/value';
import type { Limits } from '../../../../../../shared/config/limits';

/** Parsed expression tree. */
export type ExprNode =
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'call'; name: string; namespace?: string; args: ExprNode[]; start: number; end: number }
  /** `.prop` or `['prop']` / `[0]` access on a value. */
  | { kind: 'member'; object: ExprNode; property: ExprNode; start: number; end: number };

/** A syntax or evaluation error; `offset` is the 0-based position inside the expression text. */
export interface ExpressionErrorInfo {
  message: string;
  offset: number;
}

/**
 * The deployment the template is evaluated in. Unknown parts stay Unknown (never invented). Each value
 * is an object (documented properties the reader leaves out become Unknowns naming them), an Unknown
 * (nothing known), or null when that scope does not exist for the deployment (e.g. `resourceGroup` in a
 * subscription-scope deployment: `resourceId()` then builds subscription-level ids).
 */
export interface DeploymentContext {
  /** `subscription()` object: subscriptionId, id, displayName, tenantId (Unknown unless configured). */
  subscription: Value;
  /** `resourceGroup()` object: name, location, id (Unknown unless known). */
  resourceGroup: Value;
  /** `deployment()` object: name, properties.templateLink… */
  deployment: Value;
  /** `environment()` object. */
  environment: Value;
  /** `tenant()` object. */
  tenant: Value;
  /** `managementGroup()` object. */
  managementGroup: Value;
}

/** Everything an expression can see. */
export interface EvalScope {
  /** Value of a declared parameter (after the parameters file), or `undefined` when it is not declared. */
  parameter(name: string): Value | undefined;
  /** Value of a declared variable (lazily evaluated; cycles reported as errors), or `undefined` when not declared. */
  variable(name: string): Value | undefined;
  /** `copyIndex()` / `copyIndex('loop', offset)`: the current index of the named (or innermost) copy loop, or Unknown outside a loop. */
  copyIndex(loopName?: string): number | Value;
  /** User-defined functions (`functions` section): namespace.member → callable, or undefined. */
  userFunction?(namespace: string, name: string): ((args: Value[]) => Value) | undefined;
  readonly context: DeploymentContext;
  readonly limits: Limits;
  /**
   * Identity of the values this scope gives every expression that does not read `copyIndex()`: scopes that share
   * the token (a template scope and its copy-loop scopes) share those values, so each is evaluated once. A scope
   * whose parameters, variables or context differ (a user function's, another template's) has its own token or none.
   */
  readonly memo?: object;
}

/** A function of the shared library: receives evaluated arguments. */
export type ArmFunction = (args: Value[], scope: EvalScope) => Value;

export interface ExpressionsApi {
  /** True when a JSON string is an expression (`[...]`) and not an escaped literal (`[[...`). */
  isExpression(raw: string): boolean;
  /** Parses the inside of `[...]` (without the brackets). Throws ExpressionError with an offset. */
  parseExpression(text: string): ExprNode;
  /**
   * Evaluates a parsed expression. `text` (optional, backward-compatible extension) is the text the node
   * was parsed from; with it Unknown reasons quote sub-expressions exactly as written.
   */
  evaluate(node: ExprNode, scope: EvalScope, text?: string): Value;
  /** Evaluates a raw JSON template value: expression strings are evaluated, `[[` unescaped, objects/arrays walked. */
  evaluateTemplateValue(raw: unknown, scope: EvalScope): Value;
  /** Calls a function of the shared library by (case-insensitive) name; Bicep uses this for its built-ins. */
  callFunction(name: string, args: Value[], scope: EvalScope): Value;
  /** Names of the functions the library implements. */
  readonly functionNames: readonly string[];
}
