/**
 * How library functions are declared. Three kinds:
 * - `eager`: receives evaluated arguments (most functions);
 * - `lazy`: receives the argument trees and evaluates only what ARM evaluates (`if`, `and`, `or`,
 *   `coalesce`, `lambdaVariables`); also has an eager form for callers that hold values (Bicep);
 * - `lambda`: some arguments are lambdas (`filter`, `map`, …), passed as callable {@link Lambda}s.
 */
import type { Value } from '../../../../../../../shared/model/value';
import type { EvalScope, ExprNode } from '../api';

/** What a function sees of the call besides its arguments. */
export interface CallContext {
  readonly scope: EvalScope;
  /** The function name as written. */
  readonly name: string;
  /** The call as written in the template (`reference('st')`), for Unknown reasons. */
  callText(): string;
}

/**
 * How Unknown arguments are handled before the function runs:
 * - `deep` (default): an Unknown anywhere inside any argument makes the result that Unknown;
 * - `shallow`: only Unknown arguments do; Unknowns nested in arrays/objects reach the function;
 * - `accept`: the function receives Unknown arguments and decides.
 */
export type UnknownMode = 'deep' | 'shallow' | 'accept';

/** A lambda argument, callable with the lambda's parameters. */
export interface Lambda {
  (...values: Value[]): Value;
  /** Number of parameters the lambda declares. */
  readonly arity: number;
}

interface Base {
  /** Fewest and most arguments accepted. */
  min: number;
  max: number;
  /** One-line signature for messages, e.g. `substring(stringToParse, startIndex, [length])`. */
  signature?: string;
}

export interface EagerFunction extends Base {
  kind: 'eager';
  unknowns?: UnknownMode;
  call(args: Value[], ctx: CallContext): Value;
}

/** Evaluates argument trees on demand, for lazy functions. */
export interface LazyEvaluator {
  evaluate(node: ExprNode): Value;
  /** The value of a lambda variable in scope, or undefined. */
  lambdaVariable(name: string): Value | undefined;
}

export interface LazyFunction extends Base {
  kind: 'lazy';
  lazy(args: readonly ExprNode[], ev: LazyEvaluator, ctx: CallContext): Value;
  /** The same function over already evaluated arguments. */
  call(args: Value[], ctx: CallContext): Value;
}

export interface LambdaFunction extends Base {
  kind: 'lambda';
  /** Argument positions that must be lambdas. */
  lambdaArgs: readonly number[];
  call(args: ReadonlyArray<Value | Lambda>, ctx: CallContext): Value;
}

export type FunctionDef = EagerFunction | LazyFunction | LambdaFunction;

/** Shorthand for an eager function definition. */
export function eager(min: number, max: number, call: EagerFunction['call'], unknowns: UnknownMode = 'deep'): EagerFunction {
  return { kind: 'eager', min, max, call, unknowns };
}
